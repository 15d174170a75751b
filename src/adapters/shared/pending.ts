import { chmod, mkdir, open, readdir, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";

/** One piece of work a bot accepted and had not finished when it last stopped. */
export interface PendingEntry<T> {
  id: string;
  item: T;
  /** How many starts have taken it up, this one included. */
  attempts: number;
  /** When it was first accepted (ms since the epoch). */
  savedAt: number;
}

/**
 * A durable list of accepted work not yet finished, one file per item in `dir`. An item is written (and
 * fsynced) before the platform is told it arrived, and removed once handled, so a stop or a crash in between
 * leaves it for the next start.
 */
export interface PendingStore<T> {
  /** Saves an item durably; an item already saved (taken up again at start) keeps its attempt count. */
  add(id: string, item: T): Promise<void>;
  /** Forgets a handled item. */
  remove(id: string): Promise<void>;
  /** The items left over by earlier runs, each counted as one more attempt. Call once, at start. */
  takeUp(): Promise<PendingEntry<T>[]>;
}

/** Ids become file names, so only these characters (platform ids are numbers). */
const SAFE_ID = /^[0-9A-Za-z_-]{1,64}$/;

/**
 * Pending updates hold users' private messages: the directory is the owner's alone (0700) and each file is
 * readable by the owner only (0600), as the feedback salt is.
 */
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/** Makes `dir` (with its parents) and narrows its mode, also when an earlier version made it 0755. */
async function makePrivateDir(dir: string): Promise<void> {
  await mkdir(path.dirname(dir), { recursive: true }); // the cache directory keeps the usual mode
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
  await chmod(dir, DIR_MODE);
}

/** Writes `file` so that it survives a crash: a temporary file, fsynced, renamed over it, the folder fsynced. */
async function writeDurably(file: string, text: string): Promise<void> {
  const temporary = `${file}.tmp`;
  const handle = await open(temporary, "w", FILE_MODE);
  // `open`'s mode only applies to a new file: a `.tmp` left by a crash keeps its mode unless narrowed.
  await handle.chmod(FILE_MODE);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  const folder = await open(path.dirname(file), "r");
  await folder.sync().finally(() => folder.close());
}

/** A `PendingStore` in `dir`, created when first needed. */
export function createPendingStore<T>(dir: string): PendingStore<T> {
  const known = new Set<string>();
  let madePrivate: Promise<void> | undefined;
  /** Once per store: the directory made private (a failure is retried on the next write). */
  const ensureDir = () => {
    madePrivate ??= makePrivateDir(dir).catch((error: unknown) => {
      madePrivate = undefined;
      throw error;
    });
    return madePrivate;
  };
  const fileOf = (id: string) => {
    if (!SAFE_ID.test(id)) throw new Error(`pending store: bad id ${JSON.stringify(id)}`);
    return path.join(dir, `${id}.json`);
  };
  const save = async (entry: PendingEntry<T>) => {
    await ensureDir();
    await writeDurably(fileOf(entry.id), JSON.stringify(entry));
    known.add(entry.id);
  };
  return {
    async add(id, item) {
      if (known.has(id)) return;
      await save({ id, item, attempts: 0, savedAt: Date.now() });
    },
    async remove(id) {
      known.delete(id);
      await unlink(fileOf(id)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      });
    },
    async takeUp() {
      const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return [] as string[];
        throw error;
      });
      if (names.length > 0) await ensureDir(); // an existing directory, maybe made 0755 by an earlier version
      const entries: PendingEntry<T>[] = [];
      for (const name of names.filter((n) => n.endsWith(".json")).sort()) {
        const file = path.join(dir, name);
        // A file cut short by a crash mid-write never got its final name; anything unreadable is dropped.
        const entry = await readFile(file, "utf8")
          .then((text) => JSON.parse(text) as PendingEntry<T>)
          .catch(() => undefined);
        if (!entry || typeof entry.id !== "string" || !SAFE_ID.test(entry.id)) {
          await unlink(file).catch(() => undefined);
          continue;
        }
        const next = { ...entry, attempts: entry.attempts + 1 };
        await save(next);
        entries.push(next);
      }
      return entries;
    },
  };
}
