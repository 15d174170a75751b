import { type Interaction, MessageFlags } from "discord.js";
import { phrases } from "../../core/messages.ts";
import { languageOf, say } from "../../core/reply-language.ts";
import { isAnswerButton, pressAnswerButton } from "./answer-buttons.ts";
import { textMessage } from "./answer-message.ts";
import { suggestSources } from "./commands/filter-options.ts";
import { type CommandContext, commands } from "./commands/index.ts";
import { isTimelineButton, pressTimelineButton } from "./compare-timeline.ts";
import { isVoteButton } from "./components.ts";
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

/** Commands that search, and so count against the user's limit. */
const SEARCHING = new Set(["ask", "compare", "timeline"]);

/**
 * Interactions that ask a question (a vote finds its quotes again), and so count against the user's limit.
 * "More" and the timeline's pages are not among them: paging an answer already given is not a new question.
 */
function asks(interaction: Interaction): boolean {
  if (interaction.isMessageContextMenuCommand()) return true; // "Ask citebot"
  if (interaction.isChatInputCommand()) return SEARCHING.has(interaction.commandName);
  return interaction.isButton() && isVoteButton(interaction.customId);
}

async function route(interaction: Interaction, context: CommandContext): Promise<void> {
  if (interaction.isAutocomplete()) {
    await suggestSources(interaction, context.qa);
    return;
  }
  if (
    asks(interaction) &&
    interaction.isRepliable() &&
    (await context.limit(interaction.user.id)) !== "answer"
  ) {
    // Only the user sees this, so every refused question is told, however often.
    const notice = say(phrases.rateLimited, languageOf(interaction.locale));
    await interaction.reply({ ...textMessage(notice), flags: MessageFlags.Ephemeral });
    return;
  }
  if (interaction.isCommand()) {
    const command = commands.find((candidate) => candidate.data.name === interaction.commandName);
    if (!command)
      throw new Error(`No command named "${interaction.commandName}": run npm run deploy:discord`);
    await command.execute(interaction, context);
  } else if (interaction.isButton()) {
    if (isAnswerButton(interaction.customId)) await pressAnswerButton(interaction, context);
    else if (isTimelineButton(interaction.customId)) await pressTimelineButton(interaction, context.qa);
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
