import { MessageFlags, type RepliableInteraction } from "discord.js";
import { phrases } from "../../core/messages.ts";
import { languageOf, type Phrase, say } from "../../core/reply-language.ts";
import type { Qa } from "../../core/types.ts";
import {
  type AskRequest,
  answerMessage,
  NO_MENTIONS,
  prepareQuestion,
  textMessage,
} from "./answer-message.ts";

/** Replies privately with the "please add a question" hint when `question` is blank; true if it did. */
export async function hintIfBlank(interaction: RepliableInteraction, question: string): Promise<boolean> {
  if (prepareQuestion(question).question !== "") return false;
  const hint = say(phrases.emptyQuestion, languageOf(interaction.locale));
  await interaction.reply({ ...textMessage(hint), flags: MessageFlags.Ephemeral });
  return true;
}

/** Replies privately with one of the bot's phrases, in the user's language; what it repeats pings nobody. */
export async function replyPrivately(interaction: RepliableInteraction, phrase: Phrase): Promise<void> {
  const content = say(phrase, languageOf(interaction.locale));
  await interaction.reply({ content, allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
}

/**
 * Answers a question asked through an interaction: an empty question gets a private hint; otherwise the bot
 * acknowledges at once (Discord allows 3 seconds), then edits the acknowledgement into the answer.
 */
export async function answerInteraction(
  interaction: RepliableInteraction,
  qa: Qa,
  request: AskRequest,
  options: { ephemeral: boolean },
): Promise<void> {
  if (await hintIfBlank(interaction, request.question)) return;
  const language = languageOf(interaction.locale);
  await interaction.deferReply(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  await interaction.editReply(await answerMessage(qa, request, { echo: true, language }));
}

/**
 * Tells the user, privately where Discord allows, that something went wrong, whatever state the interaction
 * is in: not yet answered, deferred (a "thinking…" message is waiting) or already answered.
 */
export async function apologise(interaction: RepliableInteraction): Promise<void> {
  const failure = say(phrases.failure, languageOf(interaction.locale));
  const apology = { ...textMessage(failure), flags: MessageFlags.Ephemeral } as const;
  if (interaction.replied) {
    await interaction.followUp(apology);
  } else if (!interaction.deferred) {
    await interaction.reply(apology);
  } else if (interaction.ephemeral || interaction.isMessageComponent()) {
    // Only the user sees this message: replacing the "thinking…" state with the apology is private enough.
    await interaction.editReply({
      content: apology.content,
      embeds: [],
      components: [],
      allowedMentions: NO_MENTIONS,
    });
  } else {
    // A public "thinking…" message cannot become ephemeral, and a first follow-up would replace it in public:
    // delete it, then apologise privately.
    await interaction.deleteReply();
    await interaction.followUp(apology);
  }
}
