import path from "node:path";
import { parseArgs } from "node:util";
import { verificationText } from "../adapters/console/news.ts";
import { printable } from "../adapters/console/printable.ts";
import { loadConfig } from "../config.ts";
import type { Verification } from "../core/features/verify.ts";
import { openVerifier } from "../ingest/setup.ts";
import { createLogger } from "../logger.ts";
import { runCommand, UsageError } from "./setup.ts";

const USAGE = `usage: npm run -s verify -- "TEXT" [--json] [--corpus DIR]
  Says whether TEXT stands in the articles verbatim, nearly (the differences marked) or not at all.`;

/**
 * The `--json` shape: `verdict`, the `text` checked, and `quote` (null for "none" unless a close sentence was
 * found): the article's sentence verbatim, its source, the similarity and each difference with its `[start, end)`
 * in the quote's text.
 */
export function verificationJson(result: Verification) {
  const quote = result.quote;
  return {
    verdict: result.verdict,
    text: result.text,
    quote: quote
      ? {
          text: quote.text,
          similarity: Number(quote.similarity.toFixed(3)),
          title: quote.article.title,
          publisher: quote.article.publisher,
          date: quote.article.date,
          url: quote.article.url,
          file: quote.article.file,
        }
      : null,
    differences: (quote?.differences ?? []).map((d) => ({
      kind: d.kind,
      article: d.article,
      quote: d.quote,
      at: [...d.at],
    })),
  };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: "boolean", default: false }, corpus: { type: "string" } },
  });
  const text = positionals.join(" ").trim();
  if (!text) throw new UsageError("give the text to check");
  const loaded = loadConfig();
  const config = values.corpus ? { ...loaded, corpusDir: path.resolve(values.corpus) } : loaded;
  const logger = createLogger({ level: config.logLevel ?? "warn", secrets: config.secrets });
  const result = await openVerifier(config, logger)(text);
  process.stdout.write(
    values.json
      ? `${JSON.stringify(verificationJson(result))}\n`
      : `${printable(verificationText(result, "en"))}\n`,
  );
}

runCommand(main, USAGE);
