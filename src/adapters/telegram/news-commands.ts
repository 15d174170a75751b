import { Composer, type Context } from "grammy";
import type { News } from "../../ingest/news.ts";
import { addedHtml, verificationHtml } from "./news-format.ts";
import { replyOptions } from "./reply.ts";

/** Longest topic one may follow, in characters. */
const MAX_TOPIC_LENGTH = 50;
/** Most topics one user may follow. */
const MAX_TOPICS = 20;

/**
 * A moderator: a user id in `MODERATORS`, or an administrator of the group the command is in (asked of Telegram
 * each time, so a demoted admin stops being one at once).
 */
async function isModerator(ctx: Context, news: News): Promise<boolean> {
  const from = ctx.from?.id;
  if (from === undefined) return false;
  if (news.moderators.includes(String(from))) return true;
  if (ctx.chat?.type !== "group" && ctx.chat?.type !== "supergroup") return false;
  const member = await ctx.getChatMember(from).catch(() => undefined);
  return member?.status === "administrator" || member?.status === "creator";
}

/**
 * `/add <link>` and `/announce on|off` (moderators), `/follow <topic>`, `/unfollow [topic]`, `/following` and
 * `/verify <text>` (everyone). Only new messages count.
 */
export function newsCommands({ news }: { news: News }): Composer<Context> {
  const composer = new Composer<Context>();
  const messages = composer.on("message");
  const html = (ctx: Context & { message: { message_id: number } }, text: string) =>
    ctx.reply(text, {
      ...replyOptions(ctx.message.message_id),
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
  const plain = (ctx: Context & { message: { message_id: number } }, text: string) =>
    ctx.reply(text, replyOptions(ctx.message.message_id));
  const target = (ctx: Context) => ({ platform: "telegram", id: String(ctx.chat?.id) });
  const user = (ctx: Context) => ({ platform: "telegram", id: String(ctx.from?.id) });

  messages.command("add", async (ctx) => {
    if (!(await isModerator(ctx, news))) return void (await plain(ctx, "Only moderators can add articles."));
    const url = ctx.match.trim();
    if (!url) return void (await plain(ctx, "Usage: /add https://…"));
    await html(ctx, addedHtml(await news.add(url)));
  });
  messages.command("announce", async (ctx) => {
    if (!(await isModerator(ctx, news)))
      return void (await plain(ctx, "Only moderators can turn announcements on or off."));
    const on = /^on$/i.test(ctx.match.trim()) ? true : /^off$/i.test(ctx.match.trim()) ? false : undefined;
    if (on === undefined) return void (await plain(ctx, "Usage: /announce on, or /announce off"));
    if (!news.subscriptions)
      return void (await plain(ctx, "Announcements are unavailable: the bot's store is not open."));
    await news.subscriptions.setAnnounce(target(ctx), on);
    await plain(
      ctx,
      on ? "New articles will be announced here." : "New articles will no longer be announced here.",
    );
  });
  messages.command("follow", async (ctx) => {
    const topic = ctx.match.trim().slice(0, MAX_TOPIC_LENGTH);
    if (!topic) return void (await plain(ctx, "Usage: /follow 关税"));
    if (!news.subscriptions)
      return void (await plain(ctx, "Following is unavailable: the bot's store is not open."));
    if ((await news.subscriptions.following(user(ctx))).length >= MAX_TOPICS)
      return void (await plain(ctx, `You follow ${MAX_TOPICS} topics already; /unfollow one first.`));
    const added = await news.subscriptions.follow({ ...user(ctx), topic });
    await plain(
      ctx,
      added
        ? `You will get a message when a new article mentions “${topic}”.`
        : `You follow “${topic}” already.`,
    );
  });
  messages.command("unfollow", async (ctx) => {
    if (!news.subscriptions)
      return void (await plain(ctx, "Following is unavailable: the bot's store is not open."));
    const topic = ctx.match.trim() || undefined;
    const removed = await news.subscriptions.unfollow(user(ctx), topic);
    await plain(
      ctx,
      removed > 0
        ? topic
          ? `You no longer follow “${topic}”.`
          : "You no longer follow any topic."
        : "You did not follow that.",
    );
  });
  messages.command("following", async (ctx) => {
    const topics = (await news.subscriptions?.following(user(ctx))) ?? [];
    await plain(
      ctx,
      topics.length > 0 ? `You follow: ${topics.join(", ")}` : "You follow no topic. /follow 关税 to start.",
    );
  });
  messages.command("verify", async (ctx) => {
    const text = ctx.match.trim() || ctx.message.reply_to_message?.text || "";
    if (!text) return void (await plain(ctx, "Usage: /verify 一句话 (or reply /verify to a message)"));
    await html(ctx, verificationHtml(await news.verify(text)));
  });
  return composer;
}
