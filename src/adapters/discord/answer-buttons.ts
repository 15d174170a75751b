import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type ButtonInteraction,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from "discord.js";
import { CONTEXT_MAX_RADIUS, CONTEXT_RADIUS } from "../../core/features/context.ts";
import { phrases, votePhrase } from "../../core/messages.ts";
import { type Language, label, languageOf, say } from "../../core/reply-language.ts";
import type { QuoteContext } from "../../core/types.ts";
import { NO_MENTIONS, textMessage } from "./answer-message.ts";
import type { CommandContext } from "./commands/index.ts";
import { decodeVote } from "./components.ts";
import { EMBED_LIMITS, escapeText, footerText, headingText, safeUrl } from "./format.ts";
import { questionBehind } from "./more.ts";

/** True for the custom IDs `pressAnswerButton` handles. */
export function isAnswerButton(customId: string): boolean {
  return customId.startsWith("ctx:") || customId.startsWith("vote:");
}

/**
 * A quote's "Context" (`ctx:<ref>`): the paragraph around it and one on each side, privately, the quoted
 * sentences underlined, with "More" for a wider view (`ctx:<ref>:<radius>`, shown in place); and
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
  const contextAsked = decodeContext(interaction.customId);
  if (contextAsked) {
    const { ref, radius } = contextAsked;
    const context = await qa.context(ref, { radius: radius ?? CONTEXT_RADIUS });
    if (!context) return void (await privately(say(phrases.contextGone, language)));
    const shown = {
      embeds: [contextEmbed(context, language)],
      components: contextComponents(ref, context, language),
    };
    // "More" widens the private context in place; the answer's Context button opens a new one.
    if (radius !== undefined)
      return void (await interaction.update({ ...shown, allowedMentions: NO_MENTIONS }));
    await interaction.reply({ ...shown, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
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

/** A Context button's custom ID: `ctx:<ref>`, or `ctx:<ref>:<radius>` for its "More". */
export function decodeContext(customId: string): { ref: string; radius?: number } | undefined {
  const match = /^ctx:([0-9a-z.]{1,40})(?::(\d))?$/.exec(customId);
  if (!match) return undefined;
  return { ref: match[1] ?? "", ...(match[2] === undefined ? {} : { radius: Number(match[2]) }) };
}

/** The context's "More" (a wider radius), while the article has paragraphs not shown and the radius may grow. */
function contextComponents(
  ref: string,
  context: QuoteContext,
  language?: Language,
): APIActionRowComponent<APIButtonComponent>[] {
  const wider = context.radius + 1;
  if (!(context.moreBefore || context.moreAfter) || wider > CONTEXT_MAX_RADIUS) return [];
  const more: APIButtonComponent = {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: `ctx:${ref}:${wider}`,
    label: label(phrases.more, language),
  };
  return [{ type: ComponentType.ActionRow, components: [more] }];
}

/** The context as an embed: paragraphs verbatim (the quote underlined), the article's title, `publisher · date`. */
export function contextEmbed(context: QuoteContext, language?: Language) {
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
  const footer = footerText(context.article, language);
  return {
    title: headingText(context.article, language).slice(0, EMBED_LIMITS.title),
    ...(url ? { url } : {}),
    description: paragraphs.join("\n\n").slice(0, EMBED_LIMITS.description),
    ...(footer ? { footer: { text: footer } } : {}),
  };
}
