import type { FastifyInstance } from "fastify";
import type { Answer, Explanation } from "../../../core/types.ts";
import { type Html, html, safeHref } from "../html.ts";
import { csrfField } from "../layout.ts";
import type { ConsoleContext } from "../server.ts";

/** How many quotes Try shows, to pin from. */
export const TRY_QUOTES = 10;

/**
 * Try a question as a user would, with the filters, and see why: the answer (each quote with a Pin button, so
 * that a pin is always a quote the search returned, verbatim), the terms and their weights, the answer type,
 * every candidate's re-ranking features against the threshold, and why it abstained.
 */
export function tryPage(app: FastifyInstance, context: ConsoleContext): void {
  app.get("/try", async (request, reply) => {
    const raw = request.query as Record<string, string | undefined>;
    const question = raw.q?.trim() ?? "";
    const filter = {
      source: raw.source || undefined,
      since: raw.since || undefined,
      until: raw.until || undefined,
    };
    const loaded = context.loaded();
    const answer =
      question && loaded
        ? await loaded.qa.ask(question, { limit: TRY_QUOTES, filter, explain: true })
        : undefined;
    const pin = question && loaded ? await loaded.pins.match(question) : undefined;
    return context.send(
      reply,
      "Try a question",
      "/try",
      (csrf) => html`
<form class="filters" method="get" action="/try">
<label style="flex:1 1 16rem">Question <input type="search" name="q" value="${question}" required></label>
<label>Source <input name="source" value="${filter.source ?? ""}" size="8"></label>
<label>Since <input name="since" value="${filter.since ?? ""}" size="8" placeholder="2025-01"></label>
<label>Until <input name="until" value="${filter.until ?? ""}" size="8"></label>
<button>Ask</button>
</form>
${!loaded ? html`<p class="problem">The index is still loading.</p>` : ""}
${pin ? html`<p class="pinned">📌 Users asking this get pin #${pin.pin.id} first (similarity ${pin.similarity.toFixed(2)} ≥ ${loaded?.pins.threshold}): “${pin.pin.quote.text.slice(0, 60)}…”</p>` : ""}
${answer ? answerSection(answer, question, csrf) : ""}
${answer?.explanation ? explanationSection(answer.explanation) : ""}`,
    );
  });
}

function answerSection(answer: Answer, question: string, csrf: string): Html {
  if (answer.filterProblem)
    return html`<p class="problem">The filter could not be applied: ${JSON.stringify(answer.filterProblem)}</p>`;
  if (answer.quotes.length === 0)
    return html`<h2>Answer</h2><p class="problem" id="abstained">No quote: the bot abstains.</p>`;
  return html`<h2>Answer</h2>
${answer.quotes.map((q, i) => {
  const href = safeHref(q.article.url);
  return html`<div class="quote"><blockquote>${q.text}</blockquote>
<div class="muted">${i + 1}. score ${q.score.toFixed(3)} · ${q.article.publisher ?? "?"} · ${href ? html`<a href="${href}" rel="noreferrer">${q.article.title}</a>` : q.article.title} · ${q.article.date ?? ""} · ${q.article.file}</div>
<form method="post" action="/pins" class="inline">${csrfField(csrf)}<input type="hidden" name="question" value="${question}"><input type="hidden" name="ref" value="${q.ref}"><button class="secondary">📌 Pin to this question</button></form>
</div>`;
})}`;
}

function explanationSection(e: Explanation): Html {
  const percent = (x: number) => `${Math.round(x * 100)}%`;
  const names = Object.keys(e.candidates[0]?.features ?? {});
  return html`<h2>Why</h2>
<p id="why">Answer type: <b>${e.answerType}</b> · asked in ${e.english ? "English (terms are translations)" : "Chinese"} · threshold: confidence ≥ <b>${percent(e.threshold)}</b>${e.minInformation === undefined ? "" : html`, information ≥ ${e.minInformation} nats`}</p>
${e.abstained ? html`<p class="problem" id="why-abstained">Abstained: ${e.abstained}</p>` : ""}
<h2>Terms</h2>
<table class="stack" id="terms"><thead><tr><th class="n">Weight</th><th>Forms (spellings, names, synonyms, translations)</th></tr></thead><tbody>
${e.terms.map((t) => html`<tr><td class="n" data-label="Weight">${t.weight.toFixed(2)}</td><td data-label="Forms">${t.forms.join(" / ")}</td></tr>`)}
</tbody></table>
<h2>Candidates</h2>
<div class="scroll"><table class="stack" id="candidates"><thead><tr><th>#</th><th class="n">Score</th><th class="n">Confidence</th>${names.map((n) => html`<th class="n">${n}</th>`)}<th>Passage</th></tr></thead><tbody>
${e.candidates.map(
  (c, i) =>
    html`<tr><td data-label="#">${i + 1} ${c.passed ? "✓" : "✗"}</td><td class="n" data-label="Score">${c.score.toFixed(3)}</td><td class="n" data-label="Confidence">${percent(c.confidence)}</td>${names.map((n) => html`<td class="n" data-label="${n}">${(c.features[n] ?? 0).toFixed(3)}</td>`)}<td data-label="Passage">${c.text}… <span class="muted">${c.title}</span></td></tr>`,
)}
</tbody></table></div>`;
}
