import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { appendFile, mkdir, open, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "../logger.ts";
import type { VectorStore } from "./vector-store.ts";

/** The file's first bytes: what it is and its format's version. */
const MAGIC = Buffer.from("CBVEC1\n");
const KEY_BYTES = 32;
/** How much of the file is read at a time. */
const CHUNK_BYTES = 4 * 2 ** 20;

/**
 * The vectors file of a corpus's saved index for a model, beside it in the cache directory
 * (`vectors-<corpus>-<model>.bin`): the magic, the dimensions (uint32), then records of a key (32 bytes) and
 * its vector (float32 little-endian), appended as passages are embedded. A torn last
 * record (a crash mid-append) is dropped; a file of another size of vectors is started afresh with a warning.
 * When passages are no longer indexed (`retain`), the file is written again without their records (and with
 * those other processes sharing it appended meanwhile).
 */
export function vectorFileFor(cacheDir: string, corpusDir: string, model: string): string {
  const id = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 12);
  return path.join(cacheDir, `vectors-${id(path.resolve(corpusDir))}-${id(model)}.bin`);
}

/**
 * A vector store in one file (see `vectorFileFor`). It keeps the keys in memory, not the vectors: `load` reads
 * them from the file (the passages' vectors are held once, by `PassageVectors`), and so finds what the other
 * processes sharing the file (Discord shards) appended since this one opened it.
 */
export async function openVectorFile(file: string, logger: Logger): Promise<VectorStore> {
  const kept = new Set<string>();
  let dimensions: number | undefined;
  if (existsSync(file)) {
    const read = await readVectors(file, (key) => {
      kept.add(key);
      return false;
    });
    if (read) dimensions = read.dimensions;
    else logger.warn({ file }, "the vectors file is not one citebot wrote; starting it afresh");
  }
  let writing = Promise.resolve();
  return {
    async load(keys) {
      if (keys.length === 0) return new Map();
      await writing; // this process's saves are in the file
      const wanted = new Set(keys);
      const read = existsSync(file) ? await readVectors(file, (key) => wanted.has(key)) : undefined;
      // Another process may have started the file since this one opened it without one.
      if (read && dimensions === undefined) dimensions = read.dimensions;
      const found = read && read.dimensions === dimensions ? read.vectors : new Map<string, Float32Array>();
      for (const key of found.keys()) kept.add(key);
      // A key this process saved but another's rewrite lost (the moment between its reading and renaming):
      // not kept, so that saving it again writes it.
      for (const key of keys) if (!found.has(key)) kept.delete(key);
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
      for (const [key] of fresh) kept.add(key);
      const records = toRecords(fresh, size);
      writing = writing.then(async () => {
        await mkdir(path.dirname(file), { recursive: true });
        if (restart || !existsSync(file)) await writeFile(file, Buffer.concat([header(size), records]));
        else await appendFile(file, records);
      });
      return writing;
    },
    async retain(live) {
      const dead = new Set([...kept].filter((key) => !live.has(key)));
      if (dead.size === 0 || dimensions === undefined) return 0;
      for (const key of dead) kept.delete(key);
      const size = dimensions;
      // Named by this process, as the saved index's: the shards of a Discord bot share the file.
      const temporary = `${file}.${process.pid}.tmp`;
      writing = writing.then(async () => {
        // Written whole to a temporary file renamed over the old one: a crash leaves one or the other, never
        // half of each. From the file as it is now (this process's saves are in it), not from the keys this
        // process knows: the other shards append to it too, and their records (of passages this process may
        // not know yet) stay; only the dead go. Saves after this append to the new file.
        const read = existsSync(file) ? await readVectors(file, (key) => !dead.has(key)) : undefined;
        const vectors = read?.dimensions === size ? [...read.vectors] : [];
        await writeFile(temporary, Buffer.concat([header(size), toRecords(vectors, size)]));
        await rename(temporary, file);
      });
      await writing;
      return dead.size;
    },
    dimensions: async () => (kept.size > 0 ? dimensions : undefined),
    close: () => writing,
  };
}

/**
 * The records of a vectors file whose key `wanted` says yes to, and their size; undefined when the file is not
 * one citebot wrote. Read in chunks, so that a large file is not in memory whole.
 */
async function readVectors(
  file: string,
  wanted: (key: string) => boolean,
): Promise<{ vectors: Map<string, Float32Array>; dimensions: number } | undefined> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(MAGIC.length + 4);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (bytesRead < head.length || !head.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    const dimensions = head.readUInt32LE(MAGIC.length);
    const size = KEY_BYTES + dimensions * 4;
    const vectors = new Map<string, Float32Array>();
    const chunk = Buffer.alloc(size * Math.max(1, Math.floor(CHUNK_BYTES / size)));
    for (let position = head.length; ; ) {
      const { bytesRead: got } = await handle.read(chunk, 0, chunk.length, position);
      const whole = got - (got % size); // a torn last record (a crash mid-append) is left out
      for (let at = 0; at < whole; at += size) {
        const key = chunk.subarray(at, at + KEY_BYTES).toString("hex");
        if (!wanted(key)) continue;
        const vector = new Float32Array(dimensions);
        for (let i = 0; i < dimensions; i++) vector[i] = chunk.readFloatLE(at + KEY_BYTES + i * 4);
        vectors.set(key, vector);
      }
      if (got < chunk.length) return { vectors, dimensions };
      position += got;
    }
  } finally {
    await handle.close();
  }
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
