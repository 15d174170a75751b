import type { APIActionRowComponent, APIButtonComponent, APIEmbed, MessageMentionOptions } from "discord.js";
import { notFoundPhrase, phrases } from "../../core/messages.ts";
import { cleanQuestion } from "../../core/question/clean.ts";
import { type Language, say } from "../../core/reply-language.ts";
import { safePrefix } from "../../core/text/truncate.ts";
import { MAX_QUESTION_LENGTH, type Qa } from "../../core/types.ts";
import { answerComponents, encodeMore } from "./components.ts";
import { quoteEmbeds, sourcesEmbed } from "./embeds.ts";
import { escapeText, filterLines, unescapeText } from "./format.ts";

/**
 * Pings nobody: not `@everyone` or `@here`, no role, no user, not even the author of the message replied to.
 * Set on the client and again on every message, because quotes and echoed questions are text we do not control.
 */
export const NO_MENTIONS = { parse: [], repliedUser: false } satisfies MessageMentionOptions;

/** The most quotes one answer may hold (the `/ask count` option's maximum). */
export const MAX_COUNT = 5;

/** The marker in front of an echoed question, so that "More" can read the question back from the message. */
const ECHO = "❓ ";

/** One page of an answer: which question, and which of its quotes. */
export interface AskRequest {
  question: string;
  /** How many of the best quotes to skip. */
  offset: number;
  /** How many quotes to show; clamped to 1–5. */
  count: number;
}

/** A message that answers a question, ready for `reply`, `editReply`, `followUp` or `Message#reply`. */
export interface AnswerMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: MessageMentionOptions;
}

/** User, role and channel mentions as Discord writes them: `<@123>`, `<@!123>`, `<@&123>`, `<#123>`. */
const MENTION_MARKUP = /<(?:@[!&]?|#)\d+>/g;

/**
 * Cleans a user's question: mention markup removed (its numeric IDs only make the search miss), whitespace
 * collapsed (newlines mean nothing to the search, and a one-line question can be echoed and read back), cut to
 * `MAX_QUESTION_LENGTH`.
 */
export function prepareQuestion(raw: string): { question: string; cut: boolean } {
  const question = cleanQuestion(raw.replace(MENTION_MARKUP, " "));
  if (question.length <= MAX_QUESTION_LENGTH) return { question, cut: false };
  return { question: safePrefix(question, MAX_QUESTION_LENGTH), cut: true };
}

/** The line that shows which question a message answers. */
export function echoLine(question: string): string {
  return ECHO + escapeText(question);
}

/** The question echoed in a message's content by `echoLine`, if there is one. */
export function echoedQuestion(content: string): string | undefined {
  const first = content.split("\n", 1)[0] ?? "";
  if (!first.startsWith(ECHO)) return undefined;
  const question = unescapeText(first.slice(ECHO.length)).trim();
  return question === "" ? undefined : question;
}

/** A plain-text message from `core/messages`, escaped, pinging nobody: `say(phrase, language)` or a `messages` text. */
export function textMessage(text: string): { content: string; allowedMentions: MessageMentionOptions } {
  return { content: escapeText(text), allowedMentions: NO_MENTIONS };
}

/**
 * Asks the core and lays out the answer: the filter it applied, one embed per quote, link buttons to the sources,
 * and "More" when there are further quotes. `echo` puts the question in the content, for replies that do not
 * quote it already. The bot's own words are in `language` (both languages when undefined); quotes never change.
 */
export async function answerMessage(
  qa: Qa,
  request: AskRequest,
  options: { echo: boolean; language?: Language },
): Promise<AnswerMessage> {
  const { question, cut } = prepareQuestion(request.question);
  const count = Math.min(MAX_COUNT, Math.max(1, Math.trunc(request.count)));
  const offset = Math.max(0, Math.trunc(request.offset));
  const { language } = options;
  const answer = await qa.ask(question, { limit: count, offset });
  const lines = options.echo ? [echoLine(question)] : [];
  lines.push(...filterLines(answer, language));
  if (cut || answer.truncated) lines.push(escapeText(say(phrases.truncated(MAX_QUESTION_LENGTH), language)));
  if (answer.articles) {
    const embeds = [sourcesEmbed(answer.articles, language)];
    return { content: lines.join("\n"), embeds, components: [], allowedMentions: NO_MENTIONS };
  }
  if (answer.quotes.length === 0) {
    if (!answer.filterProblem)
      lines.push(escapeText(say(answer.abstained ? notFoundPhrase(answer) : phrases.noMore, language)));
    return { content: lines.join("\n"), embeds: [], components: [], allowedMentions: NO_MENTIONS };
  }
  const embeds = quoteEmbeds(answer.quotes, language);
  // Quotes that did not fit within the embed limits are shown by "More" rather than lost.
  const shown = embeds.length;
  const hasMore = answer.hasMore || shown < answer.quotes.length;
  const moreId = hasMore ? encodeMore({ offset: offset + shown, count, question }) : undefined;
  return {
    ...(lines.length > 0 ? { content: lines.join("\n") } : {}),
    embeds,
    components: answerComponents(answer.quotes.slice(0, shown), moreId, { offset, question }, language),
    allowedMentions: NO_MENTIONS,
  };
}
