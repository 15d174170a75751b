import pg from "pg";
import type { Logger } from "../logger.ts";
import type { VectorStore } from "./vector-store.ts";

/** Keys looked up per statement. */
const CHUNK = 5000;

/**
 * The vectors of a PostgreSQL index: table `embeddings` in its schema, shared by every replica (one embeds a
 * passage, the others find its vector), keyed by model and key, the vector as float32 bytes. Opens a small pool
 * of its own: the index's pool is left to questions. The table survives a re-index (its keys are texts); rows of
 * passages no longer indexed are deleted (`retain`), those of other models are left to them.
 */
export async function openVectorTable(
  url: string,
  schema: string,
  model: string,
  logger: Logger,
): Promise<VectorStore> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on("error", (error) => logger.warn({ error: String(error) }, "a PostgreSQL connection failed"));
  const table = `${pg.escapeIdentifier(schema)}.embeddings`;
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
    await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (
      key bytea PRIMARY KEY, model text NOT NULL, vector bytea NOT NULL)`);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    async load(keys) {
      const found = new Map<string, Float32Array>();
      for (let i = 0; i < keys.length; i += CHUNK) {
        const chunk = keys.slice(i, i + CHUNK).map((key) => Buffer.from(key, "hex"));
        const result = await pool.query<{ key: Buffer; vector: Buffer }>(
          `SELECT key, vector FROM ${table} WHERE key = ANY($1::bytea[])`,
          [chunk],
        );
        for (const row of result.rows) found.set(row.key.toString("hex"), fromBytes(row.vector));
      }
      return found;
    },
    async save(entries) {
      if (entries.length === 0) return;
      await pool.query(
        `INSERT INTO ${table} (key, model, vector)
         SELECT k, $3, v FROM unnest($1::bytea[], $2::bytea[]) AS u(k, v) ON CONFLICT (key) DO NOTHING`,
        [
          entries.map(([key]) => Buffer.from(key, "hex")),
          entries.map(([, vector]) => toBytes(vector)),
          model,
        ],
      );
    },
    async retain(live) {
      // An anti-join against the live keys (hashed), not `<> ALL`, which would compare every row with every key.
      const result = await pool.query(
        `DELETE FROM ${table} AS e WHERE e.model = $1
           AND NOT EXISTS (SELECT 1 FROM unnest($2::bytea[]) AS l(key) WHERE l.key = e.key)`,
        [model, [...live].map((key) => Buffer.from(key, "hex"))],
      );
      return result.rowCount ?? 0;
    },
    async dimensions() {
      const result = await pool.query<{ n: number }>(
        `SELECT length(vector) / 4 AS n FROM ${table} WHERE model = $1 LIMIT 1`,
        [model],
      );
      return result.rows[0]?.n;
    },
    close: () => pool.end(),
  };
}

function toBytes(vector: Float32Array): Buffer {
  const bytes = Buffer.alloc(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i] as number, i * 4);
  return bytes;
}

function fromBytes(bytes: Buffer): Float32Array {
  const vector = new Float32Array(bytes.length / 4);
  for (let i = 0; i < vector.length; i++) vector[i] = bytes.readFloatLE(i * 4);
  return vector;
}
