import { z } from "zod";
import type { ArticleInfo } from "../types.ts";
import type { SavedTerm, SearchState } from "./minisearch-state.ts";
import type { Field, FileVersion, Passage } from "./port.ts";

/** One article as the index knows it. */
export interface Entry {
  info: ArticleInfo;
  version: FileVersion;
  passageIds: number[];
}

/** What `PassageIndex.toJSON` writes and `fromJSON` reads. Its large parts are lists, saved an item at a time. */
export interface IndexSnapshot {
  entries: Array<[string, Entry]>;
  /** The passages, verbatim only (no normalised copy). */
  passages: Array<[number, Passage]>;
  nextId: number;
  documentFrequency: Record<Field, Array<[string, number]>>;
  /** MiniSearch's saved state, but for its terms. */
  search: SearchState;
  /** MiniSearch's terms, compactly (see `SavedTerm`): most of the snapshot. */
  terms: SavedTerm[];
}

/**
 * The shape of each part of a saved index, checked as it is read: valid JSON of another shape (an older
 * version, a hand edit) must be rebuilt, not crash start-up or put one article's quote under another's name.
 * Each schema is typed by the type it checks, so that the two cannot drift apart.
 */
const nullableText = z.string().nullable();

/** Loose: a field added to `ArticleInfo` later is kept rather than dropped (and the code hash rebuilds anyway). */
const ArticleInfoSchema: z.ZodType<ArticleInfo> = z.looseObject({
  file: z.string().min(1),
  title: z.string(),
  publisher: nullableText,
  date: nullableText,
  url: nullableText,
  author: nullableText,
});

const id = z.number().int().nonnegative();

export const EntrySchema: z.ZodType<[string, Entry]> = z.tuple([
  z.string().min(1),
  z.object({
    info: ArticleInfoSchema,
    version: z.object({ hash: z.string(), stamp: z.string() }),
    passageIds: z.array(id),
  }),
]);

export const PassageSchema: z.ZodType<[number, Passage]> = z.tuple([
  id,
  z.object({
    file: z.string().min(1),
    text: z.string().min(1),
    at: z.tuple([id, id, id]),
  }),
]);

export const FrequencySchema: z.ZodType<[string, number]> = z.tuple([
  z.string(),
  z.number().int().positive(),
]);

/**
 * A term's tree key and one number list per field that holds it (see `SavedTerm`). Only its outer shape is
 * checked: terms are most of the file and of loading time, and the numbers inside were written by this code, as
 * the checksum and the key vouch.
 */
export function isSavedTerm(value: unknown): value is SavedTerm {
  if (!Array.isArray(value) || value.length < 2 || typeof value[0] !== "string") return false;
  for (let i = 1; i < value.length; i++) {
    const field: unknown = value[i];
    if (!Array.isArray(field) || field.length < 3 || field.length % 2 === 0) return false;
  }
  return true;
}

/** MiniSearch's saved state but for its terms; `serializationVersion` 2 is what MiniSearch 7 writes. */
export const SearchStateSchema: z.ZodType<SearchState> = z.object({
  documentCount: z.number().int().nonnegative(),
  nextId: id,
  documentIds: z.record(z.string(), z.number()),
  fieldIds: z.record(z.string(), z.number()),
  fieldLength: z.record(z.string(), z.array(z.number())),
  averageFieldLength: z.array(z.number()),
  storedFields: z.record(z.string(), z.unknown()),
  dirtCount: z.number().optional(),
  serializationVersion: z.literal(2),
});

/** Parses one part with its schema, or throws saying which part and what is wrong. */
export function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `the saved index's ${what} has the wrong shape (${issue?.path.join(".")}: ${issue?.message})`,
  );
}

/**
 * Checks that the parts agree: every passage belongs to an indexed article that lists it, and MiniSearch holds
 * exactly these passages. Throws saying what does not.
 */
export function checkConsistency(snapshot: Omit<IndexSnapshot, "terms">): void {
  const passages = new Map(snapshot.passages);
  const listed = new Set<number>();
  for (const [file, entry] of snapshot.entries) {
    if (entry.info.file !== file) throw new Error(`the saved index's entry ${file} names another file`);
    for (const passageId of entry.passageIds) {
      if (passages.get(passageId)?.file !== file) {
        throw new Error(`the saved index's entry ${file} lists passage ${passageId}, which is not its`);
      }
      listed.add(passageId);
    }
  }
  if (listed.size !== passages.size) throw new Error("the saved index has passages no article lists");
  const searched = Object.values(snapshot.search.documentIds);
  if (searched.length !== passages.size || !searched.every((n) => passages.has(n))) {
    throw new Error("the saved index's search terms are not those of its passages");
  }
  let highest = -1;
  for (const passageId of passages.keys()) highest = Math.max(highest, passageId);
  if (snapshot.nextId <= highest) throw new Error("the saved index's next passage id is taken");
}
