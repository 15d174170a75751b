import { type ButtonInteraction, MessageFlags } from "discord.js";
import { languageOf, say } from "../../core/language.ts";
import { phrases, votePhrase } from "../../core/messages.ts";
import type { QuoteContext } from "../../core/types.ts";
import { NO_MENTIONS, textMessage } from "./answer-message.ts";
import type { CommandContext } from "./commands/index.ts";
import { decodeVote } from "./components.ts";
import { EMBED_LIMITS, escapeText, footerText, safeUrl } from "./format.ts";
import { questionBehind } from "./more.ts";

/** True for the custom IDs `pressAnswerButton` handles. */
export function isAnswerButton(customId: string): boolean {
  return customId.startsWith("ctx:") || customId.startsWith("vote:");
}

/**
 * A quote's "Context" (`ctx:<ref>`): the paragraph around it, privately, the quoted sentences underlined; and
 * 👍/👎 (`vote:…`): the page's quotes found again and recorded, then acknowledged privately with thanks, or
 * with an apology when the vote could not be kept.
 */
export async function pressAnswerButton(
  interaction: ButtonInteraction,
  { qa }: CommandContext,
): Promise<void> {
  const language = languageOf(interaction.locale);
  const privately = (text: string) =>
    interaction.reply({ ...textMessage(text), flags: MessageFlags.Ephemeral });
  if (interaction.customId.startsWith("ctx:")) {
    const context = await qa.context(interaction.customId.slice(4));
    if (!context) return void (await privately(say(phrases.contextGone, language)));
    await interaction.reply({
      embeds: [contextEmbed(context)],
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  const state = decodeVote(interaction.customId);
  const question = state && (state.question ?? (await questionBehind(interaction.message)));
  if (!state || !question) return void (await privately(say(phrases.expired, language)));
  const answer = await qa.ask(question, { offset: state.offset, limit: state.count });
  const outcome = await qa.vote({
    platform: "discord",
    userId: interaction.user.id,
    vote: state.vote,
    question,
    refs: answer.quotes.map((q) => q.ref),
  });
  await privately(say(votePhrase(outcome), language));
}

/** The context as an embed: paragraphs verbatim (the quote underlined), the article as title and footer. */
export function contextEmbed(context: QuoteContext) {
  const paragraphs = context.paragraphs.map((p) => {
    let text = p.cutBefore ? "…" : "";
    let at = 0;
    for (const [start, end] of p.marks) {
      text += `${escapeText(p.text.slice(at, start))}__${escapeText(p.text.slice(start, end))}__`;
      at = end;
    }
    return `${text}${escapeText(p.text.slice(at))}${p.cutAfter ? "…" : ""}`;
  });
  if (context.moreBefore) paragraphs.unshift("…");
  if (context.moreAfter) paragraphs.push("…");
  const url = safeUrl(context.article.url);
  return {
    title: context.article.title.slice(0, EMBED_LIMITS.title),
    ...(url ? { url } : {}),
    description: paragraphs.join("\n\n").slice(0, EMBED_LIMITS.description),
    footer: { text: footerText(context.article) },
  };
}
