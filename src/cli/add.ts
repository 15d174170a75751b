import path from "node:path";
import { parseArgs } from "node:util";
import { addedText } from "../adapters/console/news.ts";
import { loadConfig } from "../config.ts";
import { openIngest } from "../ingest/setup.ts";
import { createLogger } from "../logger.ts";
import { runCommand, UsageError } from "./setup.ts";

const USAGE = `usage: npm run -s add -- URL [--publisher NAME] [--corpus DIR] [--json]
  Fetches the article at URL and writes it into the corpus directory (CORPUS_DIR); exit 0 when added,
  1 with the reason when not (already in, not an article, refused by robots.txt, unreachable, …).`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      corpus: { type: "string" },
      publisher: { type: "string" },
    },
  });
  const url = positionals[0];
  if (!url || positionals.length > 1) throw new UsageError("give one link");
  const loaded = loadConfig();
  const config = values.corpus ? { ...loaded, corpusDir: path.resolve(values.corpus) } : loaded;
  const logger = createLogger({ level: config.logLevel ?? "warn", secrets: config.secrets });
  const { ingest, fetcher } = openIngest(config, logger);
  try {
    const outcome = await ingest.add(url, { publisher: values.publisher });
    if (values.json) {
      const article = outcome.added ? outcome.article : outcome.already;
      const { paragraphs: _, ...info } = outcome.added
        ? outcome.article
        : { paragraphs: [], ...(article ?? {}) };
      process.stdout.write(
        `${JSON.stringify({ added: outcome.added, ...(outcome.added ? { passages: outcome.passages } : { reason: outcome.reason }), ...(article ? { article: info } : {}) })}\n`,
      );
    } else if (outcome.added) {
      process.stdout.write(`${addedText(outcome, "en")}\n`);
    } else {
      process.stderr.write(`${addedText(outcome, "en")}\n`);
    }
    if (!outcome.added) process.exitCode = 1;
  } finally {
    await fetcher.close();
  }
}

runCommand(main, USAGE);
