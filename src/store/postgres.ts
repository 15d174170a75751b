import pg from "pg";
import type { Logger } from "../core/logger.ts";
import { type Db, migrations, type Tables } from "./sql.ts";
import { createSqlStore } from "./sql-store.ts";
import type { ConsoleStore } from "./types.ts";

/** What `openPostgresStore` needs. */
export interface PostgresStoreOptions {
  /** `INDEX_URL`: every replica's rows meet in the index's database. */
  url: string;
  /** The index's schema; the tables are named `console_…` in it. */
  schema: string;
  logger: Logger;
}

/**
 * The console's store in PostgreSQL, shared by every replica: the same SQL as the SQLite store, migrated on open
 * under an advisory lock (replicas starting together would otherwise race to create the tables).
 */
export async function openPostgresStore({
  url,
  schema,
  logger,
}: PostgresStoreOptions): Promise<ConsoleStore> {
  const s = pg.escapeIdentifier(schema);
  const tables: Tables = {
    meta: `${s}.console_meta`,
    questions: `${s}.console_questions`,
    votes: `${s}.console_votes`,
    fixed: `${s}.console_fixed`,
    pins: `${s}.console_pins`,
    announce: `${s}.news_announce`,
    follows: `${s}.news_follows`,
    feeds: `${s}.news_feeds`,
    consoleFeeds: `${s}.news_console_feeds`,
  };
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5000 });
  pool.on("error", (error) => logger.warn({ error: String(error) }, "a console store connection failed"));
  const db = postgresDb(pool);
  try {
    await migrate(pool, schema, tables);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return createSqlStore({ db, tables, engine: "postgres", logger });
}

async function migrate(pool: pg.Pool, schema: string, t: Tables): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`citebot:console:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${t.meta} (name TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    const found = await client.query<{ value: string }>(`SELECT value FROM ${t.meta} WHERE name = 'version'`);
    const version = Number(found.rows[0]?.value ?? 0);
    // The first version creates the meta table too: here it exists already.
    const steps = migrations(t, { id: "BIGSERIAL PRIMARY KEY", real: "DOUBLE PRECISION" });
    for (const statements of steps.slice(version))
      for (const sql of statements) if (!sql.startsWith(`CREATE TABLE ${t.meta} `)) await client.query(sql);
    await client.query(
      `INSERT INTO ${t.meta} (name, value) VALUES ('version', $1)
       ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      [String(steps.length)],
    );
  });
}

/** Runs `work` on one connection between BEGIN and COMMIT; rolls back and rethrows when it fails. */
async function inTransaction(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await work(client);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** `?` placeholders numbered for PostgreSQL (`$1`…). The store's SQL has no `?` anywhere else. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function postgresDb(pool: pg.Pool): Db {
  return {
    all: async <T>(sql: string, params: readonly unknown[] = []) =>
      (await pool.query(numbered(sql), [...params])).rows as T[],
    run: async (sql, params = []) => (await pool.query(numbered(sql), [...params])).rowCount ?? 0,
    transaction: (list) =>
      inTransaction(pool, async (client) => {
        for (const [sql, params] of list) await client.query(numbered(sql), [...params]);
      }),
    close: () => pool.end(),
  };
}
