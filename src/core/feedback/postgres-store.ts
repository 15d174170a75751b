import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import {
  createPool,
  MAINTENANCE_QUERY_TIMEOUT_MS,
  QUESTION_QUERY_TIMEOUT_MS,
} from "../index/postgres/pool.ts";
import type { Logger } from "../logger.ts";
import {
  answerOf,
  type FeedbackRow,
  type FeedbackStore,
  hashUser,
  type Vote,
  type VoteOutcome,
} from "./store.ts";

/** What `createPostgresFeedbackStore` needs. */
export interface PostgresFeedbackOptions {
  /** `postgres://…`: the index's database (`INDEX_URL`), so that every replica's votes meet in one place. */
  url: string;
  /** The schema, the index's. */
  schema: string;
  /** Secret salt for user ids; when unset, one is generated once and kept in the database for every replica. */
  salt?: string;
  logger: Logger;
}

/** The schema's feedback tables: one row per user and answer (a later vote replaces it), and the shared salt. */
function ddl(schema: string): string {
  const s = pg.escapeIdentifier(schema);
  return `
    CREATE SCHEMA IF NOT EXISTS ${s};
    CREATE TABLE IF NOT EXISTS ${s}.feedback (
      platform text NOT NULL, user_hash text NOT NULL, answer text NOT NULL,
      question text NOT NULL, quotes jsonb NOT NULL, vote text NOT NULL, time timestamptz NOT NULL,
      PRIMARY KEY (platform, user_hash, answer));
    CREATE TABLE IF NOT EXISTS ${s}.feedback_salt (
      one boolean PRIMARY KEY DEFAULT true CHECK (one), salt text NOT NULL);`;
}

/**
 * Votes in PostgreSQL, for bots that run as several replicas over one index: the same interface as the file
 * store. A user's second vote on the same answer replaces the first (an upsert), the same vote again changes
 * nothing. Writes run one after another
 * in the background on a one-connection pool: recording never delays an answer, and a database that cannot be
 * reached, or that stalls, only costs a logged warning per vote (each waits at most `QUESTION_QUERY_TIMEOUT_MS`
 * for a connection and for each query, so that votes do not pile up behind a stalled one).
 */
export function createPostgresFeedbackStore(options: PostgresFeedbackOptions): FeedbackStore {
  const { logger, schema } = options;
  const s = pg.escapeIdentifier(schema);
  const pool = createPool({
    url: options.url,
    max: 1,
    timeoutMs: QUESTION_QUERY_TIMEOUT_MS,
    logger,
    purpose: "feedback",
  });
  let ready: Promise<string> | undefined;
  const prepare = async () => {
    // Under a lock: replicas starting together would race to create the same tables (a duplicate-key error).
    const lock = `SELECT pg_advisory_xact_lock(hashtext(${pg.escapeLiteral(`citebot:feedback:${schema}`)}))`;
    await pool.query(`BEGIN; ${lock}; ${ddl(schema)} COMMIT;`).catch(async (error: unknown) => {
      await pool.query("ROLLBACK").catch(() => undefined); // the pool's one connection, left in the transaction
      throw error;
    });
    if (options.salt) return options.salt;
    // First replica wins; the others read its salt back.
    await pool.query(`INSERT INTO ${s}.feedback_salt (salt) VALUES ($1) ON CONFLICT DO NOTHING`, [
      randomBytes(32).toString("hex"),
    ]);
    const result = await pool.query<{ salt: string }>(`SELECT salt FROM ${s}.feedback_salt`);
    const salt = result.rows[0]?.salt;
    if (!salt) throw new Error("no feedback salt in the database");
    return salt;
  };
  const write = async (vote: Vote): Promise<VoteOutcome> => {
    ready ??= prepare();
    const salt = await ready;
    const result = await pool.query(
      `INSERT INTO ${s}.feedback VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (platform, user_hash, answer) DO UPDATE SET vote = excluded.vote, time = excluded.time
       WHERE feedback.vote IS DISTINCT FROM excluded.vote`,
      [
        vote.platform,
        hashUser(salt, vote.platform, vote.userId),
        createHash("sha256").update(answerOf(vote.question, vote.quotes)).digest("hex"),
        vote.question,
        JSON.stringify(vote.quotes),
        vote.vote,
      ],
    );
    return result.rowCount === 0 ? "unchanged" : "recorded";
  };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    record(vote) {
      const outcome = queue
        .then(() => write(vote))
        .catch((error: unknown): VoteOutcome => {
          ready = undefined; // the database may be back for the next vote
          logger.warn({ schema, error: String(error) }, "could not record feedback");
          return "failed";
        });
      queue = outcome;
      return outcome;
    },
    flush: async () => void (await queue),
    async close() {
      await queue;
      await pool.end();
    },
  };
}

/** Every vote in a schema, one per user and answer (the latest). No table yet means no votes. */
export async function readPostgresFeedback(url: string, schema: string): Promise<FeedbackRow[]> {
  const deadline = MAINTENANCE_QUERY_TIMEOUT_MS;
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: deadline,
    query_timeout: deadline,
    statement_timeout: deadline,
  });
  await client.connect();
  try {
    const exists = await client.query("SELECT to_regclass($1) IS NOT NULL AS ok", [
      `${pg.escapeIdentifier(schema)}.feedback`,
    ]);
    if (!exists.rows[0]?.ok) return [];
    const result = await client.query<FeedbackRow>(
      `SELECT to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time, platform,
              user_hash AS user, vote, question, quotes
       FROM ${pg.escapeIdentifier(schema)}.feedback ORDER BY time`,
    );
    return result.rows;
  } finally {
    await client.end();
  }
}
