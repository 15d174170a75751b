import { type Client, DiscordAPIError, RESTJSONErrorCodes } from "discord.js";
import type { AnnouncementSender, Delivery } from "../../ingest/announcer.ts";
import { NO_MENTIONS } from "./answer-message.ts";
import { guildLanguage } from "./mentions.ts";
import { announcementContent, followContent } from "./news-format.ts";

/**
 * Discord's codes for a channel or user the bot can no longer reach: the channel or user is unknown, the bot lost
 * access, or the user blocked the bot, closed their DMs or shares no server with it any more.
 */
const GONE = new Set<number>([
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.UnknownUser,
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds,
]);

/**
 * Posts announcements in channels and direct messages to followers; one Discord says is unreachable is `gone`. A
 * channel of a server another shard holds is `elsewhere` (discord.js fetches a channel of a server it does not hold
 * as null), so that each channel is posted in by the shard that owns it.
 */
export function discordAnnouncements(client: Client): AnnouncementSender {
  const deliver = async (send: () => Promise<Delivery>): Promise<Delivery> => {
    try {
      return await send();
    } catch (error) {
      if (error instanceof DiscordAPIError && GONE.has(Number(error.code))) return "gone";
      throw error;
    }
  };
  return {
    platform: "discord",
    announce: (id, articles) =>
      deliver(async () => {
        const channel = await client.channels.fetch(id);
        // Null: discord.js holds no server of this channel. Sharded, another shard does; unsharded, the server has
        // not arrived yet (feeds start before the servers do; a server outage). Not `gone`, which Discord's own
        // error codes say: the announcement fails and the channel is tried again with the next article.
        if (!channel) {
          if (client.shard) return "elsewhere";
          throw new Error(`the server of channel ${id} is not received yet`);
        }
        // A channel one cannot post in (a category, a voice channel turned into one): nothing to announce in.
        if (!channel.isSendable()) return "gone";
        // Announced to a channel, not to someone: in the server's language, as a mention is answered.
        const language = channel.isDMBased() ? undefined : guildLanguage(channel.guild);
        const content = announcementContent(articles, language);
        await channel.send({ content, allowedMentions: NO_MENTIONS });
        return "sent";
      }),
    direct: (id, matches) =>
      deliver(async () => {
        await client.users.send(id, { content: followContent(matches), allowedMentions: NO_MENTIONS });
        return "sent";
      }),
  };
}
