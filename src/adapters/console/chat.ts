import { createInterface } from "node:readline";
import { consoleHelp, messages, phrases, votePhrase } from "../../core/messages.ts";
import { PAGING } from "../../core/paging.ts";
import { isBlankQuestion } from "../../core/question/clean.ts";
import { label, say } from "../../core/reply-language.ts";
import type { Qa } from "../../core/types.ts";
import type { News } from "../../ingest/news.ts";
import { formatAnswer, formatComparison, formatContext, formatSources, formatTimeline } from "./format.ts";
import { newsReply } from "./news.ts";
import { printable } from "./printable.ts";

/** What the console chat reads from and writes to. */
export interface ConsoleChatOptions {
  qa: Qa;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream & { isTTY?: boolean };
  /** Quotes per answer. Default `PAGING.quotesPerPage`. */
  limit?: number;
  /** `/add <link>` and `/verify <text>`; without it those are unknown commands. */
  news?: Pick<News, "add" | "verify"> | undefined;
}

/** A line that is a command rather than a question: a slash and a word (`/more`, `/quit`, a typo). */
const COMMAND = /^\/[A-Za-z]\w*(?=\s|$)/;

/** What `/more`, `/context N` and `/good`/`/bad` act on: the last answer, timeline or comparison shown. */
interface Last {
  kind: "ask" | "timeline" | "compare";
  question: string;
  offset: number;
  /** Every quote of the answer shown so far, by number: `/context N` takes the Nth. */
  refs: string[];
  /** The quotes of the page shown last, which `/good`/`/bad` rate. */
  page: string[];
}

/**
 * Words that greet rather than ask, lower case, without punctuation: such a line (or one of punctuation only,
 * `?`, `/`) gets the help, not "not covered".
 */
const GREETINGS = new Set(["你好", "您好", "嗨", "哈喽", "hello", "hi", "hey", "help", "帮助"]);

/** True for a line that asks nothing: a greeting, or nothing but punctuation. */
export function asksNothing(line: string): boolean {
  const words = line.toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, "");
  return words === "" || GREETINGS.has(words);
}

/**
 * The local chat `npm start` opens when no platform token is set: a prompt, an answer per line.
 * With piped input it answers each line and resolves at the end of input. `/more` pages the last question or
 * timeline, `/context N` shows the paragraph around quote N, `/compare 问题` each outlet's best quote,
 * `/timeline [topic]` the dated events, `/good`/`/bad` rate the last answer, `/sources` lists the articles,
 * `/help` explains, `/quit` leaves. `source:`, `since:` and `until:` in a question filter the articles.
 */
export async function runConsoleChat({
  qa,
  input,
  output,
  limit = PAGING.quotesPerPage,
  news,
}: ConsoleChatOptions): Promise<void> {
  const interactive = output.isTTY === true;
  const lines = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  // Articles and questions may hold terminal control sequences: shown, never obeyed.
  const say = (text: string) => output.write(`${printable(text)}\n\n`);
  const state: { last?: Last } = {};
  if (interactive) say(await reply(qa, "/help", state, { limit, bold: interactive }));
  lines.setPrompt(`${label(phrases.ask)} › `);
  if (interactive) lines.prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (/^\/(quit|exit)$/i.test(line)) break;
    const added = news && !isBlankQuestion(line) ? await newsReply(news, line) : undefined;
    if (added !== undefined) say(added);
    else if (!isBlankQuestion(line)) say(await reply(qa, line, state, { limit, bold: interactive }));
    if (interactive) lines.prompt();
  }
  lines.close();
}

/** The reply to one line: a command, or a question. */
async function reply(
  qa: Qa,
  line: string,
  state: { last?: Last },
  { limit, bold }: { limit: number; bold: boolean },
): Promise<string> {
  const [first = "", ...words] = line.split(/\s+/);
  const command = first.toLowerCase(); // `/Help` is `/help`
  const rest = words.join(" ");
  const { last } = state;
  if (command === "/help" || asksNothing(line)) return say(consoleHelp(await qa.articles()));
  if (command === "/sources") return formatSources(await qa.articles());
  if (command === "/context") return context(qa, last, rest);
  if (command === "/compare") {
    state.last = { kind: "compare", question: rest, offset: 0, refs: [], page: [] };
    return formatComparison(await qa.compare(rest));
  }
  if (command === "/good" || command === "/bad") {
    if (!last) return messages.expired;
    if (last.kind !== "ask" || last.page.length === 0) return say(phrases.noQuotesShown);
    const vote = command === "/good" ? "up" : "down";
    const outcome = await qa.vote({
      platform: "console",
      userId: "console",
      vote,
      question: last.question,
      refs: last.page,
    });
    return say(votePhrase(outcome));
  }
  if (command === "/timeline") return timeline(qa, state, { question: rest, offset: 0 }, limit);
  if (command === "/more") {
    if (!last || last.kind === "compare") return messages.expired;
    if (last.kind === "timeline") return timeline(qa, state, { ...last, offset: last.offset + limit }, limit);
    last.offset += limit;
    const answer = await qa.ask(last.question, { limit, offset: last.offset });
    if (answer.quotes.length === 0) return messages.noMore;
    last.page = answer.quotes.map((q) => q.ref);
    last.refs.push(...last.page);
    return formatAnswer(answer, { bold });
  }
  if (COMMAND.test(line)) return say(phrases.unknownCommand(line.match(COMMAND)?.[0] ?? line));
  const answer = await qa.ask(line, { limit });
  const page = answer.quotes.map((q) => q.ref);
  state.last = { kind: "ask", question: line, offset: 0, refs: [...page], page };
  return formatAnswer(answer, { bold }) + (answer.hasMore ? `\n\n(/more: ${label(phrases.more)})` : "");
}

/** `/context N`: the paragraph around quote N of the last answer (numbered across its pages). */
async function context(qa: Qa, last: Last | undefined, rest: string): Promise<string> {
  if (!last) return messages.expired;
  if (last.kind !== "ask" || last.refs.length === 0) return say(phrases.noQuotesShown);
  const n = rest === "" ? 1 : Number(rest);
  const ref = Number.isInteger(n) ? last.refs[n - 1] : undefined;
  if (ref === undefined) return say(phrases.noSuchQuote(last.refs.length));
  const found = await qa.context(ref);
  return found ? formatContext(found) : say(phrases.contextGone);
}

/** A page of the timeline, remembered for `/more`. */
async function timeline(
  qa: Qa,
  state: { last?: Last },
  page: { question: string; offset: number },
  limit: number,
): Promise<string> {
  const result = await qa.timeline(page.question, { limit, offset: page.offset });
  if (page.offset > 0 && result.events.length === 0) return say(phrases.noMoreEvents);
  state.last = { kind: "timeline", ...page, refs: [], page: [] };
  return formatTimeline(result, page.offset) + (result.hasMore ? `\n\n(/more: ${label(phrases.more)})` : "");
}
