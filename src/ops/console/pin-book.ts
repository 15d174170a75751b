import type { Logger } from "../../core/logger.ts";
import type { Qa } from "../../core/types.ts";
import { questionPieces, similarity } from "../../store/question-key.ts";
import type { ConsoleStore, Pin } from "../../store/types.ts";

/** The pins, kept in memory for answering, and which one a question gets. */
export interface PinBook {
  /** The pin closest to `question` at or above the similarity, if any, with that similarity. */
  match(question: string): Promise<{ pin: Pin; similarity: number } | undefined>;
  /** Reads the pins again (after the console changed them); drops those whose article is no longer indexed. */
  refresh(): Promise<void>;
  /** The similarity from which a pin answers a question. */
  readonly threshold: number;
}

/** What `createPinBook` needs. */
export interface PinBookOptions {
  store: ConsoleStore;
  /** The index's articles, to drop the pins of articles removed. */
  qa: Pick<Qa, "articles">;
  /** See `PinBook.threshold`. */
  threshold: number;
  logger: Logger;
  /** How long pins read are trusted: other processes (replicas, shards) may change them. Default 30 s. */
  maxAgeMs?: number;
}

/**
 * Pins read from the store at most every `maxAgeMs`, so that answering costs no query; a pin whose article has
 * left the index is removed from the store when the pins are read.
 */
export function createPinBook({ store, qa, threshold, logger, maxAgeMs = 30_000 }: PinBookOptions): PinBook {
  // Each pin with its question's pieces, worked out once when the pins are read, not at every question.
  let pins: Array<{ pin: Pin; pieces: string[] }> = [];
  let readAt = 0;
  let reading: Promise<void> | undefined;
  const read = async () => {
    const [stored, articles] = await Promise.all([store.pins(), qa.articles()]);
    const indexed = new Set(articles.map((a) => a.file));
    const gone = stored.filter((p) => !indexed.has(p.quote.article.file));
    for (const pin of gone) await store.removePin(pin.id);
    if (gone.length > 0) logger.info({ pins: gone.map((p) => p.id) }, "removed the pins of articles removed");
    pins = stored
      .filter((p) => indexed.has(p.quote.article.file))
      .map((pin) => ({ pin, pieces: questionPieces(pin.question) }));
    readAt = Date.now();
  };
  const refresh = () =>
    (reading ??= read()
      .catch((error: unknown) => logger.warn({ error: String(error) }, "could not read the pins"))
      .finally(() => {
        reading = undefined;
      }));
  return {
    threshold,
    refresh,
    async match(question) {
      if (Date.now() - readAt > maxAgeMs) await refresh();
      let best: { pin: Pin; similarity: number } | undefined;
      const asked = questionPieces(question);
      for (const { pin, pieces } of pins) {
        const s = similarity(asked, pieces);
        if (s >= threshold && (!best || s > best.similarity)) best = { pin, similarity: s };
      }
      return best;
    },
  };
}
