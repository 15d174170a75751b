import { ApplicationCommandOptionType } from "discord.js";
import { phrases } from "../../../core/messages.ts";
import type { Phrase } from "../../../core/reply-language.ts";
import { replyPrivately } from "../respond.ts";
import type { Command } from "./index.ts";
import { describedAs } from "./localize.ts";
import { isModerator } from "./moderator.ts";

/** `/announce on|off`: a moderator turns announcements of new articles in this channel on or off. */
export default {
  data: {
    name: "announce",
    ...describedAs(phrases.commands.announce),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "state",
        ...describedAs(phrases.askOptions.state),
        required: true,
        choices: [
          { name: "on", value: "on" },
          { name: "off", value: "off" },
        ],
      },
    ],
  },
  async execute(interaction, { news }) {
    if (!interaction.isChatInputCommand() || !news) return;
    const reply = (phrase: Phrase) => replyPrivately(interaction, phrase);
    if (!isModerator(interaction, news)) return void (await reply(phrases.news.onlyModeratorsAnnounce));
    if (!news.subscriptions) return void (await reply(phrases.news.announcementsUnavailable));
    const on = interaction.options.getString("state", true) === "on";
    await news.subscriptions.setAnnounce({ platform: "discord", id: interaction.channelId }, on);
    await reply(on ? phrases.news.announceOn : phrases.news.announceOff);
  },
} satisfies Command;
