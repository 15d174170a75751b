import { Composer, type Context } from "grammy";
import { phrases } from "../../core/messages.ts";
import { languageOf, type Phrase, say } from "../../core/reply-language.ts";
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
  type Message = Context & { message: { message_id: number } };
  const language = (ctx: Context) => languageOf(ctx.from?.language_code);
  const html = (ctx: Message, text: string) =>
    ctx.reply(text, {
      ...replyOptions(ctx.message.message_id),
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
  const plain = (ctx: Message, phrase: Phrase) =>
    ctx.reply(say(phrase, language(ctx)), replyOptions(ctx.message.message_id));
  const target = (ctx: Context) => ({ platform: "telegram", id: String(ctx.chat?.id) });
  const user = (ctx: Context) => ({ platform: "telegram", id: String(ctx.from?.id) });
  const { news: said } = phrases;

  messages.command("add", async (ctx) => {
    if (!(await isModerator(ctx, news))) return void (await plain(ctx, said.onlyModeratorsAdd));
    const url = ctx.match.trim();
    if (!url) return void (await plain(ctx, said.usage.add));
    await html(ctx, addedHtml(await news.add(url), language(ctx)));
  });
  messages.command("announce", async (ctx) => {
    if (!(await isModerator(ctx, news))) return void (await plain(ctx, said.onlyModeratorsAnnounce));
    const on = /^on$/i.test(ctx.match.trim()) ? true : /^off$/i.test(ctx.match.trim()) ? false : undefined;
    if (on === undefined) return void (await plain(ctx, said.usage.announce));
    if (!news.subscriptions) return void (await plain(ctx, said.announcementsUnavailable));
    await news.subscriptions.setAnnounce(target(ctx), on);
    await plain(ctx, on ? said.announceOn : said.announceOff);
  });
  messages.command("follow", async (ctx) => {
    const topic = ctx.match.trim().slice(0, MAX_TOPIC_LENGTH);
    if (!topic) return void (await plain(ctx, said.usage.follow));
    if (!news.subscriptions) return void (await plain(ctx, said.followingUnavailable));
    if ((await news.subscriptions.following(user(ctx))).length >= MAX_TOPICS)
      return void (await plain(ctx, said.tooManyTopics(MAX_TOPICS)));
    const added = await news.subscriptions.follow({ ...user(ctx), topic });
    await plain(ctx, added ? said.followed(topic) : said.followedAlready(topic));
  });
  messages.command("unfollow", async (ctx) => {
    if (!news.subscriptions) return void (await plain(ctx, said.followingUnavailable));
    const topic = ctx.match.trim() || undefined;
    const removed = await news.subscriptions.unfollow(user(ctx), topic);
    const done = topic ? said.unfollowed(topic) : said.unfollowedAll;
    await plain(ctx, removed > 0 ? done : said.notFollowed);
  });
  messages.command("following", async (ctx) => {
    const topics = (await news.subscriptions?.following(user(ctx))) ?? [];
    await plain(ctx, topics.length > 0 ? said.following(...topics) : said.followingNone);
  });
  messages.command("verify", async (ctx) => {
    const text = ctx.match.trim() || ctx.message.reply_to_message?.text || "";
    if (!text) return void (await plain(ctx, said.usage.verify));
    await html(ctx, verificationHtml(await news.verify(text), language(ctx)));
  });
  return composer;
}
