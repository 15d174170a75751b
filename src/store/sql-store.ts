// Long because the question log, votes, pins and subscriptions are one SQL store over SQLite and PostgreSQL.
import { createHash } from "node:crypto";
import type { Logger } from "../core/logger.ts";
import type { Quote } from "../core/types.ts";
import { questionKey } from "./question-key.ts";
import type { Db, Tables } from "./sql.ts";
import { createSubscriptionStore } from "./subscriptions.ts";
import type {
  ConsoleStore,
  FeedbackItem,
  GapGroup,
  Pin,
  QuestionQuery,
  QuestionRecord,
  QuestionRow,
  Usage,
  VotedQuote,
  VoteRecord,
} from "./types.ts";
import { createWriteQueue } from "./write-queue.ts";

/** What `createSqlStore` needs: an open, migrated database. */
export interface SqlStoreOptions {
  db: Db;
  tables: Tables;
  engine: ConsoleStore["engine"];
  logger: Logger;
  /** True for a database error that passes if tried again (a lock). */
  retryable?(error: unknown): boolean;
}

const DAY_MS = 86_400_000;

/** Which answer a vote is about: its question and the quotes shown (by ref where known). */
export function answerId(question: string, quotes: readonly VotedQuote[]): string {
  const shown = quotes.map((q) => q.ref ?? `${q.file}:${q.paragraph ?? ""}`);
  return createHash("sha256")
    .update(JSON.stringify([question, shown]))
    .digest("hex")
    .slice(0, 32);
}

