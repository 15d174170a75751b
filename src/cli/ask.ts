import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { formatAnswer } from "../adapters/console/format.ts";
import type { Answer } from "../core/types.ts";
import { openQa, runCommand, UsageError } from "./setup.ts";

const USAGE = `usage: npm run -s ask -- "问题" [--json] [--limit N] [--corpus DIR]
       npm run -s ask -- --batch QUESTIONS.txt [--limit N] [--corpus DIR]   (JSON lines out)`;

/** The `--json` shape: one object per question; an empty `quotes` list means the articles do not answer it. */
export function toJson(answer: Answer) {
  return {
    query: answer.question,
    quotes: answer.quotes.map((q) => ({
      text: q.text,
      score: Number(q.score.toFixed(4)),
      title: q.article.title,
      publisher: q.article.publisher,
      url: q.article.url,
      date: q.article.date,
      file: q.article.file,
    })),
  };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      batch: { type: "string" },
      limit: { type: "string", default: "3" },
      corpus: { type: "string" },
    },
  });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50)
    throw new UsageError("--limit takes a number from 1 to 50.");
  const question = positionals.join(" ").trim();
  if (!values.batch && question === "")
    throw new UsageError('Ask a question, e.g. npm run -s ask -- "耶伦哪天访华？"');
  if (values.batch && !existsSync(values.batch)) throw new UsageError(`${values.batch}: no such file`);

  const { qa } = await openQa(values.corpus);
  if (values.batch) {
    const lines = createInterface({
      input: createReadStream(values.batch),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const line of lines)
      process.stdout.write(`${JSON.stringify(toJson(await qa.ask(line, { limit })))}\n`);
  } else {
    const answer = await qa.ask(question, { limit });
    if (answer.truncated)
      process.stderr.write(`The question was cut to its first ${answer.question.length} characters.\n`);
    process.stdout.write(
      values.json
        ? `${JSON.stringify(toJson(answer))}\n`
        : `${formatAnswer(answer, { bold: process.stdout.isTTY })}\n`,
    );
  }
  await qa.close();
}

runCommand(main, USAGE);
