import type { SearchIndex } from "../index/port.ts";
import { DEFAULT_SCHEMA } from "../index/postgres/default-schema.ts";
import type { Logger } from "../logger.ts";
import { openSemanticLayer, type SemanticEndpoints, type SemanticLayer } from "./layer.ts";
import type { SemanticSettings } from "./settings.ts";
import { vectorFileFor } from "./vector-file.ts";
import type { VectorStore } from "./vector-store.ts";

/** Where the index lives, which says where its vectors are kept. */
export interface SemanticPlace {
  corpusDir: string;
  cacheDir: string;
  postgres?: { url: string; schema?: string } | undefined;
  logger: Logger;
  /** A bot: passages are embedded in the background, questions answered lexically until they are. */
  watch?: boolean | undefined;
}

/**
 * The semantic layer over `index` when an endpoint is configured, else undefined (the offline default). Its
 * vectors are kept beside the index: a file beside the saved index, or a table in the PostgreSQL schema.
 */
export async function openSemantic(
  endpoints: SemanticEndpoints | undefined,
  index: SearchIndex,
  place: SemanticPlace,
  settings: SemanticSettings,
): Promise<SemanticLayer | undefined> {
  if (!endpoints?.embeddings && !endpoints?.rerank) return undefined;
  const { logger } = place;
  let store: VectorStore | undefined;
  const model = endpoints.embeddings?.model;
  if (model && place.postgres) {
    const { openVectorTable } = await import("./vector-postgres.ts");
    store = await openVectorTable(place.postgres.url, place.postgres.schema ?? DEFAULT_SCHEMA, model, logger);
  } else if (model) {
    const { openVectorFile } = await import("./vector-file.ts");
    store = await openVectorFile(vectorFileFor(place.cacheDir, place.corpusDir, model), logger);
  }
  try {
    return await openSemanticLayer(index, { endpoints, settings, store, logger, background: place.watch });
  } catch (error) {
    await store?.close();
    throw error;
  }
}
