import "../load-env.ts";
import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { formatAnswer, formatContext, formatFilter } from "../adapters/console/format.ts";
import { printable } from "../adapters/console/printable.ts";
import { phrases } from "../core/messages.ts";
import { label } from "../core/reply-language.ts";
import type { Answer, QuoteContext } from "../core/types.ts";
import { formatExplanation } from "./explanation.ts";
import { openQa, runCommand, UsageError } from "./setup.ts";

const USAGE = `usage: npm run -s ask -- "问题" [--json] [--context] [--explain] [--limit N] [--corpus DIR]
                  [--source NAME] [--since DATE] [--until DATE]
       npm run -s ask -- --batch QUESTIONS.txt|- [--limit N] [--corpus DIR]   (JSON lines out; - is stdin)
  DATE is 2025, 2025-01 or 2025-01-15; the question may also hold source:BBC since:2025-01 until:…
  A filter that cannot be applied (unknown source, unreadable date, since after until) exits 2.`;

/**
 * The `--json` shape: one object per question; an empty `quotes` list means the articles do not answer it.
 * Each quote's `highlights` are `[start, end)` ranges of UTF-16 units in its `text`; `alsoReportedBy` lists the
 * other articles that report the same event.
 * `filter` is the filter applied (null when none); `filterProblem` says why one could not be. With `contexts`
 * (`--context`), each quote carries the paragraphs around it, the quoted range marked.
 */
export function toJson(answer: Answer, contexts?: ReadonlyArray<QuoteContext | undefined>) {
  return {
    query: answer.question,
    filter: answer.filter ?? null,
    ...(answer.filterProblem ? { filterProblem: answer.filterProblem } : {}),
    ...(answer.articles ? { articles: answer.articles } : {}),
    quotes: answer.quotes.map((q, i) => ({
      text: q.text,
      score: Number(q.score.toFixed(4)),
      title: q.article.title,
      publisher: q.article.publisher,
      url: q.article.url,
      date: q.article.date,
      file: q.article.file,
      highlights: q.highlights.map(([start, end]) => [start, end]),
      alsoReportedBy: q.alsoReportedBy.map((a) => ({
        publisher: a.publisher,
        title: a.title,
        date: a.date,
        url: a.url,
        file: a.file,
      })),
      ...(contexts ? { context: contextJson(contexts[i]) } : {}),
    })),
  };
}

/** A quote's context for `--json`: its paragraphs with the quote's `[start, end)` marks; null once it is gone. */
function contextJson(context: QuoteContext | undefined) {
  if (!context) return null;
  const { paragraphs, moreBefore, moreAfter } = context;
  return { paragraphs, moreBefore, moreAfter };
}

/** A filter the user asked for that could not be applied (not one that merely leaves no article). */
function rejectedFilter(answer: Answer): string | undefined {
  if (!answer.filterProblem || answer.filterProblem.kind === "noArticles") return undefined;
  return formatFilter({ filterProblem: answer.filterProblem });
}

/** The lines of a `--batch` file, or of stdin for `--batch -`. */
function batchLines(batch: string) {
  const input = batch === "-" ? process.stdin : createReadStream(batch);
  return createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      batch: { type: "string" },
      limit: { type: "string", default: "3" },
      corpus: { type: "string" },
      context: { type: "boolean", default: false },
      explain: { type: "boolean", default: false },
      source: { type: "string" },
      since: { type: "string" },
      until: { type: "string" },
    },
  });
  const filter = { source: values.source, since: values.since, until: values.until };
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50)
    throw new UsageError("--limit takes a number from 1 to 50.");
  const question = positionals.join(" ").trim();
  if (!values.batch && question === "")
    throw new UsageError('Ask a question, e.g. npm run -s ask -- "耶伦哪天访华？"');
  if (values.batch && values.batch !== "-" && !existsSync(values.batch))
    throw new UsageError(`${values.batch}: no such file`);

  const { qa } = await openQa(values.corpus);
  if ((await qa.stats()).articles === 0)
    process.stderr.write(
      "Warning: no articles are indexed, so nothing can be quoted. Check --corpus or CORPUS_DIR.\n",
    );
  if (values.batch) {
    let line = 0;
    for await (const asked of batchLines(values.batch)) {
      line += 1;
      const answer = await qa.ask(asked, { limit, filter });
      const rejected = rejectedFilter(answer);
      if (rejected) {
        process.stderr.write(`line ${line}: ${rejected}\n`);
        process.exitCode = 2;
      }
      process.stdout.write(`${JSON.stringify(toJson(answer))}\n`);
    }
  } else {
    const answer = await qa.ask(question, { limit, filter, explain: values.explain });
    if (answer.truncated)
      process.stderr.write(`The question was cut to its first ${answer.question.length} characters.\n`);
    const rejected = rejectedFilter(answer);
    if (rejected) {
      // A filter that cannot be applied is a usage error: its reason on stderr, exit 2 (the JSON still printed).
      process.stderr.write(`${printable(rejected)}\n`);
      process.exitCode = 2;
    }
    const contexts = values.context
      ? await Promise.all(answer.quotes.map((q) => qa.context(q.ref)))
      : undefined;
    const explanation = answer.explanation && { explanation: answer.explanation };
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ...toJson(answer, contexts), ...explanation })}\n`);
    } else if (!rejected) {
      process.stdout.write(`${printable(formatAnswer(answer, { bold: process.stdout.isTTY }))}\n`);
      contexts?.forEach((context, i) => {
        const text = context ? formatContext(context) : label(phrases.contextGone);
        process.stdout.write(
          `\n${label(phrases.context)} ${answer.quotes[i]?.number ?? i + 1}:\n${printable(text)}\n`,
        );
      });
    }
    if (answer.explanation && !values.json)
      process.stdout.write(`\n${printable(formatExplanation(answer.explanation))}\n`);
  }
  await qa.close();
}

runCommand(main, USAGE);