/** The console's store over either engine: the queries are the same SQL. */
export function createSqlStore({ db, tables: t, engine, logger, retryable }: SqlStoreOptions): ConsoleStore {
  const questionWrites = createWriteQueue<QuestionRecord>({
    what: "question log",
    logger,
    retryable,
    write: (batch) =>
      db.transaction(
        batch.map((r) => [
          `INSERT INTO ${t.questions} (time, platform, question, key, outcome, quotes, ms, pin_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            r.time,
            r.platform,
            r.question,
            questionKey(r.question),
            r.outcome,
            JSON.stringify(r.quotes),
            r.ms,
            r.pinId ?? null,
          ],
        ]),
      ),
  });
  const voteStatement = (v: VoteRecord) =>
    [
      `INSERT INTO ${t.votes} (platform, user_hash, answer, question, quotes, vote, time)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (platform, user_hash, answer) DO UPDATE SET vote = excluded.vote, time = excluded.time`,
      [
        v.platform,
        v.user,
        answerId(v.question, v.quotes),
        v.question,
        JSON.stringify(v.quotes),
        v.vote,
        v.time,
      ],
    ] as const;
  const voteWrites = createWriteQueue<VoteRecord>({
    what: "votes",
    logger,
    retryable,
    write: (batch) => db.transaction(batch.map(voteStatement)),
  });
  const pinUses = createWriteQueue<{ id: number; time: string }>({
    what: "pin uses",
    logger,
    retryable,
    write: (batch) =>
      db.transaction(
        batch.map((u) => [
          `UPDATE ${t.pins} SET uses = uses + 1, last_used = ? WHERE id = ?`,
          [u.time, u.id],
        ]),
      ),
  });
  const flush = async () => {
    await Promise.all([questionWrites.flush(), voteWrites.flush(), pinUses.flush()]);
  };

  return {
    engine,
    subscriptions: createSubscriptionStore(db, t),
    logQuestion: (record) => questionWrites.push(record),
    recordVote: (vote) => voteWrites.push(vote),
    countPinUse: (id, time) => pinUses.push({ id, time }),
    flush,
    async questions(query = {}) {
      const { where, params } = questionFilter(query, t);
      const rows = await db.all<SqlQuestion>(
        `SELECT id, time, platform, question, key, outcome, quotes, ms, pin_id FROM ${t.questions}
         ${where} ORDER BY time DESC, id DESC LIMIT ? OFFSET ?`,
        [...params, query.limit ?? 50, query.offset ?? 0],
      );
      return rows.map(toQuestionRow);
    },
    async gaps(since, limit = 50) {
      const rows = await db.all<{ key: string; question: string; platform: string; time: string }>(
        `SELECT key, question, platform, time FROM ${t.questions}
         WHERE outcome = 'abstained' AND time >= ? ORDER BY time DESC LIMIT 20000`,
        [since],
      );
      return groupGaps(rows).slice(0, limit);
    },
    async usage(now) {
      const weekStart = new Date(now.getTime() - 7 * DAY_MS).toISOString();
      const today = `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
      const rows = await db.all<{
        platform: string;
        outcome: string;
        time: string;
        ms: number;
        down: number;
      }>(
        `SELECT platform, outcome, time, ms,
           CASE WHEN question IN (SELECT question FROM ${t.votes} WHERE vote = 'down') THEN 1 ELSE 0 END AS down
         FROM ${t.questions} WHERE time >= ?`,
        [weekStart],
      );
      return summarise(rows, today);
    },
    async feedback() {
      const rows = await db.all<SqlFeedback>(
        `SELECT v.answer, MIN(v.question) AS question, MIN(v.quotes) AS quotes,
           SUM(CASE WHEN v.vote = 'up' THEN 1 ELSE 0 END) AS up,
           SUM(CASE WHEN v.vote = 'down' THEN 1 ELSE 0 END) AS down,
           MAX(v.time) AS last, MAX(f.time) AS fixed
         FROM ${t.votes} v LEFT JOIN ${t.fixed} f ON f.answer = v.answer
         GROUP BY v.answer HAVING SUM(CASE WHEN v.vote = 'down' THEN 1 ELSE 0 END) > 0
         ORDER BY MAX(v.time) DESC`,
      );
      return rows.map(toFeedbackItem);
    },
    async markFixed(answer, time) {
      await db.run(
        `INSERT INTO ${t.fixed} (answer, time) VALUES (?, ?) ON CONFLICT (answer) DO UPDATE SET time = excluded.time`,
        [answer, time],
      );
    },
    async pins() {
      const rows = await db.all<SqlPin>(
        `SELECT id, question, key, quote, created, uses, last_used FROM ${t.pins} ORDER BY id DESC`,
      );
      return rows.map(toPin);
    },
    async addPin(question, quote, time) {
      const [row] = await db.all<SqlPin>(
        `INSERT INTO ${t.pins} (question, key, file, quote, created) VALUES (?, ?, ?, ?, ?)
         RETURNING id, question, key, quote, created, uses, last_used`,
        [question, questionKey(question), quote.article.file, JSON.stringify(quote), time],
      );
      if (!row) throw new Error("the pin was not stored");
      return toPin(row);
    },
    async removePin(id) {
      await db.run(`DELETE FROM ${t.pins} WHERE id = ?`, [id]);
    },
    removePinsOf: (file) => db.run(`DELETE FROM ${t.pins} WHERE file = ?`, [file]),
    prune: (before) => db.run(`DELETE FROM ${t.questions} WHERE time < ?`, [before]),
    async importVotesOnce(read) {
      const done = await db.all(`SELECT value FROM ${t.meta} WHERE name = 'votes_imported'`);
      if (done.length > 0) return 0;
      const votes = await read();
      await db.transaction([
        ...votes.map(voteStatement),
        [
          `INSERT INTO ${t.meta} (name, value) VALUES ('votes_imported', ?) ON CONFLICT (name) DO NOTHING`,
          [String(votes.length)],
        ],
      ]);
      return votes.length;
    },
    async close() {
      await flush();
      await db.close();
    },
  };
}

/** The WHERE clause of a question query and its parameters. */
function questionFilter(query: QuestionQuery, t: Tables): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (query.search) {
    clauses.push("LOWER(question) LIKE ?");
    params.push(`%${query.search.toLowerCase().replace(/[%_]/g, "")}%`);
  }
  if (query.platform) {
    clauses.push("platform = ?");
    params.push(query.platform);
  }
  if (query.outcome === "down")
    clauses.push(`question IN (SELECT question FROM ${t.votes} WHERE vote = 'down')`);
  else if (query.outcome) {
    clauses.push("outcome = ?");
    params.push(query.outcome);
  }
  if (query.since) {
    clauses.push("time >= ?");
    params.push(query.since);
  }
  if (query.until) {
    // A date alone means the whole of that day.
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(query.until);
    clauses.push(dateOnly ? "time < ?" : "time <= ?");
    params.push(dateOnly ? nextDay(query.until) : query.until);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + DAY_MS).toISOString();
}

interface SqlQuestion {
  id: number | string;
  time: string;
  platform: string;
  question: string;
  key: string;
  outcome: QuestionRow["outcome"];
  quotes: string;
  ms: number;
  pin_id: number | null;
}

function toQuestionRow(r: SqlQuestion): QuestionRow {
  const { pin_id, quotes, id, ...rest } = r;
  return { ...rest, id: Number(id), ms: Number(r.ms), quotes: JSON.parse(quotes), pinId: pin_id };
}

/** Unanswered asks (newest first) grouped by key: the latest wording, how many, where. */
function groupGaps(
  rows: Array<{ key: string; question: string; platform: string; time: string }>,
): GapGroup[] {
  const groups = new Map<string, GapGroup>();
  for (const row of rows) {
    const group = groups.get(row.key);
    if (!group) {
      groups.set(row.key, { ...row, count: 1, last: row.time, platforms: [row.platform] });
      continue;
    }
    group.count++;
    if (!group.platforms.includes(row.platform)) group.platforms.push(row.platform);
  }
  return [...groups.values()]
    .map(({ key, question, count, last, platforms }) => ({ key, question, count, last, platforms }))
    .sort((a, b) => b.count - a.count || b.last.localeCompare(a.last));
}

function summarise(
  rows: Array<{ platform: string; outcome: string; time: string; ms: number; down: number }>,
  today: string,
): Usage {
  const usage: Usage = { today: {}, week: {}, answered: 0, abstained: 0, down: 0, p50: null, p95: null };
  for (const r of rows) {
    usage.week[r.platform] = (usage.week[r.platform] ?? 0) + 1;
    if (r.time >= today) usage.today[r.platform] = (usage.today[r.platform] ?? 0) + 1;
    if (r.outcome === "answered") usage.answered++;
    if (r.outcome === "abstained") usage.abstained++;
    if (Number(r.down) > 0) usage.down++;
  }
  const times = rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] ?? null;
  if (times.length > 0) {
    usage.p50 = at(0.5);
    usage.p95 = at(0.95);
  }
  return usage;
}

interface SqlFeedback {
  answer: string;
  question: string;
  quotes: string;
  up: number | string;
  down: number | string;
  last: string;
  fixed: string | null;
}

function toFeedbackItem(r: SqlFeedback): FeedbackItem {
  return {
    ...r,
    quotes: JSON.parse(r.quotes),
    up: Number(r.up),
    down: Number(r.down),
    fixed: r.fixed ?? null,
  };
}

interface SqlPin {
  id: number | string;
  question: string;
  key: string;
  quote: string;
  created: string;
  uses: number | string;
  last_used: string | null;
}

function toPin(r: SqlPin): Pin {
  const quote = JSON.parse(r.quote) as Quote;
  return {
    id: Number(r.id),
    question: r.question,
    key: r.key,
    quote,
    created: r.created,
    uses: Number(r.uses),
    lastUsed: r.last_used,
  };
}
