import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIButtonComponentWithURL,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import { phrases } from "../../core/messages.ts";
import { type Language, label } from "../../core/reply-language.ts";
import { truncate } from "../../core/text/truncate.ts";
import type { Quote } from "../../core/types.ts";
import { safeUrl, URL_LIMITS } from "./format.ts";

/** Discord's limit on a component's `custom_id`. */
export const CUSTOM_ID_LIMIT = 100;

/** Buttons per action row, and rows per message. */
const ROW_LIMIT = 5;
const MAX_ROWS = 5;
const LABEL_LIMIT = 80;

/** What a "More" button must remember to fetch the next quotes, even after the bot restarts. */
export interface MoreState {
  /** How many of the best quotes were already shown. */
  offset: number;
  /** How many quotes to show per page. */
  count: number;
  /** The question; undefined when it was too long for the custom ID and must be read from the message. */
  question: string | undefined;
}

/**
 * The "More" button's custom ID: `more:<offset>:<count>:<question>`, or `more:<offset>:<count>` when the
 * question would push it past Discord's 100 characters.
 */
export function encodeMore(state: { offset: number; count: number; question: string }): string {
  const head = `more:${state.offset}:${state.count}`;
  const full = `${head}:${state.question}`;
  return full.length <= CUSTOM_ID_LIMIT ? full : head;
}

/** Reads a custom ID written by `encodeMore`; undefined for any other custom ID. */
export function decodeMore(customId: string): MoreState | undefined {
  const match = /^more:(\d{1,4}):(\d{1,2})(?::([\s\S]+))?$/.exec(customId);
  if (!match) return undefined;
  return { offset: Number(match[1]), count: Number(match[2]), question: match[3] };
}

/** Whether a custom ID is a 👍/👎's. */
export const isVoteButton = (customId: string): boolean => customId.startsWith("vote:");

/** Whether a component is a "More" button; used to take it off a message once it has been pressed. */
export function isMoreButton(component: { type: ComponentType; custom_id?: string }): boolean {
  return component.type === ComponentType.Button && component.custom_id?.startsWith("more:") === true;
}

/**
 * Link buttons to the quoted articles, one per distinct link, labelled `publisher · date`. An article whose
 * link is too long for a button (over 512 characters) gets none: its embed's title still links to it.
 */
export function sourceButtons(quotes: readonly Quote[]): APIButtonComponentWithURL[] {
  const buttons = new Map<string, APIButtonComponentWithURL>();
  for (const { article } of quotes) {
    const url = safeUrl(article.url, URL_LIMITS.button);
    if (!url || buttons.has(url)) continue;
    const label = [article.publisher, article.date].filter(Boolean).join(" · ") || article.title;
    buttons.set(url, {
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      url,
      label: truncate(label, LABEL_LIMIT),
    });
  }
  return [...buttons.values()];
}

/** Lays buttons out five to a row. */
function rowsOf(buttons: readonly APIButtonComponent[]): APIActionRowComponent<APIButtonComponent>[] {
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let at = 0; at < buttons.length; at += ROW_LIMIT)
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(at, at + ROW_LIMIT) });
  return rows;
}

/**
 * The answer's buttons in as few rows as Discord allows, "More" never beside a link: one "Context" per quote
 * (labelled with the quote's number, as its embed is) and "More" when there are further quotes; then 👍/👎,
 * when given the page the quotes are (`vote`), and the link buttons to the sources. Three quotes fit two rows.
 */
export function answerComponents(
  quotes: readonly Quote[],
  moreId: string | undefined,
  vote?: { offset: number; question: string },
  language?: Language,
): APIActionRowComponent<APIButtonComponent>[] {
  const first: APIButtonComponent[] = [];
  if (vote) {
    quotes.slice(0, ROW_LIMIT).forEach((quote, i) => {
      first.push({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: `ctx:${quote.ref}`,
        label: `${label(phrases.context, language)} ${quote.number ?? vote.offset + i + 1}`,
      });
    });
  }
  if (moreId) {
    first.push({
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      custom_id: moreId,
      label: label(phrases.more, language),
    });
  }
  const second: APIButtonComponent[] = [];
  if (vote && quotes.length > 0) {
    for (const kind of ["up", "down"] as const) {
      second.push({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: encodeVote({ ...vote, vote: kind, count: quotes.length }),
        emoji: { name: kind === "up" ? "👍" : "👎" },
      });
    }
  }
  second.push(...sourceButtons(quotes));
  return [...rowsOf(first), ...rowsOf(second)].slice(0, MAX_ROWS);
}

/** What a 👍/👎 button must remember: the vote, the page of quotes it is about, the question when it fits. */
export interface VoteState {
  vote: "up" | "down";
  offset: number;
  count: number;
  question: string | undefined;
}

/**
 * 👍/👎's custom ID: `vote:<up|down>:<offset>:<count>:<question>`, without the question when it would pass 100
 * characters (it is then read back from the answer, as for "More"). A quote's Context button is `ctx:<ref>`.
 */
export function encodeVote(state: VoteState & { question: string }): string {
  const head = `vote:${state.vote}:${state.offset}:${state.count}`;
  const full = `${head}:${state.question}`;
  return full.length <= CUSTOM_ID_LIMIT ? full : head;
}

/** Reads a custom ID written by `encodeVote`; undefined for any other. */
export function decodeVote(customId: string): VoteState | undefined {
  const match = /^vote:(up|down):(\d{1,4}):(\d{1,2})(?::([\s\S]+))?$/.exec(customId);
  if (!match) return undefined;
  const vote = match[1] === "up" ? "up" : "down";
  return { vote, offset: Number(match[2]), count: Number(match[3]), question: match[4] };
}
