/**
 * Discord API payloads for the stand-in: the bot, one guild with a text channel and a thread, a user, and
 * builders for the interactions and messages the tests dispatch. Shapes follow Discord's API v10 docs.
 */
import { randomBytes } from "node:crypto";

export const BOT_ID = "1100000000000000001";
export const APPLICATION_ID = BOT_ID;
export const GUILD_ID = "1200000000000000001";
/**
 * A second guild, for sharding: Discord routes a guild to shard `(id >> 22) % shard count`, which puts this one on
 * shard 0 of 2 and GUILD_ID on shard 1 (the sharding test checks that with discord.js's own calculation).
 */
export const OTHER_GUILD_ID = "1200000000004194305";
export const CHANNEL_ID = "1300000000000000001";
export const THREAD_ID = "1300000000000000002";
export const USER_ID = "1400000000000000001";
export const BOT_ROLE_ID = "1500000000000000001";
/** A role named "editors", with no permission of its own (the news tests name it in `MODERATOR_ROLE`). */
export const EDITORS_ROLE_ID = "1500000000000000002";

let counter = 0n;
/** A fresh snowflake, increasing like Discord's. */
export function snowflake(): string {
  counter += 1n;
  return String(1_600_000_000_000_000_000n + counter);
}

export const botUser = {
  id: BOT_ID,
  username: "citebot",
  discriminator: "0",
  global_name: null,
  avatar: null,
  bot: true,
};
export const user = {
  id: USER_ID,
  username: "reader",
  discriminator: "0",
  global_name: "Reader",
  avatar: null,
};

const member = {
  user,
  roles: [],
  joined_at: "2024-01-01T00:00:00.000Z",
  deaf: false,
  mute: false,
  flags: 0,
  permissions: "2248473465835073",
};

const textChannel = {
  id: CHANNEL_ID,
  type: 0,
  guild_id: GUILD_ID,
  name: "news",
  position: 0,
  permission_overwrites: [],
};
const thread = {
  id: THREAD_ID,
  type: 11,
  guild_id: GUILD_ID,
  parent_id: CHANNEL_ID,
  owner_id: USER_ID,
  name: "trade talk",
  thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false },
};

/**
 * The READY dispatch of one gateway session: the bot user, its application, and the guilds of its shard
 * (unavailable until their GUILD_CREATE).
 */
export function readyPayload(
  resumeUrl: string,
  sessionId: string,
  { shard = [0, 1], guilds = [GUILD_ID] }: { shard?: [number, number]; guilds?: string[] } = {},
) {
  return {
    v: 10,
    user: botUser,
    guilds: guilds.map((id) => ({ id, unavailable: true })),
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    shard,
    application: { id: APPLICATION_ID, flags: 0 },
  };
}

/**
 * The GUILD_CREATE dispatch that follows READY: channels, the thread, roles (with the bot's managed role). Every
 * guild has the same channel IDs: the tests that use a second guild run it in another process (shard).
 */
export function guildPayload(guildId = GUILD_ID, channelId = CHANNEL_ID) {
  return {
    id: guildId,
    name: "Newsroom",
    unavailable: false,
    owner_id: USER_ID,
    member_count: 2,
    joined_at: "2024-01-01T00:00:00.000Z",
    channels: [{ ...textChannel, id: channelId, guild_id: guildId }],
    threads: [{ ...thread, guild_id: guildId }],
    roles: [
      {
        id: guildId,
        name: "@everyone",
        permissions: "0",
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
      },
      {
        id: BOT_ROLE_ID,
        name: "citebot",
        permissions: "0",
        position: 1,
        color: 0,
        hoist: false,
        managed: true,
        tags: { bot_id: BOT_ID },
      },
      {
        id: EDITORS_ROLE_ID,
        name: "editors",
        permissions: "0",
        position: 2,
        color: 0,
        hoist: false,
        managed: false,
      },
    ],
    members: [{ ...member, user: botUser, roles: [BOT_ROLE_ID] }],
    emojis: [],
    stickers: [],
    presences: [],
    voice_states: [],
    features: [],
  };
}

