import { createInterface } from "node:readline";
import { label } from "../../core/language.ts";
import { helpText, messages, phrases } from "../../core/messages.ts";
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
  if (interactive) say(helpText(await qa.articles()));
  lines.setPrompt(`${label(phrases.ask)} › `);
  if (interactive) lines.prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === "/quit" || line === "/exit") break;
    if (line === "/help") say(helpText(await qa.articles()));
    else if (line === "/sources") say(formatSources(await qa.articles()));
    else if (line === "/more") {
      if (!last) say(messages.expired);
      else {
        last.offset += limit;
        const answer = await qa.ask(last.question, { limit, offset: last.offset });
        say(answer.quotes.length ? formatAnswer(answer, { bold: interactive }) : messages.noMore);
      }
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
