import { Composer, type Context } from "grammy";
import { messages } from "../../core/messages.ts";
import { replyOptions } from "./reply.ts";

/**
 * The end of the line for updates no feature took: a stale or unknown button is answered so that it stops
 * spinning; a sticker, photo or unknown command in a private chat gets a hint; everything else (group chatter,
 * edits, channel posts) is ignored on purpose.
 */
export function fallback(): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("callback_query", (ctx) => ctx.answerCallbackQuery());
  composer.chatType("private").on("message", async (ctx) => {
    await ctx.reply(messages.textOnly, replyOptions(ctx.message.message_id));
  });
  return composer;
}
