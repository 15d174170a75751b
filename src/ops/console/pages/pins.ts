import type { FastifyInstance } from "fastify";
import { html } from "../html.ts";
import { csrfField } from "../layout.ts";
import type { ConsoleContext } from "../server.ts";
import { TRY_QUOTES } from "./try.ts";

/**
 * Pinned answers: each pin's question, quote and article, how often it was used, and the similarity from which
 * a question gets it; pinning (from Try's results only) and removing.
 */
export function pinPages(app: FastifyInstance, context: ConsoleContext): void {
  app.get("/pins", async (_request, reply) => {
    const pins = await context.store.pins();
    const threshold = context.loaded()?.pins.threshold;
    return context.send(
      reply,
      "Pinned answers",
      "/pins",
      (csrf) => html`
<p class="muted">A question whose words are this close to a pin's (similarity ≥ <b id="threshold">${threshold ?? "–"}</b>, 1 being the same words) gets the pinned quote first, marked as chosen by the moderators. Pin a quote from <a href="/try">Try</a>.</p>
<div class="scroll"><table class="stack" id="pins"><thead><tr><th>Question</th><th>Quote</th><th>Article</th><th class="n">Used</th><th>Last used</th><th></th></tr></thead><tbody>
${pins.map(
  (
    p,
  ) => html`<tr><td data-label="Question">${p.question}</td><td data-label="Quote">${p.quote.text}</td><td data-label="Article">${p.quote.article.publisher ?? ""} · ${p.quote.article.title} <span class="muted">${p.quote.article.file}</span></td><td class="n uses" data-label="Used">${p.uses}</td><td data-label="Last used">${p.lastUsed?.replace("T", " ").slice(0, 16) ?? "never"}</td>
<td><form method="post" action="/pins/remove" data-confirm="Remove this pin?">${csrfField(csrf)}<input type="hidden" name="id" value="${p.id}"><button class="secondary">Remove</button></form></td></tr>`,
)}
${pins.length === 0 ? html`<tr><td colspan="6" class="muted">No pins.</td></tr>` : ""}
</tbody></table></div>`,
    );
  });

  app.post("/pins", { preHandler: app.csrfProtection }, async (request, reply) => {
    const { question = "", ref = "" } = request.body as { question?: string; ref?: string };
    const loaded = context.loaded();
    if (!loaded) return reply.code(503).send("The index is still loading.\n");
    // The quote comes from the search again, never from the form: a pin is always verbatim.
    const answer = await loaded.qa.ask(question, { limit: TRY_QUOTES });
    const quote = answer.quotes.find((q) => q.ref === ref);
    if (!question.trim() || !quote)
      return reply.code(400).send("That quote is not among the question's results.\n");
    await context.store.addPin(question.trim(), quote, new Date().toISOString());
    await loaded.pins.refresh();
    return reply.redirect("/pins", 303);
  });

  app.post("/pins/remove", { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = Number((request.body as { id?: string }).id);
    if (Number.isInteger(id)) await context.store.removePin(id);
    await context.loaded()?.pins.refresh();
    return reply.redirect("/pins", 303);
  });
}
