import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type ButtonInteraction,
  ComponentType,
  type Message,
  MessageFlags,
} from "discord.js";
import { phrases } from "../../core/messages.ts";
import { languageOf, say } from "../../core/reply-language.ts";
import { answerMessage, echoedQuestion, NO_MENTIONS, textMessage } from "./answer-message.ts";
import type { CommandContext } from "./commands/index.ts";
import { decodeMore, isMoreButton } from "./components.ts";
import { identityIn, questionFor } from "./mentions.ts";

/**
 * The question a message answers, for a "More" button whose custom ID had no room for it: the question the
 * message echoes, or else the mention it replies to.
 */
export async function questionBehind(message: Message): Promise<string | undefined> {
  const echoed = echoedQuestion(message.content);
  if (echoed || !message.reference?.messageId) return echoed;
  const asked = await message.fetchReference().catch(() => undefined);
  if (!asked) return undefined;
  const question = questionFor(
    { content: asked.content, fromBot: false, inGuild: asked.inGuild() },
    identityIn(asked),
  );
  return question || undefined;
}

/** The message's action rows without the "More" button (the link buttons stay). */
function withoutMore(message: Message): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  return message.components
    .map((component) => component.toJSON())
    .filter((row) => row.type === ComponentType.ActionRow)
    .map((row) => ({ ...row, components: row.components.filter((button) => !isMoreButton(button)) }))
    .filter((row) => row.components.length > 0);
}

/**
 * "More": takes the pressed button off its message, then posts the next quotes as a follow-up (private when the
 * answer was). A button this bot cannot read, or whose question is gone, gets a private "expired" reply.
 */
export async function pressButton(interaction: ButtonInteraction, { qa }: CommandContext): Promise<void> {
  const language = languageOf(interaction.locale);
  const state = decodeMore(interaction.customId);
  const question = state && (state.question ?? (await questionBehind(interaction.message)));
  if (!state || !question) {
    await interaction.reply({
      ...textMessage(say(phrases.expired, language)),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
  await interaction.update({ components: withoutMore(interaction.message), allowedMentions: NO_MENTIONS });
  const next = await answerMessage(
    qa,
    { question, offset: state.offset, count: state.count },
    { echo: true, language },
  );
  await interaction.followUp({ ...next, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
}
