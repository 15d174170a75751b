import pg from "pg";
import type { Logger } from "../../logger.ts";

/**
 * The deadline of everything a question asks PostgreSQL: waiting for a connection (a new one, or a free one of
 * the pool), and then each query, both in the client (`query_timeout`, which also ends the connection, so that a
 * stalled one is not used again) and in the server (`statement_timeout`, so that the server stops too). Past it
 * the question fails as it does when PostgreSQL refuses the connection: the user gets an apology.
 */
export const QUESTION_QUERY_TIMEOUT_MS = 2_000;

/**
 * The same deadline for the index's upkeep, which no user waits for: creating the schema, bringing the index in
 * step with the articles (each article's transaction may wait for another replica's), reading the vocabulary.
 * Longer, because a large article or vocabulary takes seconds on a busy server; a stall still ends.
 */
export const MAINTENANCE_QUERY_TIMEOUT_MS = 30_000;

/** What `createPool` needs. */
export interface PoolOptions {
  /** `postgres://…` connection string. */
  url: string;
  /** Connections in the pool. */
  max: number;
  /** Deadline of connecting, of waiting for a connection, and of each query. */
  timeoutMs: number;
  logger: Logger;
  /** What the pool is for, in the warning logged when one of its idle connections fails. */
  purpose: string;
}

/**
 * A connection pool whose every wait has a deadline (`timeoutMs`): a PostgreSQL that accepts connections and then
 * never answers makes its callers fail after it, instead of waiting until it comes back; they succeed again once
 * it does, with new connections.
 */
export function createPool({ url, max, timeoutMs, logger, purpose }: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    statement_timeout: timeoutMs,
  });
  pool.on("error", (error) =>
    logger.warn({ error: String(error), purpose }, "a PostgreSQL connection failed"),
  );
  return pool;
}
