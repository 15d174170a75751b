import { ApplicationCommandOptionType } from "discord.js";
import { phrases } from "../../../core/messages.ts";
import type { Phrase } from "../../../core/reply-language.ts";
import { replyPrivately } from "../respond.ts";
import type { Command } from "./index.ts";
import { describedAs } from "./localize.ts";

/** `/follow topic`: a direct message when a new article mentions the topic. */
export default {
  data: {
    name: "follow",
    ...describedAs(phrases.commands.follow),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "topic",
        ...describedAs(phrases.askOptions.followTopic),
        required: true,
        max_length: 50,
      },
    ],
  },
  async execute(interaction, { news }) {
    if (!interaction.isChatInputCommand() || !news) return;
    const reply = (phrase: Phrase) => replyPrivately(interaction, phrase);
    if (!news.subscriptions) return void (await reply(phrases.news.followingUnavailable));
    const topic = interaction.options.getString("topic", true).trim();
    const added = await news.subscriptions.follow({ platform: "discord", id: interaction.user.id, topic });
    await reply(added ? phrases.news.followed(topic) : phrases.news.followedAlready(topic));
  },
} satisfies Command;
