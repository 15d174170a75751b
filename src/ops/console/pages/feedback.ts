import type { FastifyInstance } from "fastify";
import { html } from "../html.ts";
import { csrfField } from "../layout.ts";
import type { ConsoleContext } from "../server.ts";

/** Answers marked 👎: the question, the quotes, the votes; "mark as fixed" once a pin or an article covers it. */
export function feedbackPage(app: FastifyInstance, context: ConsoleContext): void {
  app.get("/feedback", async (_request, reply) => {
    const items = await context.store.feedback();
    const open = items.filter((i) => !i.fixed);
    const fixed = items.filter((i) => i.fixed);
    return context.send(
      reply,
      "Feedback",
      "/feedback",
      (csrf) => html`
<p class="muted">${open.length} open, ${fixed.length} fixed. Users' ids are kept only as salted hashes.</p>
<div class="scroll"><table class="stack" id="feedback"><thead><tr><th>Question</th><th>Quotes shown</th><th class="n">👍</th><th class="n">👎</th><th>Last vote</th><th></th></tr></thead><tbody>
${[...open, ...fixed].map(
  (i) => html`<tr><td data-label="Question">${i.question}</td>
<td data-label="Quotes">${i.quotes.map((q) => html`<div>${q.text ? html`<q>${q.text.slice(0, 100)}</q> ` : ""}<span class="muted">${q.file}${q.paragraph === undefined ? "" : ` ¶${q.paragraph + 1}`}</span></div>`)}</td>
<td class="n" data-label="👍">${i.up}</td><td class="n" data-label="👎">${i.down}</td><td data-label="Last vote">${i.last.replace("T", " ").slice(0, 16)}</td>
<td>${
    i.fixed
      ? html`<span class="ok">Fixed ${i.fixed.slice(0, 10)}</span>`
      : html`<form method="post" action="/feedback/fixed">${csrfField(csrf)}<input type="hidden" name="answer" value="${i.answer}"><button>Mark as fixed</button></form>`
  }</td></tr>`,
)}
${items.length === 0 ? html`<tr><td colspan="6" class="muted">No answer marked 👎.</td></tr>` : ""}
</tbody></table></div>`,
    );
  });

  app.post("/feedback/fixed", { preHandler: app.csrfProtection }, async (request, reply) => {
    const answer = (request.body as { answer?: string }).answer;
    if (typeof answer === "string" && /^[0-9a-f]{32}$/.test(answer))
      await context.store.markFixed(answer, new Date().toISOString());
    return reply.redirect("/feedback", 303);
  });
}
