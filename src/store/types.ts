/**
 * What the bot remembers about its use, for the operator's console: every question asked and what it got, the
 * users' votes on answers, and the quotes moderators pinned to questions. Plain data; `ConsoleStore` is the port,
 * with two engines (SQLite in `CACHE_DIR` by default, PostgreSQL beside the index when `INDEX_URL` is set).
 */

import type { Quote } from "../core/types.ts";
import type { SubscriptionStore } from "./subscriptions.ts";

/** How a question was answered. */
export type Outcome = "answered" | "abstained" | "filter";

/** A quote as the question log keeps it: enough to show it and its score, and to pin it. */
export interface LoggedQuote {
  text: string;
  score: number;
  file: string;
  title: string;
  publisher: string | null;
  ref: string;
  /** Chosen by the moderators (a pin), not by the ranking. */
  pinned?: boolean;
}

/** One question as it is logged, the moment it was answered. */
export interface QuestionRecord {
  /** ISO time (UTC). */
  time: string;
  /** `telegram`, `discord`, `console`. */
  platform: string;
  question: string;
  outcome: Outcome;
  /** The quotes of the first page, best first. */
  quotes: LoggedQuote[];
  /** Time to answer, in milliseconds. */
  ms: number;
  /** The pin that answered it first, if one did. */
  pinId?: number | null;
}

/** A logged question, read back. */
export interface QuestionRow extends QuestionRecord {
  id: number;
  /** `questionKey` of the question: what groups the same question asked in either script. */
  key: string;
}

/** Which questions to list; every field narrows, none means all. */
export interface QuestionQuery {
  /** Part of the question, case-insensitive. */
  search?: string;
  platform?: string;
  /** `down`: questions whose answer a user marked 👎. */
  outcome?: Outcome | "down";
  /** ISO date or time, inclusive. */
  since?: string;
  /** ISO date (the whole day) or time, inclusive. */
  until?: string;
  /** Default 50. */
  limit?: number;
  offset?: number;
}

/** The same unanswered question asked one or more times: a gap in the articles. */
export interface GapGroup {
  key: string;
  /** The latest wording asked. */
  question: string;
  count: number;
  /** ISO time of the latest ask. */
  last: string;
  platforms: string[];
}

/** Questions per platform, and the shares and answer times of a period. */
export interface Usage {
  today: Record<string, number>;
  week: Record<string, number>;
  /** Of this week's questions. */
  answered: number;
  abstained: number;
  /** This week's questions whose answer someone marked 👎. */
  down: number;
  /** Answer time percentiles this week, in ms; null with no question. */
  p50: number | null;
  p95: number | null;
}

/** A quote an answer showed, as a vote refers to it. */
export interface VotedQuote {
  file: string;
  paragraph?: number;
  text?: string;
  ref?: string;
}

/** A user's vote on an answer. */
export interface VoteRecord {
  time: string;
  platform: string;
  /** Salted hash of the user id; never the id. */
  user: string;
  vote: "up" | "down";
  question: string;
  quotes: VotedQuote[];
}

/** One answer users voted on, with its votes: what the feedback page lists. */
export interface FeedbackItem {
  /** Identifies the answer (question and quotes). */
  answer: string;
  question: string;
  quotes: VotedQuote[];
  up: number;
  down: number;
  /** ISO time of the latest vote. */
  last: string;
  /** ISO time a moderator marked it fixed; null while open. */
  fixed: string | null;
}

/** A quote moderators chose for a question; questions close to it get it first. */
export interface Pin {
  id: number;
  question: string;
  key: string;
  /** The quote, verbatim, as the search returned it. */
  quote: Quote;
  created: string;
  /** How many answers it was given in. */
  uses: number;
  lastUsed: string | null;
}

/** The port of the console's memory; every engine behaves the same (one contract test runs on both). */
export interface ConsoleStore {
  readonly engine: "sqlite" | "postgres";
  /** Queues a question to be written; returns at once, never throws (a failure is one warning). */
  logQuestion(record: QuestionRecord): void;
  /** Queues a vote (a user's later vote on the same answer replaces theirs); returns at once, never throws. */
  recordVote(vote: VoteRecord): void;
  /** Queues one more use of a pin. */
  countPinUse(id: number, time: string): void;
  /** Resolves when everything queued so far is written (or was given up with its warning). */
  flush(): Promise<void>;
  questions(query?: QuestionQuery): Promise<QuestionRow[]>;
  /** Unanswered questions grouped by `questionKey`, most asked first, since `since` (ISO). */
  gaps(since: string, limit?: number): Promise<GapGroup[]>;
  /** Counts for the overview at `now`. */
  usage(now: Date): Promise<Usage>;
  /** Answers with at least one 👎, latest vote first. */
  feedback(): Promise<FeedbackItem[]>;
  markFixed(answer: string, time: string): Promise<void>;
  pins(): Promise<Pin[]>;
  addPin(question: string, quote: Quote, time: string): Promise<Pin>;
  removePin(id: number): Promise<void>;
  /** Removes the pins quoting an article; resolves to how many. */
  removePinsOf(file: string): Promise<number>;
  /** Deletes questions older than `before` (ISO); resolves to how many. */
  prune(before: string): Promise<number>;
  /** Imports votes once per store (a later call does nothing); resolves to how many were imported. */
  importVotesOnce(votes: () => Promise<VoteRecord[]>): Promise<number>;
  /** Announcements, follows and feeds' state, in the same database. */
  readonly subscriptions: SubscriptionStore;
  /** Flushes, then closes the database. */
  close(): Promise<void>;
}
