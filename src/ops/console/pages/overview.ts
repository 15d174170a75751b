import type { FastifyReply } from "fastify";
import { html } from "../html.ts";
import type { ConsoleContext } from "../server.ts";

/** Health as the overview says it: the index loading, answering, or unreachable (PostgreSQL away). */
async function health(context: ConsoleContext) {
  const loaded = context.loaded();
  if (!loaded) return { status: "loading" as const };
  try {
    return { status: "ok" as const, ...(await loaded.qa.stats()) };
  } catch {
    return { status: "index unavailable" as const };
  }
}

/** The numbers of the overview, also served as JSON (`/api/overview`). */
export async function overviewData(context: ConsoleContext) {
  const [state, usage] = await Promise.all([health(context), context.store.usage(new Date())]);
  return { health: state, usage, errors: context.errors.list() };
}

/**
 * Overview: health, the index's size, questions today and this week per platform, the shares answered,
 * abstained and 👎, answer time p50/p95, and the last errors logged.
 */
export async function overviewPage(context: ConsoleContext, reply: FastifyReply) {
  const { health: state, usage, errors } = await overviewData(context);
  const week = Object.values(usage.week).reduce((a, b) => a + b, 0);
  const share = (n: number) => (week === 0 ? "–" : `${Math.round((n / week) * 100)}%`);
  const platforms = [...new Set([...Object.keys(usage.week), ...Object.keys(usage.today)])].sort();
  return context.send(
    reply,
    "Overview",
    "/",
    () => html`
<div class="cards">
<div class="card">Health <b id="health">${state.status}</b></div>
<div class="card">Articles <b>${"articles" in state ? state.articles : "–"}</b></div>
<div class="card">Passages <b>${"passages" in state ? state.passages : "–"}</b></div>
<div class="card">Questions this week <b>${week}</b></div>
<div class="card">Answered <b>${share(usage.answered)}</b></div>
<div class="card">Abstained <b>${share(usage.abstained)}</b></div>
<div class="card">👎 <b>${share(usage.down)}</b></div>
<div class="card">Answer time p50 / p95 <b>${usage.p50 ?? "–"} / ${usage.p95 ?? "–"} ms</b></div>
</div>
<h2>Questions per platform</h2>
<table class="stack"><thead><tr><th>Platform</th><th class="n">Today</th><th class="n">This week</th></tr></thead><tbody>
${platforms.map((p) => html`<tr><td data-label="Platform">${p}</td><td class="n" data-label="Today">${usage.today[p] ?? 0}</td><td class="n" data-label="This week">${usage.week[p] ?? 0}</td></tr>`)}
${platforms.length === 0 ? html`<tr><td colspan="3" class="muted">No questions this week${context.logQuestions ? "" : " (QUESTION_LOG is off)"}.</td></tr>` : ""}
</tbody></table>
<h2>Last errors</h2>
${
  errors.length === 0
    ? html`<p class="muted">None since the bot started.</p>`
    : html`<table class="stack"><thead><tr><th>Time</th><th>Message</th><th>Error</th></tr></thead><tbody>
${errors.map((e) => html`<tr><td data-label="Time">${e.time.replace("T", " ").slice(0, 19)}</td><td data-label="Message">${e.message}</td><td data-label="Error">${e.error ?? ""}</td></tr>`)}
</tbody></table>`
}
<p class="muted">Questions are kept ${context.retentionDays} days.</p>`,
  );
}
