import { type Api, GrammyError } from "grammy";
import type { AnnouncementSender, Delivery } from "../../ingest/announcer.ts";
import { announcementHtml, followHtml } from "./news-format.ts";

/**
 * Posts announcements through the Bot API. A 403 (the user blocked the bot, the bot was removed from the group)
 * or "chat not found" means the chat is gone for good: `gone`, and the announcer forgets it.
 */
export function telegramAnnouncements(api: Api): AnnouncementSender {
  const send = async (chat: string, html: string): Promise<Delivery> => {
    try {
      await api.sendMessage(chat, html, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
      return "sent";
    } catch (error) {
      if (
        error instanceof GrammyError &&
        (error.error_code === 403 || /chat not found/i.test(error.description))
      )
        return "gone";
      throw error;
    }
  };
  return {
    platform: "telegram",
    announce: (chat, articles) => send(chat, announcementHtml(articles)),
    direct: (user, matches) => send(user, followHtml(matches)),
  };
}
