import pg from "pg";
import type { Logger } from "../../logger.ts";

/** The tables of one index, all in one schema, so that several indexes (and tests) can share a database. */
export interface Tables {
  schema: string;
  meta: string;
  articles: string;
  passages: string;
  termCounts: string;
}

/** The qualified, quoted names of a schema's tables. */
export function tablesOf(schema: string): Tables {
  const q = (name: string) => `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(name)}`;
  return {
    schema: pg.escapeIdentifier(schema),
    meta: q("meta"),
    articles: q("articles"),
    passages: q("passages"),
    termCounts: q("term_counts"),
  };
}

/** Transaction-level advisory lock that serialises the index's writers (one key per schema). */
export const WRITE_LOCK = "SELECT pg_advisory_xact_lock(hashtext('citebot:write:' || $1::text))";

/**
 * The schema. Both fields' terms share one `tsvector` (weights A and B, see `terms.ts`) under a RUM index,
 * which keeps each term's positions in the index so that `<=>` ranks from the index alone. `term_counts` holds
 * how many passages contain each term per field, which choosing terms and IDF need and RUM does not expose;
 * the writers keep it in step in the same transactions as the passages, and count each such transaction in
`meta`'s `generation` (what replicas tell a changed vocabulary by). Each passage's field lengths (distinct
 * terms per field) and their totals in `meta` are BM25's length normalisation. `meta` also holds the passage
 * count and the key of the analysis the terms were made with.
 */
function ddl(t: Tables): string {
  return `
    CREATE EXTENSION IF NOT EXISTS rum;
    CREATE SCHEMA IF NOT EXISTS ${t.schema};
    CREATE TABLE IF NOT EXISTS ${t.meta} (name text PRIMARY KEY, value text NOT NULL);
    CREATE TABLE IF NOT EXISTS ${t.articles} (
      file text PRIMARY KEY, info jsonb NOT NULL, hash text NOT NULL, stamp text NOT NULL);
    CREATE TABLE IF NOT EXISTS ${t.passages} (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      file text NOT NULL REFERENCES ${t.articles} ON DELETE CASCADE,
      paragraph int NOT NULL, start_at int NOT NULL, end_at int NOT NULL,
      text text NOT NULL, terms tsvector NOT NULL,
      words_length int NOT NULL, bigrams_length int NOT NULL);
    CREATE INDEX IF NOT EXISTS passages_terms ON ${t.passages} USING rum (terms rum_tsvector_ops);
    CREATE INDEX IF NOT EXISTS passages_file ON ${t.passages} (file);
    CREATE TABLE IF NOT EXISTS ${t.termCounts} (
      field "char" NOT NULL, term text NOT NULL, passages int NOT NULL, PRIMARY KEY (field, term));
    CREATE INDEX IF NOT EXISTS term_counts_unused ON ${t.termCounts} (field) WHERE passages <= 0;
    INSERT INTO ${t.meta} VALUES ('passages', '0'), ('words_length', '0'), ('bigrams_length', '0'),
      ('generation', '0')
      ON CONFLICT DO NOTHING;`;
}

/**
 * Creates the schema if it is missing. Under the writers' lock, so that replicas starting together do not race
 * to create the same tables.
 */
export async function ensureSchema(pool: pg.Pool, schema: string): Promise<Tables> {
  const tables = tablesOf(schema);
  await transaction(pool, schema, (client) => client.query(ddl(tables)));
  return tables;
}

/**
 * Makes sure the stored terms were made with this analysis (`key`: the core's code, config and settings). If
 * another one made them, a writer empties the index in one transaction so that the sync that follows
 * re-indexes every article; a reader only warns, since it cannot fix it and its answers may be off until then.
 */
export async function checkKey(
  pool: pg.Pool,
  tables: Tables,
  schema: string,
  key: string,
  { writer, logger }: { writer: boolean; logger: Logger },
): Promise<void> {
  const stored = await pool.query<{ value: string }>(`SELECT value FROM ${tables.meta} WHERE name = 'key'`);
  if (stored.rows[0]?.value === key) return;
  if (!writer) {
    logger.warn({ schema }, "the PostgreSQL index was built by other code or settings; answers may differ");
    return;
  }
  if (stored.rows.length > 0) logger.info({ schema }, "PostgreSQL index is out of date; re-indexing");
  await transaction(pool, schema, async (client) => {
    await client.query(`TRUNCATE ${tables.passages}, ${tables.articles}, ${tables.termCounts}`);
    // The generation goes on counting: back at 0, it could meet a version a replica read before the emptying.
    await client.query(`UPDATE ${tables.meta} SET value = '0' WHERE name NOT IN ('key', 'generation')`);
    await client.query(
      `UPDATE ${tables.meta} SET value = (value::bigint + 1)::text WHERE name = 'generation'`,
    );
    await client.query(
      `INSERT INTO ${tables.meta} VALUES ('key', $1) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      [key],
    );
  });
}

/**
 * Runs `work` in a transaction holding the writers' lock. If anything fails, the connection is closed instead of
 * given back to the pool, which rolls the transaction back: after a query's deadline the connection may still be
 * waiting for an answer that never comes, and a ROLLBACK sent on it would only wait for that too.
 */
export async function transaction<T>(
  pool: pg.Pool,
  schema: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    await client.query("BEGIN");
    await client.query(WRITE_LOCK, [schema]);
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    failed = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(failed);
  }
}
