import { ApplicationCommandOptionType, MessageFlags } from "discord.js";
import type { Command } from "./index.ts";

/** `/unfollow [topic]`: stop following a topic, or every topic. */
export default {
  data: {
    name: "unfollow",
    description: "Stop following a topic (or every topic)",
    options: [
      { type: ApplicationCommandOptionType.String, name: "topic", description: "The topic", required: false },
    ],
  },
  async execute(interaction, { news }) {
    if (!interaction.isChatInputCommand() || !news) return;
    const reply = (content: string) => interaction.reply({ content, flags: MessageFlags.Ephemeral });
    if (!news.subscriptions)
      return void (await reply("Following is unavailable: the bot's store is not open."));
    const topic = interaction.options.getString("topic")?.trim() || undefined;
    const removed = await news.subscriptions.unfollow(
      { platform: "discord", id: interaction.user.id },
      topic,
    );
    await reply(
      removed > 0
        ? topic
          ? `You no longer follow “${topic}”.`
          : "You no longer follow any topic."
        : "You did not follow that.",
    );
  },
} satisfies Command;
