import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../config.ts";
import { ConfigError, CorpusError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { createQa, type LoadedQa } from "../core/qa.ts";
import type { SearchSettings } from "../core/settings.ts";
import { createLogger } from "../logger.ts";

/** A command-line mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * The question-answering port for a command-line tool, over `corpusDir` (the `--corpus` flag) or the configured
 * corpus. A `corpusDir` that is no directory is a usage error naming the flag.
 */
export async function openQa(
  corpusDir?: string,
  settings?: Partial<SearchSettings>,
): Promise<{ qa: LoadedQa; logger: Logger }> {
  // The settings first: a mistake in them (.env, the environment) is the one to fix before any flag.
  const config = loadConfig();
  if (corpusDir && !statSync(corpusDir, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`--corpus ${corpusDir}: no such directory of articles`);
  // Commands print their results on stdout; the log (stderr) only says what went wrong.
  const logger = createLogger({ level: config.logLevel ?? "warn", secrets: config.secrets });
  const corpus = corpusDir ? path.resolve(corpusDir) : config.corpusDir;
  const qa = await createQa({
    corpusDir: corpus,
    cacheDir: config.cacheDir,
    configDir: config.configDir,
    maxArticleBytes: config.maxArticleBytes,
    secrets: config.secrets,
    logger,
    settings,
    semantic: config.semantic,
    postgres: config.index && {
      url: config.index.url,
      schema: schemaFor(config.index.schema, corpus, config.corpusDir),
      sync: "wait",
    },
  });
  return { qa, logger };
}

/**
 * The PostgreSQL schema for a corpus: the configured one for the configured corpus; for another (an eval set's),
 * one of its own, so that evaluating never overwrites the bots' index.
 */
function schemaFor(schema: string, corpusDir: string, configured: string): string {
  if (corpusDir === configured) return schema;
  return `${schema}_${createHash("sha256").update(corpusDir).digest("hex").slice(0, 12)}`;
}

/** A {@link UsageError}, or one of node:util parseArgs's complaints (an unknown option, a missing value). */
function isUsageError(error: unknown): error is Error {
  if (error instanceof UsageError) return true;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return error instanceof Error && typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_");
}

/** Runs a command's main function: usage errors exit 2, problems a person can fix exit 1 with their message. */
export function runCommand(main: () => Promise<void>, usage: string): void {
  main().catch((error: unknown) => {
    if (isUsageError(error)) {
      process.stderr.write(`${error.message}\n${usage}\n`);
      process.exitCode = 2;
    } else if (error instanceof ConfigError || error instanceof CorpusError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  });
}
