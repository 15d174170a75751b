import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { z } from "zod";
import type { SavedTerm } from "./minisearch-state.ts";
import {
  checkConsistency,
  checked,
  EntrySchema,
  FrequencySchema,
  type IndexSnapshot,
  isSavedTerm,
  PassageSchema,
  SearchStateSchema,
} from "./snapshot-schema.ts";

/**
 * The saved index as JSON lines: a header (format, cache key, the small parts, the length of each list), one
 * line per item of each list, and a last line with the SHA-256 of all the lines before it. Written and read a
 * line at a time, it never becomes one string: at 100,000 passages that string would be over 600 MB, near V8's
 * limit, on top of the index itself. The key comes first, so an out-of-date file is dismissed without parsing
 * the rest. (The file is read whole into a Buffer, outside the JavaScript heap; Node reads at most 2 GiB that
 * way, about 500,000 passages.)
 */
type Loaded = Omit<IndexSnapshot, "terms"> & { terms: Iterable<SavedTerm> };

/**
 * Bumped whenever the layout of the file changes; a file of another format is rebuilt. 3: terms as number lists
 * (see `SavedTerm`), passages without their normalised copy.
 */
export const SNAPSHOT_FORMAT = 3;

const HeaderSchema = z.object({
  /** Absent in files written before formats were numbered. */
  format: z.number().optional(),
  key: z.string(),
  /** The corpus directory the index is of (absolute); absent in files written before it was recorded. */
  corpus: z.string().optional(),
  nextId: z.number().int().nonnegative(),
  search: z.unknown(),
  /** Lengths of entries, passages, word and bigram frequencies, terms: the lines that follow, in this order. */
  lengths: z.tuple([count(), count(), count(), count(), count()]),
});
type Header = z.infer<typeof HeaderSchema>;

const TrailerSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** Lines are gathered into chunks of about this many characters before they are written. */
const CHUNK = 1 << 20;

/**
 * Writes a snapshot to `file`, yielding to the event loop between chunks. `corpus`, the directory indexed, is
 * recorded in the header so that a cache directory shared by several corpora can tell whose file this is.
 */
export async function writeSnapshotFile(
  file: string,
  key: string,
  snapshot: IndexSnapshot,
  corpus?: string,
): Promise<void> {
  const { entries, passages, documentFrequency, terms, nextId, search } = snapshot;
  const lists = [entries, passages, documentFrequency.words, documentFrequency.bigrams, terms];
  const lengths = lists.map((list) => list.length) as Header["lengths"];
  const header: Header = { format: SNAPSHOT_FORMAT, key, corpus, nextId, search, lengths };
  const out = createWriteStream(file);
  const failed = once(out, "error").then(([error]) => Promise.reject(error));
  const hash = createHash("sha256");
  let chunk = `${JSON.stringify(header)}\n`;
  const flush = async () => {
    hash.update(chunk);
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
    hash.update(chunk);
    out.end(`${chunk}${JSON.stringify({ sha256: hash.digest("hex") })}\n`);
    await Promise.race([finished(out), failed]);
  } catch (error) {
    out.destroy();
    throw error;
  }
}

/**
 * Reads a snapshot written by `writeSnapshotFile` if it was saved in this format under `key` (any key when it
 * is undefined), or returns undefined. Throws saying what is wrong when the file is truncated, altered (its
 * checksum fails), or of the wrong shape; the terms are checked lazily, as `PassageIndex.fromJSON` consumes them.
 */
export async function readSnapshotFile(file: string, key: string | undefined): Promise<Loaded | undefined> {
  const buffer = await readFile(file);
  const lines = linesOf(buffer);
  const header = checked(HeaderSchema, parse(lines.next(), "header"), "header");
  if (header.format !== SNAPSHOT_FORMAT || (key !== undefined && header.key !== key)) return undefined;
  verifyChecksum(buffer);
  const [entries, passages, words, bigrams, terms] = header.lengths;
  const loaded: Loaded = {
    nextId: header.nextId,
    search: checked(SearchStateSchema, header.search, "search state"),
    entries: lines.take(entries, EntrySchema, "article entries"),
    passages: lines.take(passages, PassageSchema, "passages"),
    documentFrequency: {
      words: lines.take(words, FrequencySchema, "word frequencies"),
      bigrams: lines.take(bigrams, FrequencySchema, "bigram frequencies"),
    },
    terms: lines.terms(terms),
  };
  checkConsistency(loaded);
  return loaded;
}

/** How much of a saved index `readSnapshotCorpus` reads: the header starts with the format, key and corpus. */
const HEADER_START = 64 * 1024;

/** The header's first fields as `writeSnapshotFile` writes them, up to the corpus directory (a JSON string). */
const CORPUS_FIELD = /^\{"format":\d+,"key":"[^"\\]*","corpus":("(?:[^"\\]|\\.)*")/;

/**
 * The corpus directory a saved index records in its header, read from the file's start only (the header holds
 * the search state and a saved index may be hundreds of megabytes); undefined when the file does not say (files
 * written before it was recorded) or cannot be read.
 */
export async function readSnapshotCorpus(file: string): Promise<string | undefined> {
  try {
    const handle = await open(file);
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(HEADER_START), 0, HEADER_START, 0);
      const match = CORPUS_FIELD.exec(buffer.toString("utf8", 0, bytesRead));
      return match?.[1] === undefined ? undefined : z.string().parse(JSON.parse(match[1]));
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/** The last line holds the SHA-256 of everything before it: a truncated or edited file fails here. */
function verifyChecksum(buffer: Buffer): void {
  const end = buffer.length - 1;
  if (buffer[end] !== 10) throw new Error("the saved index is truncated");
  const start = buffer.lastIndexOf(10, end - 1) + 1;
  let trailer: z.infer<typeof TrailerSchema> | undefined;
  try {
    trailer = TrailerSchema.parse(JSON.parse(buffer.toString("utf8", start, end)));
  } catch {
    throw new Error("the saved index is truncated (no checksum at its end)");
  }
  const actual = createHash("sha256").update(buffer.subarray(0, start)).digest("hex");
  if (actual !== trailer.sha256) throw new Error("the saved index fails its checksum");
}

function parse(line: string, what: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`the saved index's ${what} is not JSON`);
  }
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
    take<T>(length: number, schema: z.ZodType<T>, what: string): T[] {
      return Array.from({ length }, () => checked(schema, parse(next(), what), what));
    },
    *terms(length: number): Generator<SavedTerm> {
      for (let i = 0; i < length; i++) {
        const term = parse(next(), "terms");
        if (!isSavedTerm(term)) throw new Error("the saved index's terms have the wrong shape");
        yield term;
      }
      next(); // the checksum
      if (at < buffer.length) throw new Error("the saved index has lines after its checksum");
    },
  };
}

function count() {
  return z.number().int().nonnegative();
}
