import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type ButtonInteraction,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from "discord.js";
import { outletName, phrases } from "../../core/messages.ts";
import { PAGING } from "../../core/paging.ts";
import { type Language, label, languageOf, say } from "../../core/reply-language.ts";
import { truncate } from "../../core/text/truncate.ts";
import { type Comparison, MAX_QUESTION_LENGTH, type Qa } from "../../core/types.ts";
import { type AnswerMessage, echoedQuestion, echoLine, NO_MENTIONS, textMessage } from "./answer-message.ts";
import { CUSTOM_ID_LIMIT } from "./components.ts";
import { quoteEmbeds } from "./embeds.ts";
import { EMBED_LIMITS, escapeText, filterLines } from "./format.ts";

/** A timeline page button: `tl:<offset>:<topic>`, or `tl:<offset>` when the topic is empty or too long. */
const TIMELINE_ID = /^tl:(\d{1,6})(?::([\s\S]+))?$/;

/** True for the custom IDs `pressTimelineButton` handles. */
export function isTimelineButton(customId: string): boolean {
  return TIMELINE_ID.test(customId);
}

function encodeTimeline(offset: number, topic: string): string {
  const full = `tl:${offset}:${topic}`;
  return topic !== "" && full.length <= CUSTOM_ID_LIMIT ? full : `tl:${offset}`;
}

function plain(lines: readonly string[]): AnswerMessage {
  const content = truncate(lines.join("\n"), 2000);
  return { content, embeds: [], components: [], allowedMentions: NO_MENTIONS };
}

/**
 * `/compare`: the filter, then each covering outlet's best quote as an embed (publisher first in its source line),
 * best first, then the outlets that did not cover it, named. No words of the bot's own about the framing.
 */
export function comparisonMessage(comparison: Comparison, language?: Language): AnswerMessage {
  const lines = [echoLine(comparison.question), ...filterLines(comparison, language)];
  if (comparison.filterProblem) return plain(lines);
  if (comparison.truncated) lines.push(escapeText(say(phrases.truncated(MAX_QUESTION_LENGTH), language)));
  const covered = comparison.sides.flatMap((side) => (side.quote ? [side.quote] : []));
  if (covered.length === 0) return plain([...lines, escapeText(say(phrases.notFound, language))]);
  const embeds = quoteEmbeds(covered, language);
  // Outlets whose quote did not fit Discord's limits are counted rather than dropped silently.
  if (embeds.length < covered.length)
    lines.push(escapeText(label(phrases.andMore(covered.length - embeds.length), language)));
  const missing = comparison.sides
    .filter((side) => !side.quote)
    .map((side) => outletName(side.publisher, language));
  if (missing.length > 0)
    lines.push(`${escapeText(label(phrases.notCovered, language))}: ${escapeText(missing.join(" · "))}`);
  return { ...plain(lines), embeds };
}

/**
 * A page of `/timeline [topic]`: the filter and "Events 1-5 of 12", one embed per event (its date before the
 * article's title, the quote, the source line), and Previous / Next buttons that page in place.
 */
export async function timelineMessage(
  qa: Qa,
  topic: string,
  offset: number,
  language?: Language,
): Promise<AnswerMessage> {
  const timeline = await qa.timeline(topic, { offset, limit: PAGING.timelineEventsPerPage });
  const lines = topic === "" ? [] : [echoLine(topic)];
  lines.push(...filterLines(timeline, language));
  if (timeline.filterProblem) return plain(lines);
  if (timeline.events.length === 0) {
    return plain([...lines, escapeText(say(offset === 0 ? phrases.noTimeline : phrases.noMore, language))]);
  }
  const embeds = quoteEmbeds(
    timeline.events.map((event) => event.quote),
    language,
  ).map((embed, i) => ({
    ...embed,
    title: truncate(`${timeline.events[i]?.date} · ${embed.title ?? ""}`, EMBED_LIMITS.title),
  }));
  const shown = embeds.length;
  const page = phrases.timelinePage(offset + 1, offset + shown, timeline.total);
  lines.push(escapeText(label(page, language)));
  const buttons: APIButtonComponent[] = [];
  const button = (to: number, phrase: { zh: string; en: string }): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: encodeTimeline(to, topic),
    label: label(phrase, language),
  });
  if (offset > 0) buttons.push(button(Math.max(0, offset - PAGING.timelineEventsPerPage), phrases.previous));
  if (timeline.hasMore || shown < timeline.events.length) buttons.push(button(offset + shown, phrases.next));
  const components: APIActionRowComponent<APIButtonComponent>[] =
    buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
  return { ...plain(lines), embeds, components };
}

/**
 * Previous / Next on a timeline page: the page is replaced in place by the one asked for, for whoever pressed
 * (the topic from the button, or from the page's echoed line when it was too long for the button).
 */
export async function pressTimelineButton(interaction: ButtonInteraction, qa: Qa): Promise<void> {
  const language = languageOf(interaction.locale);
  const match = TIMELINE_ID.exec(interaction.customId);
  if (!match) {
    const expired = say(phrases.expired, language);
    await interaction.reply({ ...textMessage(expired), flags: MessageFlags.Ephemeral });
    return;
  }
  const topic = match[2] ?? echoedQuestion(interaction.message.content) ?? "";
  await interaction.deferUpdate();
  const page = await timelineMessage(qa, topic, Number(match[1]), language);
  await interaction.editReply(page);
}
