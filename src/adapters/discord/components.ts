import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIButtonComponentWithURL,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import { label } from "../../core/language.ts";
import { phrases } from "../../core/messages.ts";
import { truncate } from "../../core/text/truncate.ts";
import type { Quote } from "../../core/types.ts";
import { safeUrl } from "./format.ts";

/** Discord's limit on a component's `custom_id`. */
export const CUSTOM_ID_LIMIT = 100;

/** Buttons per action row, and rows per message. */
const ROW_LIMIT = 5;
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

/** Whether a component is a "More" button; used to take it off a message once it has been pressed. */
export function isMoreButton(component: { type: ComponentType; custom_id?: string }): boolean {
  return component.type === ComponentType.Button && component.custom_id?.startsWith("more:") === true;
}

/** Link buttons to the quoted articles, one per distinct link, labelled `publisher · date`. */
export function sourceButtons(quotes: readonly Quote[]): APIButtonComponentWithURL[] {
  const buttons = new Map<string, APIButtonComponentWithURL>();
  for (const { article } of quotes) {
    const url = safeUrl(article.url);
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

/** The answer's buttons: "More" first when there are further quotes, then the sources, five to a row. */
export function answerComponents(
  quotes: readonly Quote[],
  moreId: string | undefined,
): APIActionRowComponent<APIButtonComponent>[] {
  const buttons: APIButtonComponent[] = sourceButtons(quotes);
  if (moreId) {
    buttons.unshift({
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      custom_id: moreId,
      label: label(phrases.more),
    });
  }
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let at = 0; at < buttons.length && rows.length < ROW_LIMIT; at += ROW_LIMIT) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(at, at + ROW_LIMIT) });
  }
  return rows;
}
