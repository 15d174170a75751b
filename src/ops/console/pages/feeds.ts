import type { FastifyInstance, FastifyReply } from "fastify";
import type { FeedView } from "../../../ingest/feed-list.ts";
import { html, safeHref } from "../html.ts";
import { csrfField, type Notice, noticeHtml } from "../layout.ts";
import type { ConsoleContext } from "../server.ts";

/** A time as the console shows it (UTC, to the minute), or what stands for none. */
const minute = (iso: string | null, none: string) =>
  iso ? `${iso.replace("T", " ").slice(0, 16)} UTC` : none;

/**
 * Feeds: every feed followed, from `config/feeds.json` or added here, with how its polls went; adding one (checked
 * to be a feed first, then polled at once) and removing one added here, both without a restart.
 */
export function feedPages(app: FastifyInstance, context: ConsoleContext): void {
  const list = async (reply: FastifyReply, notice?: Notice) => {
    const feeds = context.feeds();
    const views = feeds ? await feeds.list() : [];
    return context.send(
      reply,
      "Feeds",
      "/feeds",
      (csrf) => html`
${noticeHtml(notice)}
${
  feeds
    ? html`<form method="post" action="/feeds/add" class="filters">${csrfField(csrf)}
<label>Feed address (RSS, Atom or JSON Feed) <input type="url" name="url" required maxlength="2000" placeholder="https://example.com/feed.xml"></label>
<label>Publisher (where its pages do not say) <input name="publisher" maxlength="100"></label>
<button>Add feed</button>
</form>`
    : html`<p class="problem" role="status">Feeds cannot be changed here yet: the news service starts once the index is loaded.</p>`
}
<p class="muted">Feeds in <code>config/feeds.json</code> are changed in that file (read at start); feeds added here are kept in the bot's store and polled from the moment they are added.</p>
<div class="scroll"><table class="stack" id="feeds"><thead><tr><th>Feed</th><th>Publisher</th><th>From</th><th>Last poll</th><th>Outcome</th><th class="n">Added</th><th>Next poll</th><th></th></tr></thead><tbody>
${views.map((f) => row(f, csrf))}
${views.length === 0 ? html`<tr><td colspan="8" class="muted">No feeds.</td></tr>` : ""}
</tbody></table></div>`,
    );
  };

  const row = (f: FeedView, csrf: string) => {
    const href = safeHref(f.url);
    return html`<tr>
<td data-label="Feed">${href ? html`<a href="${href}" rel="noreferrer">${f.url}</a>` : f.url}</td>
<td data-label="Publisher">${f.publisher ?? ""}</td>
<td data-label="From">${f.source === "file" ? "config/feeds.json" : "console"}</td>
<td data-label="Last poll">${minute(f.lastPoll, "not yet")}</td>
<td data-label="Outcome" class="${f.lastError ? "state-skipped" : ""}">${f.lastError ?? (f.lastPoll ? "ok" : "")}</td>
<td data-label="Added" class="n">${f.added}</td>
<td data-label="Next poll">${minute(f.nextPoll, f.lastPoll || f.source === "console" ? "polling now" : "")} <span class="muted">every ${f.pollMinutes} min</span></td>
<td>${
      f.source === "console"
        ? html`<form method="post" action="/feeds/remove" data-confirm="Stop following this feed? Its articles stay.">${csrfField(csrf)}<input type="hidden" name="url" value="${f.url}"><button class="secondary">Remove</button></form>`
        : ""
    }</td></tr>`;
  };

  app.get("/feeds", async (_request, reply) => list(reply));

  app.post("/feeds/add", { preHandler: app.csrfProtection }, async (request, reply) => {
    const feeds = context.feeds();
    if (!feeds) return list(reply.code(503), { ok: false, text: "The news service is not running yet." });
    const { url = "", publisher = "" } = request.body as { url?: string; publisher?: string };
    const outcome = await feeds.add(url, publisher);
    if (!outcome.added)
      return list(reply.code(400), { ok: false, text: `${url} was not added: ${outcome.reason}.` });
    return list(reply, {
      ok: true,
      text: `${outcome.url} is followed: it lists ${outcome.items} items now, and its first poll has begun.`,
    });
  });

  app.post("/feeds/remove", { preHandler: app.csrfProtection }, async (request, reply) => {
    const feeds = context.feeds();
    if (!feeds) return list(reply.code(503), { ok: false, text: "The news service is not running yet." });
    const { url = "" } = request.body as { url?: string };
    const outcome = await feeds.remove(url);
    if (!outcome.removed)
      return list(reply.code(400), { ok: false, text: `${url} was not removed: ${outcome.reason}.` });
    return list(reply, { ok: true, text: `${url} is no longer followed; the articles it added stay.` });
  });
}
