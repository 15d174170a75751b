import { MessageFlags } from "discord.js";
import type { Command } from "./index.ts";

/** `/following`: the topics the user follows. */
export default {
  data: { name: "following", description: "The topics you follow" },
  async execute(interaction, { news }) {
    if (!news) return;
    const topics =
      (await news.subscriptions?.following({ platform: "discord", id: interaction.user.id })) ?? [];
    await interaction.reply({
      content:
        topics.length > 0
          ? `You follow: ${topics.join(", ")}`
          : "You follow no topic. /follow 关税 to start.",
      flags: MessageFlags.Ephemeral,
    });
  },
} satisfies Command;
