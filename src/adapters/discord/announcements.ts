import { type Client, DiscordAPIError } from "discord.js";
import type { AnnouncementSender, Delivery } from "../../ingest/announcer.ts";
import { NO_MENTIONS } from "./answer-message.ts";
import { announcementContent, followContent } from "./news-format.ts";

/** Discord's codes for a channel or user the bot can no longer reach: unknown, no access, DMs closed. */
const GONE = new Set([10003, 10013, 50001, 50007]);

/** Posts announcements in channels and direct messages to followers; an unreachable one is `gone`. */
export function discordAnnouncements(client: Client): AnnouncementSender {
  const deliver = async (send: () => Promise<unknown>): Promise<Delivery> => {
    try {
      await send();
      return "sent";
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
        if (!channel?.isSendable())
          throw new DiscordAPIError({ code: 50001, message: "Missing Access" }, 50001, 403, "GET", "", {});
        await channel.send({ content: announcementContent(articles), allowedMentions: NO_MENTIONS });
      }),
    direct: (id, matches) =>
      deliver(() => client.users.send(id, { content: followContent(matches), allowedMentions: NO_MENTIONS })),
  };
}
