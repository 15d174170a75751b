import type { Chat, Message, MessageEntity, Update, User, UserFromGetMe } from "grammy/types";

/** The bot as the stand-in's getMe describes it. */
export const BOT: UserFromGetMe = {
  id: 4242,
  is_bot: true,
  first_name: "Citebot",
  username: "CiteBot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** A token in Telegram's shape; tests check it never reaches a log line. */
export const TOKEN = "4242:AAH-test-token-never-logged";

/**
 * A person with the given id, of no language Telegram reported (so the bot speaks both); tests of replies in
 * the user's language set `language_code`.
 */
export function user(id: number): User {
  return { id, is_bot: false, first_name: `User${id}` };
}

/** The private chat with user `id`. */
export function privateChat(id: number): Chat.PrivateChat {
  return { id, type: "private", first_name: `User${id}` };
}

/** A supergroup (negative id, as Telegram's are); `forum` for one with topics. */
export function group(id: number, forum = false): Chat.SupergroupChat {
  return {
    id: -Math.abs(id),
    type: "supergroup",
    title: `Group${id}`,
    ...(forum ? { is_forum: true as const } : {}),
  };
}

/** The entities Telegram's server would detect: a leading /command and @mentions. */
function entitiesOf(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const command = /^\/[\w@]+/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (const m of text.matchAll(/@\w+/g)) {
    if (m.index !== 0 || !command) entities.push({ type: "mention", offset: m.index, length: m[0].length });
  }
  return entities;
}

let nextMessageId = 1;

/** A new text message from `from` in `chat`; `extra` may set reply_to_message, message_thread_id and so on. */
export function textMessage(chat: Chat, from: User, text: string, extra: Partial<Message> = {}): Message {
  const entities = entitiesOf(text);
  return {
    message_id: nextMessageId++,
    date: Math.floor(Date.now() / 1000),
    chat,
    from,
    text,
    ...(entities.length > 0 ? { entities } : {}),
    ...extra,
  } as Message;
}

/** A press of an inline button under `message` (a message the bot sent). */
export function buttonPress(from: User, message: Message, data: string): Omit<Update, "update_id"> {
  return {
    callback_query: { id: `cb${nextMessageId++}`, from, message, chat_instance: "ci", data },
  };
}

/** An inline query `@CiteBot <query>`. */
export function inlineQuery(from: User, query: string): Omit<Update, "update_id"> {
  return { inline_query: { id: `iq${nextMessageId++}`, from, query, offset: "" } };
}
