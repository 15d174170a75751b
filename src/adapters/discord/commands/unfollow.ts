import { ApplicationCommandOptionType } from "discord.js";
import { phrases } from "../../../core/messages.ts";
import type { Phrase } from "../../../core/reply-language.ts";
import { replyPrivately } from "../respond.ts";
import type { Command } from "./index.ts";
import { describedAs } from "./localize.ts";

/** `/unfollow [topic]`: stop following a topic, or every topic. */
export default {
  data: {
    name: "unfollow",
    ...describedAs(phrases.commands.unfollow),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "topic",
        ...describedAs(phrases.askOptions.unfollowTopic),
        required: false,
      },
    ],
  },
  async execute(interaction, { news }) {
    if (!interaction.isChatInputCommand() || !news) return;
    const reply = (phrase: Phrase) => replyPrivately(interaction, phrase);
    if (!news.subscriptions) return void (await reply(phrases.news.followingUnavailable));
    const topic = interaction.options.getString("topic")?.trim() || undefined;
    const removed = await news.subscriptions.unfollow(
      { platform: "discord", id: interaction.user.id },
      topic,
    );
    const done = topic ? phrases.news.unfollowed(topic) : phrases.news.unfollowedAll;
    await reply(removed > 0 ? done : phrases.news.notFollowed);
  },
} satisfies Command;
