import { phrases } from "../../../core/messages.ts";
import { replyPrivately } from "../respond.ts";
import type { Command } from "./index.ts";
import { describedAs } from "./localize.ts";

/** `/following`: the topics the user follows. */
export default {
  data: { name: "following", ...describedAs(phrases.commands.following) },
  async execute(interaction, { news }) {
    if (!interaction.isChatInputCommand() || !news) return;
    const topics =
      (await news.subscriptions?.following({ platform: "discord", id: interaction.user.id })) ?? [];
    const phrase = topics.length > 0 ? phrases.news.following(...topics) : phrases.news.followingNone;
    await replyPrivately(interaction, phrase);
  },
} satisfies Command;
