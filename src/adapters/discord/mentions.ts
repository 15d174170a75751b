import { type Guild, GuildFeature, type Message } from "discord.js";
import { phrases } from "../../core/messages.ts";
import { PAGING } from "../../core/paging.ts";
import { type Language, languageOf, say } from "../../core/reply-language.ts";
import { answerMessage, prepareQuestion, textMessage } from "./answer-message.ts";
import type { CommandContext } from "./commands/index.ts";
import { describeError } from "./errors.ts";

/** Who the bot is, as mentions of it appear in message text. */
export interface BotIdentity {
  userId: string;
  /** The bot's own managed role in this guild: Discord's picker sometimes inserts it instead of the user. */
  roleId: string | undefined;
}

/**
 * The question in a message addressed to the bot, with the bot's mentions removed; "" when the message only
 * mentions the bot; undefined when the message is not for the bot. In a guild the text must mention the bot;
 * in direct messages everything is for the bot. Other bots are ignored, so that two bots never talk in a loop.
 */
export function questionFor(
  message: { content: string; fromBot: boolean; inGuild: boolean },
  bot: BotIdentity,
): string | undefined {
  if (message.fromBot) return undefined;
  const patterns = [`<@!?${bot.userId}>`, ...(bot.roleId ? [`<@&${bot.roleId}>`] : [])];
  const mention = new RegExp(patterns.join("|"), "g");
  if (message.inGuild && !mention.test(message.content)) return undefined;
  return message.content.replace(mention, " ").replace(/\s+/g, " ").trim();
}

/** The identity to look for in `message`: the bot's user, and its managed role where the guild is cached. */
export function identityIn(message: Message): BotIdentity {
  const userId = message.client.user.id;
  return { userId, roleId: message.guild?.roles.botRoleFor(userId)?.id };
}

/**
 * The language to answer a mention in, which carries no user locale: the guild's, where it set one. Only a
 * Community guild can choose its locale; every other reports en-US whatever its members speak, so there (and in
 * direct messages) it is unknown and the bot speaks both languages.
 */
export function guildLanguage(guild: Guild | null): Language | undefined {
  if (!guild?.features.includes(GuildFeature.Community)) return undefined;
  return languageOf(guild.preferredLocale);
}

/**
 * Handles `@citebot <question>` in channels and threads (and any direct message): answers as a reply to the
 * question. Failures are logged and apologised for here, because message events have no other boundary.
 */
export function mentionHandler(context: CommandContext): (message: Message) => Promise<void> {
  return async (message) => {
    const content = { content: message.content, fromBot: message.author.bot, inGuild: message.inGuild() };
    const question = questionFor(content, identityIn(message));
    if (question === undefined) return;
    const decision = await context.limit(message.author.id);
    const language = guildLanguage(message.guild);
    if (decision === "quiet") return; // told a moment ago: no flood of notices in the channel
    try {
      if (decision === "notify") {
        await message.reply(textMessage(say(phrases.rateLimited, language)));
        return;
      }
      const reply =
        prepareQuestion(question).question === ""
          ? textMessage(say(phrases.emptyQuestion, language))
          : await answerMessage(
              context.qa,
              { question, offset: 0, count: PAGING.quotesPerPage },
              { echo: false, language },
            );
      await message.reply(reply);
    } catch (error) {
      context.logger.error({ err: describeError(error), channelId: message.channelId }, "mention failed");
      await message.reply(textMessage(say(phrases.failure, language))).catch((replyError: unknown) => {
        context.logger.warn({ err: describeError(replyError) }, "could not apologise for a failed mention");
      });
    }
  };
}
