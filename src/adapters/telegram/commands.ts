import { Composer, type Context } from "grammy";
import { help, helpText, phrases } from "../../core/messages.ts";
import { label, languageOf, say } from "../../core/reply-language.ts";
import type { Qa } from "../../core/types.ts";
import { formatArticleList } from "./format.ts";
import { replyOptions } from "./reply.ts";

type MenuCommand = Exclude<keyof typeof phrases.commands, "askMessage" | "verifyMessage">;
const menuEntries = (names: readonly MenuCommand[]) =>
  names.map((command) => ({ command, description: label(phrases.commands[command]) }));

/** The commands Telegram lists in its menu (`setMyCommands`). */
export const commandList = menuEntries(["ask", "compare", "timeline", "sources", "help"]);
/** The news commands, listed after `commandList` when the bot has them (`news-commands.ts`). */
export const newsCommandList = menuEntries(["add", "announce", "follow", "unfollow", "following", "verify"]);

/**
 * `/start`, `/help` (what the bot knows and how to ask, in the user's language) and `/sources` (the articles, linked).
 * `/ask` is a question, so it lives in `questions.ts`. Only new messages count: not edits, not channel posts.
 */
export function commands(deps: { qa: Qa }): Composer<Context> {
  const composer = new Composer<Context>();
  const messages = composer.on("message");
  messages.command(["start", "help"], async (ctx) => {
    const articles = await deps.qa.articles();
    const language = languageOf(ctx.from?.language_code);
    const text = language ? say(help(articles), language) : helpText(articles);
    await ctx.reply(text, replyOptions(ctx.message.message_id));
  });
  messages.command("sources", async (ctx) => {
    const html = formatArticleList(await deps.qa.articles());
    await ctx.reply(html, { ...replyOptions(ctx.message.message_id), parse_mode: "HTML" });
  });
  return composer;
}
