import type { QuoteLocation } from "../types.ts";
import type { FeedbackRow } from "./store.ts";

/** One answer as voted on: the question, the quotes it showed, and its votes. */
export interface VotedAnswer {
  question: string;
  quotes: QuoteLocation[];
  up: number;
  down: number;
  /** Latest vote's time. */
  last: string;
}

/** What `npm run feedback` prints. */
export interface FeedbackSummary {
  votes: number;
  up: number;
  down: number;
  users: number;
  byPlatform: Record<string, number>;
  /** Answers with more 👎 than 👍, most 👎 first. */
  wrong: VotedAnswer[];
}

/** Counts votes (one per user and answer: see `readFeedback`) and picks out the answers marked wrong. */
export function summarize(rows: readonly FeedbackRow[]): FeedbackSummary {
  const answers = new Map<string, VotedAnswer>();
  const byPlatform: Record<string, number> = {};
  for (const row of rows) {
    byPlatform[row.platform] = (byPlatform[row.platform] ?? 0) + 1;
    const key = JSON.stringify([row.question, row.quotes]);
    const voted = answers.get(key) ?? {
      question: row.question,
      quotes: row.quotes,
      up: 0,
      down: 0,
      last: "",
    };
    voted[row.vote] += 1;
    if (row.time > voted.last) voted.last = row.time;
    answers.set(key, voted);
  }
  const wrong = [...answers.values()]
    .filter((a) => a.down > a.up)
    .sort((a, b) => b.down - a.down || b.last.localeCompare(a.last));
  return {
    votes: rows.length,
    up: rows.filter((r) => r.vote === "up").length,
    down: rows.filter((r) => r.vote === "down").length,
    users: new Set(rows.map((r) => `${r.platform}:${r.user}`)).size,
    byPlatform,
    wrong,
  };
}
