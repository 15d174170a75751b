import { createHash, createHmac, randomBytes } from "node:crypto";
import { type FileHandle, mkdir, open, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "../logger.ts";
import type { QuoteLocation, VoteOutcome } from "../types.ts";

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

export type { VoteOutcome };

/** Where votes go. One vote counts per user and answer: a different one replaces it, the same one is a no-op. */
export interface FeedbackStore {
  /** Stores a vote after those recorded before it; resolves with what became of it and never rejects. */
  record(vote: Vote): Promise<VoteOutcome>;
  /** Resolves when every vote recorded so far is stored (or has failed and been logged). */
  flush(): Promise<void>;
  /** Flushes, then releases what the store holds (the PostgreSQL store's connection). */
  close(): Promise<void>;
}

/** Appends `text` to an open file: the one write of the file store, a parameter so tests can fail it. */
export type AppendText = (handle: FileHandle, text: string) => Promise<void>;

/** What `createFeedbackStore` needs. */
export interface FeedbackOptions {
  /** The JSON-lines file votes are appended to; created with its directory when missing. */
  file: string;
  /** Secret salt for user ids; when unset, one is generated once and kept in `saltFile`. */
  salt?: string;
  /** Where a generated salt is kept. Default: `feedback-salt` beside `file`. */
  saltFile?: string;
  logger: Logger;
  /** How a line is written. Default: `handle.appendFile(text, "utf8")`. Tests make it run out of space. */
  appendText?: AppendText;
}

const appendFile: AppendText = (handle, text) => handle.appendFile(text, "utf8");

/**
 * An append-only JSON-lines store of votes, one `fsync`ed line each, so that a vote acknowledged to a user
 * survives a crash. Writes run one after another. A write that fails (ENOSPC) is cut back off the file, so
 * that no partial line is left; a partial line left by a crash mid-write is closed with a newline before the
 * next row, so that it never swallows it. The users' latest votes are read from the file once, at the first
 * vote, so that a repeat writes nothing. Several processes on one file (Discord shards) each know only their
 * own votes besides what was in the file when they started: at worst a repeat is written again, which the
 * reader counts once.
 */
export function createFeedbackStore(options: FeedbackOptions): FeedbackStore {
  const { file, logger } = options;
  const appendText = options.appendText ?? appendFile;
  let salt: Promise<string> | undefined;
  let latest: Promise<Map<string, Vote["vote"]>> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const append = async (vote: Vote): Promise<VoteOutcome> => {
    salt ??= options.salt ? Promise.resolve(options.salt) : savedSalt(options.saltFile ?? saltFileFor(file));
    latest ??= latestVotes(file);
    const user = hashUser(await salt, vote.platform, vote.userId);
    const key = voteKey(vote.platform, user, answerOf(vote.question, vote.quotes));
    const votes = await latest;
    if (votes.get(key) === vote.vote) return "unchanged";
    const row: FeedbackRow = {
      time: new Date().toISOString(),
      platform: vote.platform,
      user,
      vote: vote.vote,
      question: vote.question,
      quotes: vote.quotes,
    };
    await appendLine(file, JSON.stringify(row), appendText);
    votes.set(key, vote.vote);
    return "recorded";
  };
  return {
    record(vote) {
      const outcome = queue
        .then(() => append(vote))
        .catch((error: unknown): VoteOutcome => {
          salt = undefined; // an unreadable salt file may be fixed by the next vote
          latest = undefined; // nor is the file read until it can be
          logger.warn({ file, error: String(error) }, "could not record feedback");
          return "failed";
        });
      queue = outcome;
      return outcome;
    },
    flush: async () => void (await queue),
    close: async () => void (await queue),
  };
}

/**
 * Appends `line` and a newline to `file` (owner-only, made with its directory), fsynced. When the file does not
 * end with a newline (a crash cut a row short), the row starts on a new line. When the write fails, the file is
 * cut back to its size before it, so no partial row stays, and the error is thrown.
 */
async function appendLine(file: string, line: string, appendText: AppendText): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, "a+", 0o600);
  try {
    const { size } = await handle.stat();
    const last = Buffer.alloc(1);
    if (size > 0) await handle.read(last, 0, 1, size - 1);
    const text = `${size > 0 && last[0] !== 0x0a ? "\n" : ""}${line}\n`;
    try {
      await appendText(handle, text);
      await handle.sync();
    } catch (error) {
      // Not a regular file (a device) cannot be cut: nothing was kept in it either.
      await handle.truncate(size).catch(() => undefined);
      await handle.sync().catch(() => undefined);
      throw error;
    }
  } finally {
    await handle.close();
  }
}

/** Each user's latest vote on each answer in `file`, by `voteKey`; none when it is no regular file. */
async function latestVotes(file: string): Promise<Map<string, Vote["vote"]>> {
  // A device (`/dev/full`, `/dev/null`) reads as endless or no bytes: there is nothing to read back.
  const regular = await stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
  const rows = regular ? await readFeedback(file) : [];
  return new Map(
    rows.map((row) => [voteKey(row.platform, row.user, answerOf(row.question, row.quotes)), row.vote]),
  );
}

/** One user's vote on one answer, as a short key (the answer text can be long). */
function voteKey(platform: string, user: string, answer: string): string {
  return createHash("sha256")
    .update(JSON.stringify([platform, user, answer]))
    .digest("base64");
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
