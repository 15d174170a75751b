import { randomBytes } from "node:crypto";
import pg from "pg";

/** The PostgreSQL the tests use: this project's machines run one on 127.0.0.1 (trust auth, database `test`). */
export const TEST_INDEX_URL = process.env.TEST_INDEX_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/**
 * Why PostgreSQL tests cannot run here (no server, or no RUM extension), or undefined when they can. In CI
 * (`CI` set) an unusable server is an error, not a skip: `.ci/run` installs RUM and starts the server.
 */
export async function postgresUnavailable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_INDEX_URL, connectionTimeoutMillis: 3000 });
  let reason: string | undefined;
  try {
    await client.connect();
    const rum = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'");
    if (rum.rowCount === 0) reason = "the RUM extension is not installed (apt-get install postgresql-15-rum)";
  } catch (error) {
    reason = `cannot connect to ${TEST_INDEX_URL}: ${String(error)}`;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (reason && process.env.CI) throw new Error(`PostgreSQL tests need a server: ${reason}`);
  if (reason) console.warn(`Skipping the PostgreSQL tests: ${reason}`);
  return reason;
}

/** A schema name no other test (or test run) uses, and a function that drops it. */
export function temporarySchema(): { schema: string; drop: () => Promise<void> } {
  const schema = `citebot_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  return {
    schema,
    async drop() {
      const client = new pg.Client({ connectionString: TEST_INDEX_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
