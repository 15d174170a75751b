import type { FastifyInstance } from "fastify";
import type { Outcome, QuestionQuery } from "../../../store/types.ts";
import { html } from "../html.ts";
import type { ConsoleContext } from "../server.ts";
import { overviewData } from "./overview.ts";

const PAGE = 50;
const OUTCOMES: ReadonlyArray<Outcome | "down"> = ["answered", "abstained", "down", "filter"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The query string of the questions page, checked: anything unexpected is ignored. */
function readQuery(raw: Record<string, string | undefined>): QuestionQuery & { offset: number } {
  const outcome = OUTCOMES.find((o) => o === raw.outcome);
  return {
    search: raw.q?.trim() || undefined,
    platform: ["telegram", "discord", "console"].find((p) => p === raw.platform),
    outcome,
    since: raw.since && DATE.test(raw.since) ? raw.since : undefined,
    until: raw.until && DATE.test(raw.until) ? raw.until : undefined,
    limit: PAGE,
    offset: Math.max(0, Math.trunc(Number(raw.offset) || 0)),
  };
}

/** The question log (filters, newest first, with quotes and scores), the unanswered groups, and JSON views. */
export function questionPages(app: FastifyInstance, context: ConsoleContext): void {
  app.get("/questions", async (request, reply) => {
    const query = readQuery(request.query as Record<string, string | undefined>);
    const rows = await context.store.questions(query);
    const next = new URLSearchParams(
      Object.entries({ ...(request.query as Record<string, string>), offset: String(query.offset + PAGE) }),
    );
    const selected = (a: string | undefined, b: string) => (a === b ? html` selected` : "");
    return context.send(
      reply,
      "Questions",
      "/questions",
      () => html`
<form class="filters" method="get" action="/questions">
<label>Search <input type="search" name="q" value="${query.search ?? ""}"></label>
<label>Platform <select name="platform"><option value="">all</option>${["telegram", "discord", "console"].map((p) => html`<option${selected(query.platform, p)}>${p}</option>`)}</select></label>
<label>Outcome <select name="outcome"><option value="">all</option>${OUTCOMES.map((o) => html`<option value="${o}"${selected(query.outcome, o)}>${o === "down" ? "👎" : o}</option>`)}</select></label>
<label>From <input type="date" name="since" value="${query.since ?? ""}"></label>
<label>To <input type="date" name="until" value="${query.until ?? ""}"></label>
<button>Filter</button>
</form>
<div class="scroll"><table class="stack" id="questions"><thead><tr><th>Time</th><th>Platform</th><th>Question</th><th>Outcome</th><th>Quotes (score)</th><th class="n">ms</th></tr></thead><tbody>
${rows.map(
  (r) => html`<tr>
<td data-label="Time">${r.time.replace("T", " ").slice(0, 19)}</td>
<td data-label="Platform">${r.platform}</td>
<td data-label="Question" class="question">${r.question}</td>
<td data-label="Outcome">${r.outcome}</td>
<td data-label="Quotes">${r.quotes.map((q) => html`<div>${q.pinned ? html`<span class="pinned">📌 </span>` : ""}${q.text.slice(0, 80)}${q.text.length > 80 ? "…" : ""} <span class="muted">(${q.score}) ${q.publisher ?? ""} · ${q.title}</span></div>`)}</td>
<td class="n" data-label="ms">${r.ms}</td></tr>`,
)}
${rows.length === 0 ? html`<tr><td colspan="6" class="muted">No questions${context.logQuestions ? "" : " (QUESTION_LOG is off)"}.</td></tr>` : ""}
</tbody></table></div>
${rows.length === PAGE ? html`<p><a href="/questions?${next.toString()}">Older questions</a></p>` : ""}`,
    );
  });

  app.get("/gaps", async (_request, reply) => {
    const since = new Date(Date.now() - context.retentionDays * 86_400_000).toISOString();
    const gaps = await context.store.gaps(since, 100);
    return context.send(
      reply,
      "Unanswered questions",
      "/gaps",
      () => html`
<p class="muted">Questions the articles did not answer, the same question in either script counted as one: the gaps an article or a pin could fill.</p>
<div class="scroll"><table class="stack" id="gaps"><thead><tr><th class="n">Asked</th><th>Question (latest wording)</th><th>Platforms</th><th>Last asked</th><th></th></tr></thead><tbody>
${gaps.map(
  (g) =>
    html`<tr><td class="n count" data-label="Asked">${g.count}</td><td data-label="Question">${g.question}</td><td data-label="Platforms">${g.platforms.join(", ")}</td><td data-label="Last asked">${g.last.replace("T", " ").slice(0, 16)}</td><td><a href="/try?q=${encodeURIComponent(g.question)}">Try it</a></td></tr>`,
)}
${gaps.length === 0 ? html`<tr><td colspan="5" class="muted">No unanswered question.</td></tr>` : ""}
</tbody></table></div>`,
    );
  });

  app.get("/api/overview", async () => overviewData(context));
  app.get("/api/questions", async (request) =>
    context.store.questions(readQuery(request.query as Record<string, string | undefined>)),
  );
}