/** A message as Discord returns it, for `channelId`, written by `author`. */
export function message(
  fields: { content?: string; embeds?: unknown[]; components?: unknown[]; flags?: number },
  options: {
    channelId: string;
    author: object;
    id?: string;
    reference?: { message_id: string; channel_id: string };
  },
) {
  return {
    id: options.id ?? snowflake(),
    type: options.reference ? 19 : 0,
    channel_id: options.channelId,
    author: options.author,
    content: fields.content ?? "",
    embeds: fields.embeds ?? [],
    components: fields.components ?? [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    flags: fields.flags ?? 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    ...(options.reference ? { message_reference: { type: 0, ...options.reference } } : {}),
  };
}

/** A MESSAGE_CREATE from the user in `channelId` (the guild's text channel unless said otherwise). */
export function userMessage(content: string, channelId = CHANNEL_ID) {
  const mentioned = content.includes(`<@${BOT_ID}>`) ? [botUser] : [];
  const inGuild = channelId === CHANNEL_ID || channelId === THREAD_ID;
  return {
    ...message({ content }, { channelId, author: user }),
    mentions: mentioned,
    mention_roles: content.includes(`<@&${BOT_ROLE_ID}>`) ? [BOT_ROLE_ID] : [],
    mention_everyone: content.includes("@everyone"),
    ...(inGuild ? { guild_id: GUILD_ID, member: { ...member, user: undefined } } : { channel_type: 1 }),
  };
}

function interactionBase(type: number, data: object) {
  return {
    id: snowflake(),
    application_id: APPLICATION_ID,
    type,
    token: `itoken-${randomBytes(24).toString("hex")}`,
    version: 1,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: textChannel,
    member,
    app_permissions: "2248473465835073",
    locale: "zh-CN",
    guild_locale: "zh-CN",
    entitlements: [],
    authorizing_integration_owners: { "0": GUILD_ID },
    context: 0,
    attachment_size_limit: 10_485_760,
    data,
  };
}

/** An INTERACTION_CREATE for a slash command with the given option values. */
export function slashCommand(name: string, values: Record<string, string | number | boolean> = {}) {
  const types = { string: 3, number: 4, boolean: 5 } as const;
  const options = Object.entries(values).map(([option, value]) => ({
    name: option,
    type: types[typeof value as keyof typeof types],
    value,
  }));
  return interactionBase(2, { id: snowflake(), name, type: 1, options });
}

/** An INTERACTION_CREATE for the message command `name` used on `target` (a message payload). */
export function messageCommand(name: string, target: { id: string }) {
  return interactionBase(2, {
    id: snowflake(),
    name,
    type: 3,
    target_id: target.id,
    resolved: { messages: { [target.id]: target } },
  });
}

/** An INTERACTION_CREATE for a press of the button `customId` on `onMessage` (a message payload). */
export function buttonPress(customId: string, onMessage: object) {
  return { ...interactionBase(3, { custom_id: customId, component_type: 2 }), message: onMessage };
}

/** An INTERACTION_CREATE for a user typing in the option `focused` of the slash command `name` (autocomplete). */
export function autocomplete(name: string, values: Record<string, string>, focused: string) {
  const options = Object.entries(values).map(([option, value]) => ({
    name: option,
    type: 3,
    value,
    ...(option === focused ? { focused: true } : {}),
  }));
  return interactionBase(4, { id: snowflake(), name, type: 1, options });
}

/** The same interaction from a user whose Discord client is set to `locale` (the fixtures' default is zh-CN). */
export function inLocale<T extends object>(interaction: T, locale: string): T & { locale: string } {
  return { ...interaction, locale };
}

/** The same interaction sent from the guild `guildId` (the fixtures' default is GUILD_ID). */
export function inGuild<T extends { channel: object }>(
  interaction: T,
  guildId: string,
): T & { guild_id: string } {
  return {
    ...interaction,
    guild_id: guildId,
    channel: { ...interaction.channel, guild_id: guildId },
    authorizing_integration_owners: { "0": guildId },
  };
}
