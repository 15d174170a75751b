import { createInterface } from "node:readline";
import { say as inBothLanguages, label } from "../../core/language.ts";
import { consoleHelp, messages, phrases } from "../../core/messages.ts";
import { cleanQuestion } from "../../core/question.ts";
import type { Qa } from "../../core/types.ts";
import { formatAnswer, formatSources } from "./format.ts";

/** What the console chat reads from and writes to. */
export interface ConsoleChatOptions {
  qa: Qa;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream & { isTTY?: boolean };
  /** Quotes per answer. Default 3. */
  limit?: number;
}

/** A line that is a command rather than a question: a slash and a word (`/more`, `/quit`, a typo). */
const COMMAND = /^\/[A-Za-z]\w*(?=\s|$)/;

/**
 * The local chat `npm start` opens when no platform token is set: a prompt, an answer per line.
 * With piped input it answers each line and resolves at the end of input. `/more` pages the last question,
 * `/sources` lists the articles, `/help` explains, `/quit` leaves.
 */
export async function runConsoleChat({ qa, input, output, limit = 3 }: ConsoleChatOptions): Promise<void> {
  const interactive = output.isTTY === true;
  const lines = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const say = (text: string) => output.write(`${text}\n\n`);
  let last: { question: string; offset: number } | undefined;
  const help = async () => inBothLanguages(consoleHelp(await qa.articles()));
  if (interactive) say(await help());
  lines.setPrompt(`${label(phrases.ask)} › `);
  if (interactive) lines.prompt();
  for await (const raw of lines) {
    const line = cleanQuestion(raw);
    if (line === "/quit" || line === "/exit") break;
    if (line === "/help") say(await help());
    else if (line === "/sources") say(formatSources(await qa.articles()));
    else if (line === "/more") {
      if (!last) say(messages.expired);
      else {
        last.offset += limit;
        const answer = await qa.ask(last.question, { limit, offset: last.offset });
        say(answer.quotes.length ? formatAnswer(answer, { bold: interactive }) : messages.noMore);
      }
    } else if (COMMAND.test(line)) {
      say(inBothLanguages(phrases.unknownCommand(line.match(COMMAND)?.[0] ?? line)));
    } else if (line !== "") {
      const answer = await qa.ask(line, { limit });
      last = { question: line, offset: 0 };
      say(
        formatAnswer(answer, { bold: interactive }) +
          (answer.hasMore ? `\n\n(/more: ${label(phrases.more)})` : ""),
      );
    }
    if (interactive) lines.prompt();
  }
  lines.close();
}
