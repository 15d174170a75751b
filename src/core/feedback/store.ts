import { createHmac, randomBytes } from "node:crypto";
import { mkdir, open, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "../logger.ts";
import type { QuoteLocation } from "../types.ts";

/** A user's verdict on one answer, as an adapter reports it. */
export interface Vote {
  /** `telegram`, `discord`, `console`, … */
  platform: string;
  /** The platform's user id. Only its salted hash is stored. */
  userId: string;
  vote: "up" | "down";
  question: string;
  /** The quotes the answer showed. */
  quotes: QuoteLocation[];
}

/** One line of the feedback file. */
export interface FeedbackRow {
  /** ISO time of the vote. */
  time: string;
  platform: string;
  /** HMAC-SHA256 of `platform:userId` under the salt, hex: the same user always gets the same value. */
  user: string;
  vote: "up" | "down";
  question: string;
  quotes: QuoteLocation[];
}

/** Where votes go. */
export interface FeedbackStore {
  /** Queues a vote to be appended; returns at once and never throws (a failure is logged). */
  record(vote: Vote): void;
  /** Resolves when every vote recorded so far is stored (or has failed and been logged). */
  flush(): Promise<void>;
  /** Flushes, then releases what the store holds (the PostgreSQL store's connection). */
  close(): Promise<void>;
}

/** What `createFeedbackStore` needs. */
export interface FeedbackOptions {
  /** The JSON-lines file votes are appended to; created with its directory when missing. */
  file: string;
  /** Secret salt for user ids; when unset, one is generated once and kept in `saltFile`. */
  salt?: string;
  /** Where a generated salt is kept. Default: `feedback-salt` beside `file`. */
  saltFile?: string;
  logger: Logger;
}

/**
 * An append-only JSON-lines store of votes, one `fsync`ed line each, so that a vote acknowledged to a user
 * survives a crash. Writes run one after another in the background: recording never delays an answer.
 */
export function createFeedbackStore(options: FeedbackOptions): FeedbackStore {
  const { file, logger } = options;
  let salt: Promise<string> | undefined;
  let queue = Promise.resolve();
  const append = async (vote: Vote) => {
    salt ??= options.salt ? Promise.resolve(options.salt) : savedSalt(options.saltFile ?? saltFileFor(file));
    const row: FeedbackRow = {
      time: new Date().toISOString(),
      platform: vote.platform,
      user: hashUser(await salt, vote.platform, vote.userId),
      vote: vote.vote,
      question: vote.question,
      quotes: vote.quotes,
    };
    await mkdir(path.dirname(file), { recursive: true });
    const handle = await open(file, "a", 0o600);
    try {
      await handle.appendFile(`${JSON.stringify(row)}\n`, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
  };
  return {
    record(vote) {
      queue = queue
        .then(() => append(vote))
        .catch((error: unknown) => {
          salt = undefined; // an unreadable salt file may be fixed by the next vote
          logger.warn({ file, error: String(error) }, "could not record feedback");
        });
    },
    flush: () => queue,
    close: () => queue,
  };
}

/** The salted hash of a user id; the id itself is never written. */
export function hashUser(salt: string, platform: string, userId: string): string {
  return createHmac("sha256", salt).update(`${platform}:${userId}`).digest("hex").slice(0, 32);
}

function saltFileFor(file: string): string {
  return path.join(path.dirname(file), "feedback-salt");
}

/** The salt kept in `saltFile`, made (32 random bytes, readable by the owner only) the first time. */
async function savedSalt(saltFile: string): Promise<string> {
  const existing = await readFile(saltFile, "utf8").catch(() => undefined);
  if (existing?.trim()) return existing.trim();
  await mkdir(path.dirname(saltFile), { recursive: true });
  const salt = randomBytes(32).toString("hex");
  // `wx`: if another process made one meanwhile, theirs wins and is read back.
  await writeFile(saltFile, salt, { mode: 0o600, flag: "wx" }).catch(() => undefined);
  return (await readFile(saltFile, "utf8")).trim();
}

/**
 * The votes in a feedback file, a user's later vote on the same answer (question and quotes) replacing their
 * earlier one. Lines that are not valid rows (a crash mid-write) are skipped. A missing file has no votes.
 */
export async function readFeedback(file: string): Promise<FeedbackRow[]> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  const latest = new Map<string, FeedbackRow>();
  for (const line of text.split("\n")) {
    const row = parseRow(line);
    if (row) latest.set(JSON.stringify([row.platform, row.user]) + answerOf(row.question, row.quotes), row);
  }
  return [...latest.values()];
}

/** Which answer a vote is about: its question and the quotes shown. One vote counts per user and answer. */
export function answerOf(question: string, quotes: Vote["quotes"]): string {
  return JSON.stringify([question, quotes]);
}

function parseRow(line: string): FeedbackRow | undefined {
  if (line.trim() === "") return undefined;
  try {
    const row = JSON.parse(line) as Partial<FeedbackRow>;
    const valid =
      typeof row.time === "string" &&
      typeof row.user === "string" &&
      typeof row.question === "string" &&
      (row.vote === "up" || row.vote === "down") &&
      Array.isArray(row.quotes);
    return valid ? (row as FeedbackRow) : undefined;
  } catch {
    return undefined;
  }
}
