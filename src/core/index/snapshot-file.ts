import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { finished } from "node:stream/promises";
import type { IndexSnapshot, SavedTerm } from "./passage-index.ts";

/**
 * The saved index as JSON lines: a header (the cache key, the small parts, the length of each list), then one
 * line per item of each list. Written and read a line at a time, it never becomes one string: at 100,000
 * passages that string would be over 600 MB, near V8's limit, on top of the index itself. The key comes first,
 * so an out-of-date file is dismissed without parsing the rest. (The file is read whole into a Buffer, outside
 * the JavaScript heap; Node reads at most 2 GiB that way, about 500,000 passages.)
 */
type Loaded = Omit<IndexSnapshot, "terms"> & { terms: Iterable<SavedTerm> };

interface Header {
  key: string;
  nextId: number;
  search: IndexSnapshot["search"];
  /** Lengths of entries, passages, word and bigram frequencies, terms: the lines that follow, in this order. */
  lengths: number[];
}

/** Lines are gathered into chunks of about this many characters before they are written. */
const CHUNK = 1 << 20;

/** Writes a snapshot to `file`, yielding to the event loop between chunks. */
export async function writeSnapshotFile(file: string, key: string, snapshot: IndexSnapshot): Promise<void> {
  const { entries, passages, documentFrequency, terms, nextId, search } = snapshot;
  const lists = [entries, passages, documentFrequency.words, documentFrequency.bigrams, terms];
  const header: Header = { key, nextId, search, lengths: lists.map((list) => list.length) };
  const out = createWriteStream(file);
  const failed = once(out, "error").then(([error]) => Promise.reject(error));
  let chunk = `${JSON.stringify(header)}\n`;
  const flush = async () => {
    if (!out.write(chunk)) await Promise.race([once(out, "drain"), failed]);
    chunk = "";
  };
  try {
    for (const list of lists) {
      for (const item of list) {
        chunk += `${JSON.stringify(item)}\n`;
        if (chunk.length >= CHUNK) await flush();
      }
    }
    out.end(chunk);
    await Promise.race([finished(out), failed]);
  } catch (error) {
    out.destroy();
    throw error;
  }
}

/**
 * Reads a snapshot written by `writeSnapshotFile` if it was saved under `key` (any key when it is undefined), or
 * returns undefined. Throws on a malformed or truncated file; the terms are parsed lazily, as
 * `PassageIndex.fromJSON` consumes them, so errors in them surface there.
 */
export async function readSnapshotFile(file: string, key: string | undefined): Promise<Loaded | undefined> {
  const lines = linesOf(await readFile(file));
  const header = JSON.parse(lines.next()) as Partial<Header> | null;
  if (typeof header !== "object" || header === null || typeof header.key !== "string") {
    throw new Error("the saved index has no header");
  }
  if (key !== undefined && header.key !== key) return undefined;
  const lengths = header.lengths;
  if (
    !Array.isArray(lengths) ||
    lengths.length !== 5 ||
    !lengths.every((n) => Number.isSafeInteger(n) && n >= 0)
  ) {
    throw new Error("the saved index's header has no list lengths");
  }
  const [entries = 0, passages = 0, words = 0, bigrams = 0, terms = 0] = lengths;
  return {
    nextId: header.nextId ?? 0,
    search: header.search as Header["search"],
    entries: lines.take(entries),
    passages: lines.take(passages),
    documentFrequency: { words: lines.take(words), bigrams: lines.take(bigrams) },
    terms: lines.lazily(terms),
  };
}

/** Reads JSON lines out of a buffer one at a time, without decoding the whole buffer into one string. */
function linesOf(buffer: Buffer) {
  let at = 0;
  const next = (): string => {
    if (at >= buffer.length) throw new Error("the saved index is truncated");
    let end = buffer.indexOf(10, at);
    if (end === -1) end = buffer.length;
    const line = buffer.toString("utf8", at, end);
    at = end + 1;
    return line;
  };
  return {
    next,
    take<T>(count: number): T[] {
      return Array.from({ length: count }, () => JSON.parse(next()) as T);
    },
    *lazily<T>(count: number): Generator<T> {
      for (let i = 0; i < count; i++) yield JSON.parse(next()) as T;
      if (at < buffer.length) throw new Error("the saved index has lines after its last term");
    },
  };
}
