import type { Interaction } from "discord.js";
import { isAnswerButton, pressAnswerButton } from "./answer-buttons.ts";
import { type CommandContext, commands } from "./commands/index.ts";
import { describeError } from "./errors.ts";
import { pressButton } from "./more.ts";
import { apologise } from "./respond.ts";

/** What the log says about an interaction: enough to find it, nothing the user typed. */
function summary(interaction: Interaction) {
  return {
    id: interaction.id,
    type: interaction.type,
    name: interaction.isCommand() ? interaction.commandName : undefined,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
  };
}

async function route(interaction: Interaction, context: CommandContext): Promise<void> {
  if (interaction.isCommand()) {
    const command = commands.find((candidate) => candidate.data.name === interaction.commandName);
    if (!command)
      throw new Error(`No command named "${interaction.commandName}": run npm run deploy:discord`);
    await command.execute(interaction, context);
  } else if (interaction.isButton()) {
    if (isAnswerButton(interaction.customId)) await pressAnswerButton(interaction, context);
    else await pressButton(interaction, context);
  }
}

/**
 * The bot's one error boundary for interactions: routes each to its command or button, and when anything fails,
 * logs the details, tells the user briefly and privately, and goes on serving everyone else.
 */
export function interactionHandler(context: CommandContext): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    try {
      await route(interaction, context);
    } catch (error) {
      context.logger.error(
        { err: describeError(error), interaction: summary(interaction) },
        "interaction failed",
      );
      if (!interaction.isRepliable()) return;
      await apologise(interaction).catch((apologyError: unknown) => {
        context.logger.warn(
          { err: describeError(apologyError) },
          "could not apologise for a failed interaction",
        );
      });
    }
  };
}
