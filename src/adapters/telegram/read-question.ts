import type { Message, MessageEntity, UserFromGetMe } from "grammy/types";

/** A command at the start of a message: its name (lower case) and the text after it. */
export interface CommandCall {
  name: string;
  args: string;
}

/**
 * The command a message starts with, if it is meant for this bot: `/ask` and `/ask@ThisBot` are,
 * `/ask@OtherBot` is not. Bot usernames are compared case-insensitively, as Telegram does.
 */
export function commandOf(message: Message, me: UserFromGetMe): CommandCall | undefined {
  const text = message.text ?? "";
  const entity = message.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (entity === undefined) return undefined;
  const [name = "", target] = text.slice(1, entity.length).split("@");
  if (target !== undefined && target.toLowerCase() !== me.username.toLowerCase()) return undefined;
  return { name: name.toLowerCase(), args: text.slice(entity.length).trim() };
}

/** True for an @mention of this bot, by username or (rarely, for bots) by a text mention. */
function isMentionOfMe(text: string, entity: MessageEntity, me: UserFromGetMe): boolean {
  if (entity.type === "text_mention") return entity.user.id === me.id;
  if (entity.type !== "mention") return false;
  return (
    text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === `@${me.username.toLowerCase()}`
  );
}

/** The text with every mention of this bot removed, and the punctuation people put after a name ("@bot, …"). */
function withoutMentions(text: string, mentions: readonly MessageEntity[]): string {
  let rest = text;
  // From the end, so that earlier offsets stay valid while we cut.
  for (const m of [...mentions].sort((a, b) => b.offset - a.offset)) {
    rest = `${rest.slice(0, m.offset)} ${rest.slice(m.offset + m.length)}`;
  }
  return rest
    .replace(/^[\s,:，：、]+/u, "")
    .replace(/\s+/gu, " ")
    .trim();
}

/** True when a message replies to one of this bot's own messages (not merely sits in a topic it opened). */
function repliesToMe(message: Message, me: UserFromGetMe): boolean {
  const target = message.reply_to_message;
  return target !== undefined && target.from?.id === me.id && target.forum_topic_created === undefined;
}

/** Options for {@link questionFor}. */
export interface QuestionForOptions {
  /**
   * Treat the message as addressed to the bot even in a group. Used when recovering the question behind a
   * "More" button from the message the bot replied to: that message was addressed to the bot when it was
   * answered, but Telegram no longer tells us that it was itself a reply to the bot.
   */
  assumeAddressed?: boolean;
}

/**
 * The question a message asks this bot, or undefined when the message is not for the bot (a group chat
 * message that neither commands, mentions nor replies to it; another command; no text at all).
 * An empty string means "addressed to the bot, but no question": `/ask` alone, or a bare mention.
 */
export function questionFor(
  message: Message,
  me: UserFromGetMe,
  options: QuestionForOptions = {},
): string | undefined {
  const text = message.text;
  if (text === undefined) return undefined;
  const command = commandOf(message, me);
  if (command !== undefined) return command.name === "ask" ? command.args : undefined;
  if (message.entities?.some((e) => e.type === "bot_command" && e.offset === 0)) return undefined;
  const mentions = (message.entities ?? []).filter((e) => isMentionOfMe(text, e, me));
  const addressed =
    options.assumeAddressed === true ||
    message.chat.type === "private" ||
    mentions.length > 0 ||
    repliesToMe(message, me);
  return addressed ? withoutMentions(text, mentions) : undefined;
}
