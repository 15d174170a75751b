/**
 * MiniSearch as the passage index uses it: its options, the queries a question makes, and its state in the
 * compact form the index is saved in.
 */
import MiniSearch, { type AsPlainObject, type Options, type QueryCombination } from "minisearch";
import type { QuestionTerms } from "../question/analyse.ts";
import type { SearchSettings } from "../settings.ts";
import { usedWords } from "./lookup.ts";
import { FIELDS, type Field } from "./port.ts";
import type { TermCounts } from "./term-counts.ts";
import { treeKeys } from "./term-key.ts";

/** A document as MiniSearch indexes it: each field's tree keys (see `term-key.ts`), joined by spaces. */
export type SearchDocument = { id: number } & Record<Field, string>;
/** MiniSearch over passages' analysed terms. */
export type PassageSearch = MiniSearch<SearchDocument>;

/**
 * One term of the saved index, compactly: the term's tree key (its spelling in letters, see `term-key.ts`; read
 * the term back with `termOfKey`), then per field that holds it one list of numbers: the MiniSearch field id,
 * then for each passage (by MiniSearch's short id, ascending) the gap from the previous short id and how often
 * the term occurs in it. Number lists parse several times faster than MiniSearch's own objects keyed by id
 * (`{"0":{"17":2}}`), which were most of the start-up.
 */
export type SavedTerm = [key: string, ...fields: number[][]];

/** MiniSearch's saved state but for its terms (which `savedTerms` writes apart). */
export type SearchState = Omit<AsPlainObject, "index">;

/** Per field id, the passages (short ids) holding a term and how often: MiniSearch's own in-memory shape. */
type TermData = Map<number, Map<number, number>>;

/**
 * What this module reads and writes of MiniSearch's internals (7.x): its terms, keyed by tree key. MiniSearch's
 * public `toJSON`/`loadJS` go through one object per term and field, whose keys it parses back one by one;
 * that was 60% of loading the saved index at 35,000 passages. The round-trip tests catch a MiniSearch release
 * that changes these fields.
 */
interface SearchInternals {
  _index: Map<string, TermData>;
}

/** The options every `PassageSearch` is made with. */
export function miniSearchOptions(settings: SearchSettings): Options<SearchDocument> {
  return {
    fields: [...FIELDS],
    storeFields: [],
    // Terms arrive already analysed (segmented, normalised, stop words out), joined by spaces.
    tokenize: (text) => text.split(" "),
    processTerm: (term) => term || null,
    // No `prefix` or `fuzzy`: on tree keys they would match fractions of characters (see term-key.ts).
    searchOptions: {
      bm25: settings.bm25,
      tokenize: (text) => text.split(" "),
      processTerm: (term) => term || null,
    },
    autoVacuum: { minDirtCount: 200, minDirtFactor: 0.1 },
  };
}

/**
 * The query a question makes of `passages` passages: one sub-query per field (MiniSearch would otherwise
 * tokenize one query string for all fields) of the terms worth looking up; none when there are none.
 */
export function questionQuery(
  question: QuestionTerms,
  counts: TermCounts,
  passages: number,
  settings: SearchSettings,
): QueryCombination | undefined {
  const fieldQuery = (field: Field, boost: number, terms: readonly string[]): QueryCombination => ({
    queries: [treeKeys(counts.selective(field, terms, passages, settings))],
    fields: [field],
    boost: { [field]: boost },
  });
  const used = usedWords(question, (word) => counts.has("words", word), undefined, settings.maxAlternatives);
  const queries = [
    fieldQuery(
      "words",
      settings.wordBoost,
      question.words.filter((_, i) => used[i]),
    ),
    fieldQuery("bigrams", settings.bigramBoost, question.bigrams),
  ].filter((q) => q.queries[0] !== "");
  return queries.length === 0 ? undefined : { combineWith: "OR", queries };
}

/** An empty `PassageSearch`. */
export function createSearch(settings: SearchSettings): PassageSearch {
  return new MiniSearch(miniSearchOptions(settings));
}

/** A search's state and, apart, its terms in the compact saved form: a copy, so the search may change meanwhile. */
export function saveSearch(search: PassageSearch): { state: SearchState; terms: SavedTerm[] } {
  // toJSON with the terms set aside for the call: it would copy every term into objects, which are not wanted.
  const internals = search as unknown as SearchInternals;
  const terms = internals._index;
  internals._index = new Map();
  try {
    const { index: _, ...state } = search.toJSON();
    return { state, terms: [...savedTerms(terms)] };
  } finally {
    internals._index = terms;
  }
}

function* savedTerms(index: Iterable<[string, TermData]>): Generator<SavedTerm> {
  for (const [key, data] of index) {
    const fields: number[][] = [];
    for (const [fieldId, passages] of data) {
      if (passages.size === 0) continue; // nothing to find; the saved form has no empty lists
      const ids = [...passages.keys()].sort((a, b) => a - b);
      const packed = [fieldId];
      let previous = 0;
      for (const id of ids) {
        packed.push(id - previous, passages.get(id) ?? 0);
        previous = id;
      }
      fields.push(packed);
    }
    if (fields.length > 0) yield [key, ...fields];
  }
}

/** A search restored from `saveSearch`'s state and terms; the terms are iterated once. */
export function loadSearch(
  state: SearchState,
  terms: Iterable<SavedTerm>,
  settings: SearchSettings,
): PassageSearch {
  const search = MiniSearch.loadJS({ ...state, index: [] }, miniSearchOptions(settings));
  const index = (search as unknown as SearchInternals)._index;
  for (const [key, ...fields] of terms) {
    const data: TermData = new Map();
    for (const packed of fields) {
      const passages = new Map<number, number>();
      let id = 0;
      for (let i = 1; i + 1 < packed.length; i += 2) {
        id += packed[i] ?? 0;
        passages.set(id, packed[i + 1] ?? 0);
      }
      data.set(packed[0] ?? 0, passages);
    }
    index.set(key, data);
  }
  return search;
}
