import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "../logger.ts";
import type { VectorStore } from "./vector-store.ts";

/** The file's first bytes: what it is and its format's version. */
const MAGIC = Buffer.from("CBVEC1\n");
const KEY_BYTES = 32;

/**
 * The vectors file of a corpus's saved index for a model, beside it in the cache directory
 * (`vectors-<corpus>-<model>.bin`): the magic, the dimensions (uint32), then records of a key (32 bytes) and
 * its vector (float32 little-endian), appended as passages are embedded. Read whole at start-up. A torn last
 * record (a crash mid-append) is dropped; a file of another size of vectors is started afresh with a warning.
 * When passages are no longer indexed (`retain`), the file is written again without their records (and with
 * those other processes sharing it appended meanwhile).
 */
export function vectorFileFor(cacheDir: string, corpusDir: string, model: string): string {
  const id = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 12);
  return path.join(cacheDir, `vectors-${id(path.resolve(corpusDir))}-${id(model)}.bin`);
}

/** A vector store in one file (see `vectorFileFor`); everything in it is held in memory once opened. */
export async function openVectorFile(file: string, logger: Logger): Promise<VectorStore> {
  let kept = new Map<string, Float32Array>();
  let dimensions: number | undefined;
  if (existsSync(file)) {
    const held = readVectors(await readFile(file));
    if (held) ({ vectors: kept, dimensions } = held);
    else logger.warn({ file }, "the vectors file is not one citebot wrote; starting it afresh");
  }
  let writing = Promise.resolve();
  return {
    async load(keys) {
      const found = new Map<string, Float32Array>();
      for (const key of keys) {
        const vector = kept.get(key);
        if (vector) found.set(key, vector);
      }
      return found;
    },
    save(entries) {
      const fresh = entries.filter(([key]) => !kept.has(key));
      if (fresh.length === 0) return writing;
      const size = fresh[0]?.[1].length ?? 0;
      const restart = dimensions !== size;
      if (restart && dimensions !== undefined) {
        logger.warn(
          { file, was: dimensions, now: size },
          "the model's vectors changed size; vectors file restarted",
        );
        kept.clear();
      }
      dimensions = size;
      for (const [key, vector] of fresh) kept.set(key, vector);
      const records = toRecords(fresh, size);
      writing = writing.then(async () => {
        await mkdir(path.dirname(file), { recursive: true });
        if (restart || !existsSync(file)) await writeFile(file, Buffer.concat([header(size), records]));
        else await appendFile(file, records);
      });
      return writing;
    },
    async retain(live) {
      const dead = [...kept.keys()].filter((key) => !live.has(key));
      if (dead.length === 0 || dimensions === undefined) return 0;
      for (const key of dead) kept.delete(key);
      const size = dimensions;
      // Named by this process, as the saved index's: the shards of a Discord bot share the file.
      const temporary = `${file}.${process.pid}.tmp`;
      writing = writing.then(async () => {
        // Written whole to a temporary file renamed over the old one: a crash leaves one or the other, never
        // half of each. From the file as it is now, not from what this process holds: the other shards append
        // to it too, and their records (of passages this process may not know yet) stay; only the dead go.
        // Saves after this append to the new file.
        const now = existsSync(file) ? readVectors(await readFile(file)) : undefined;
        const vectors = new Map(now?.dimensions === size ? now.vectors : undefined);
        for (const [key, vector] of kept) vectors.set(key, vector);
        for (const key of dead) vectors.delete(key);
        await writeFile(temporary, Buffer.concat([header(size), toRecords([...vectors], size)]));
        await rename(temporary, file);
      });
      await writing;
      return dead.length;
    },
    dimensions: async () => (kept.size > 0 ? dimensions : undefined),
    close: () => writing,
  };
}

/** A vectors file's records by key, and their size; undefined when `bytes` are not a file citebot wrote. */
function readVectors(bytes: Buffer): { vectors: Map<string, Float32Array>; dimensions: number } | undefined {
  const start = MAGIC.length + 4;
  if (bytes.length < start || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const dimensions = bytes.readUInt32LE(MAGIC.length);
  const size = KEY_BYTES + dimensions * 4;
  const vectors = new Map<string, Float32Array>();
  for (let at = start; at + size <= bytes.length; at += size) {
    const key = bytes.subarray(at, at + KEY_BYTES).toString("hex");
    // A copy: a view would keep the whole file's buffer alive and need 4-byte alignment.
    const vector = new Float32Array(dimensions);
    for (let i = 0; i < dimensions; i++) vector[i] = bytes.readFloatLE(at + KEY_BYTES + i * 4);
    vectors.set(key, vector);
  }
  return { vectors, dimensions };
}

/** The file's header for vectors of `size` dimensions. */
function header(size: number): Buffer {
  const bytes = Buffer.alloc(MAGIC.length + 4);
  MAGIC.copy(bytes);
  bytes.writeUInt32LE(size, MAGIC.length);
  return bytes;
}

/** Keys and vectors of `size` dimensions as the file's records. */
function toRecords(entries: ReadonlyArray<readonly [string, Float32Array]>, size: number): Buffer {
  const records = Buffer.alloc(entries.length * (KEY_BYTES + size * 4));
  entries.forEach(([key, vector], r) => {
    const at = r * (KEY_BYTES + size * 4);
    records.write(key, at, "hex");
    for (let i = 0; i < vector.length; i++) records.writeFloatLE(vector[i] as number, at + KEY_BYTES + i * 4);
  });
  return records;
}
