import type { Logger } from "../../logger.ts";
import type { IndexKey } from "../cache.ts";
import type { SearchIndex } from "../port.ts";
import { createCorpusSync, type SyncReport } from "../sync.ts";
import { countChanges, watchCorpus } from "../watch.ts";
import { DEFAULT_SCHEMA } from "./default-schema.ts";
import { createPool, MAINTENANCE_QUERY_TIMEOUT_MS, QUESTION_QUERY_TIMEOUT_MS } from "./pool.ts";
import { postgresReader } from "./reader.ts";
import { checkKey, ensureSchema } from "./schema.ts";
import { postgresWriter } from "./writer.ts";

/** What the PostgreSQL index needs. */
export interface PostgresIndexOptions {
  /** `postgres://…` connection string. */
  url: string;
  /** The schema its tables live in. Default `citebot`. */
  schema?: string;
  corpusDir: string;
  logger: Logger;
  /**
   * Bring the database up to date with `corpusDir` at start-up: `wait` before answering (the command-line tools,
   * `npm run index`), `background` while answering from what is indexed already (a bot: start-up does not grow
   * with the corpus), `off` never (a read-only replica; another process writes). Default `off`.
   */
  sync?: PostgresSync;
  /** With `sync` on, also follow the directory's changes while running. Default false. */
  watch?: boolean;
  /** Connections in the pool questions use. Default 4 (and 2 more for the index's upkeep). */
  connections?: number;
}

/** When a process brings the PostgreSQL index up to date with the corpus directory; see `PostgresIndexOptions`. */
export type PostgresSync = "wait" | "background" | "off";

/** A PostgreSQL index and what its first sync pass will report, once it is done. */
export interface OpenedPostgresIndex {
  index: SearchIndex;
  /** The background sync pass's report; undefined for a read-only replica. */
  synced: Promise<SyncReport> | undefined;
}

/**
 * Opens the PostgreSQL index: creates the schema if needed (the RUM extension must be installable), checks the
 * key the terms were made with, and with `sync` starts keeping it in step with the corpus directory.
 */
export async function openPostgresIndex(
  options: PostgresIndexOptions,
  key: IndexKey,
): Promise<OpenedPostgresIndex> {
  const { logger } = options;
  const schema = options.schema ?? DEFAULT_SCHEMA;
  // Questions have a pool of their own, with a short deadline, so that they never wait behind the upkeep.
  const pool = createPool({
    url: options.url,
    max: options.connections ?? 4,
    timeoutMs: QUESTION_QUERY_TIMEOUT_MS,
    logger,
    purpose: "questions",
  });
  const upkeep = createPool({
    url: options.url,
    max: 2,
    timeoutMs: MAINTENANCE_QUERY_TIMEOUT_MS,
    logger,
    purpose: "upkeep",
  });
  const end = () => Promise.all([pool.end(), upkeep.end()]);
  try {
    const tables = await ensureSchema(upkeep, schema);
    const writes = (options.sync ?? "off") !== "off";
    await checkKey(upkeep, tables, schema, key.key, { writer: writes, logger });
    const writer = postgresWriter(upkeep, tables, schema, key);
    const sync = createCorpusSync({
      corpusDir: options.corpusDir,
      publishers: key.publishers,
      limits: key.limits,
      logger,
    });
    // Passes running, and whether the last one failed: the index lists every passage only between passes.
    let syncing = 0;
    let failed = false;
    const resync = async () => {
      syncing++;
      try {
        const report = await sync(writer);
        failed = false;
        return report;
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        syncing--;
      }
    };
    const synced = writes ? resync() : undefined;
    if (options.sync === "wait") await synced;
    synced?.then(
      (report) =>
        logger.info({ schema, ...countChanges(report) }, "PostgreSQL index in step with the articles"),
      (error) => logger.error({ error: String(error) }, "could not bring the PostgreSQL index up to date"),
    );
    const watcher =
      writes && options.watch
        ? watchCorpus({ corpusDir: options.corpusDir, logger }, async () => {
            await synced?.catch(() => {}); // the first pass finishes before the next starts
            const report = await resync();
            if (report.added.length + report.updated.length + report.removed.length === 0) return; // a re-scan
            logger.info({ schema, ...countChanges(report) }, "articles changed; PostgreSQL index updated");
          })
        : undefined;
    const reader = postgresReader({ questions: pool, upkeep }, tables, key);
    const index: SearchIndex = {
      ...reader,
      inStep: async () => writes && syncing === 0 && !failed,
      async close() {
        await watcher?.close();
        await synced?.catch(() => {});
        await end();
      },
    };
    return { index, synced };
  } catch (error) {
    await end();
    throw error;
  }
}
