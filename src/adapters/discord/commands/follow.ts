import { ApplicationCommandOptionType, MessageFlags } from "discord.js";
import type { Command } from "./index.ts";

/** `/follow topic`: a direct message when a new article mentions the topic. */
export default {
  data: {
    name: "follow",
    description: "Get a direct message when a new article mentions a topic",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "topic",
        description: "e.g. 关税",
        required: true,
        max_length: 50,
      },
    ],
  },
  async execute(interaction, { news }) {
    if (!interaction.isChatInputCommand() || !news) return;
    const reply = (content: string) => interaction.reply({ content, flags: MessageFlags.Ephemeral });
    if (!news.subscriptions)
      return void (await reply("Following is unavailable: the bot's store is not open."));
    const topic = interaction.options.getString("topic", true).trim();
    const added = await news.subscriptions.follow({ platform: "discord", id: interaction.user.id, topic });
    await reply(
      added
        ? `You will get a message when a new article mentions “${topic}”.`
        : `You follow “${topic}” already.`,
    );
  },
} satisfies Command;
