/**
 * `npm run feedback`: what users said about the answers. Counts the 👍/👎 votes in the feedback file (in the
 * index's PostgreSQL database when `INDEX_URL` is set), then lists
 * the answers marked wrong with the quotes they showed, read back from the article files.
 */
import "dotenv/config";
import { parseArgs } from "node:util";
import { printable } from "../adapters/console/printable.ts";
import { loadConfig } from "../config.ts";
import { type ReadLimits, readArticle } from "../core/corpus/read-corpus.ts";
import { readPostgresFeedback } from "../core/feedback/postgres-store.ts";
import { readFeedback } from "../core/feedback/store.ts";
import { summarize, type VotedAnswer } from "../core/feedback/summary.ts";
import type { QuoteLocation } from "../core/types.ts";
import { runCommand } from "./setup.ts";

const USAGE =
  "usage: npm run feedback   (reads FEEDBACK_FILE, default .cache/feedback.jsonl; with INDEX_URL, the index's database)";

async function main(): Promise<void> {
  parseArgs({ options: {} }); // takes no options: a typo is a usage error, not silently ignored
  const config = loadConfig();
  const source = config.index ? `PostgreSQL, schema ${config.index.schema}` : config.feedback.file;
  const rows = config.index
    ? await readPostgresFeedback(config.index.url, config.index.schema)
    : await readFeedback(config.feedback.file);
  const summary = summarize(rows);
  const platforms = Object.entries(summary.byPlatform)
    .map(([platform, n]) => `${platform} ${n}`)
    .join(", ");
  const lines = [
    source,
    `${counted(summary.votes, "vote")} from ${counted(summary.users, "user")}: 👍 ${summary.up}, 👎 ${summary.down}${platforms ? ` (${platforms})` : ""}`,
  ];
  if (summary.wrong.length > 0) lines.push("", `Answers marked wrong (${summary.wrong.length}):`);
  // Read as the index read them, so that paragraph numbers match (secret-holding paragraphs left out).
  const corpus = {
    dir: config.corpusDir,
    limits: { maxArticleBytes: config.maxArticleBytes, secrets: config.secrets },
  };
  for (const answer of summary.wrong) lines.push(...(await describe(answer, corpus)));
  // Stored questions are users' words and may hold terminal control sequences: shown, never obeyed.
  process.stdout.write(`${printable(lines.join("\n"))}\n`);
}

/** "1 vote", "2 votes". */
const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** The article files quotes are read back from, and how. */
interface Corpus {
  dir: string;
  limits: ReadLimits;
}

/** An answer marked wrong: its votes and question, then each quote's place and, while the file is there, text. */
async function describe(answer: VotedAnswer, corpus: Corpus): Promise<string[]> {
  const lines = ["", `👎 ${answer.down} 👍 ${answer.up}  ${answer.question}  (last ${answer.last})`];
  for (const at of answer.quotes)
    lines.push(`  ${at.file} ¶${at.paragraph} ${at.start}–${at.end}: ${await textAt(at, corpus)}`);
  return lines;
}

/**
 * The quoted text, read back from an article file of the corpus: a row's `file` is only a name in it
 * (`../../etc/passwd` is refused, as is a link leading out of it; see `readArticleSource`).
 */
async function textAt(at: QuoteLocation, { dir, limits }: Corpus): Promise<string> {
  const article = await readArticle(dir, at.file, new Map(), limits).catch(() => undefined);
  const text = article?.paragraphs[at.paragraph]?.slice(at.start, at.end);
  return text ? `「${text}」` : "(no longer in the articles)";
}

runCommand(main, USAGE);
