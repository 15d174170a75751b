// Long because every query a question makes of PostgreSQL lives here, its SQL beside the code that reads it.
import { createHash } from "node:crypto";
import type pg from "pg";
import { normalize } from "../../language/normalize.ts";
import type { SearchSettings } from "../../settings.ts";
import type { ArticleInfo } from "../../types.ts";
import type { IndexKey } from "../cache.ts";
import { termsToLookUp } from "../lookup.ts";
import {
  type Candidate,
  FIELDS,
  type Field,
  inverseDocumentFrequency,
  type Passage,
  type SearchIndex,
} from "../port.ts";
import { bm25Score, type CorpusCounts } from "./bm25.ts";
import type { Tables } from "./schema.ts";
import { lexemeOf, MARK_WEIGHT, toTsquery, WEIGHT } from "./terms.ts";

/**
 * RUM's best passages are scored again with MiniSearch's BM25, this many times as many as asked for: on a corpus
 * where a question matches fewer passages than that, the candidates are exactly MiniSearch's; on a larger one,
 * RUM's order decides which passages are scored at all.
 */
export const POOL_FACTOR = 4;

interface PassageRow {
  id: string | number;
  file: string;
  paragraph: number;
  start_at: number;
  end_at: number;
  text: string;
  words_length: number;
  bigrams_length: number;
  /** The looked-up lexemes (see `lexemeOf`) the passage holds, each with its number of occurrences. */
  hits: Array<[lexeme: string, occurrences: number]> | null;
  info: ArticleInfo;
}

/** What the retrieval statement returns: one row. */
interface RetrievalRow {
  /** Each question term the index holds, with the number of passages holding it (its field as its weight). */
  counts: Array<[field: string, term: string, passages: number]> | null;
  totals: { passages: number | null; words_length: number | null; bigrams_length: number | null } | null;
  /** The tsquery the statement looked up, built from the terms it chose; null when it chose none. */
  query: string | null;
  passages: PassageRow[] | null;
}

/**
 * The reading side of the port: one round trip per question. The retrieval statement counts the question's terms,
 * chooses which to look up as `termsToLookUp` does, and returns RUM's best passages for them; should it ever choose
 * otherwise than `termsToLookUp` does from the same counts, the passages are fetched again for `termsToLookUp`'s
 * choice, which is what MiniSearch looks up. Everything a question waits for runs on the `questions` pool (short
 * deadlines); reading the whole vocabulary, which only the transliterations' background rebuild does, on `upkeep`.
 */
export function postgresReader(
  { questions: pool, upkeep }: { questions: pg.Pool; upkeep: pg.Pool },
  tables: Tables,
  key: IndexKey,
): Omit<SearchIndex, "close"> {
  const statement = retrievalStatement(tables);
  return {
    engine: "postgres",
    async retrieve(question, limit, accept) {
      const size = limit * POOL_FACTOR;
      const found = await retrieval(pool, statement, question, key.settings, size);
      const { corpus } = found;
      const lookUp = {
        words: termsToLookUp(
          question.words,
          (t) => corpus.passagesWith("words", t),
          corpus.passages,
          key.settings,
        ),
        bigrams: termsToLookUp(
          question.bigrams,
          (t) => corpus.passagesWith("bigrams", t),
          corpus.passages,
          key.settings,
        ),
      };
      const query = toTsquery(lookUp);
      const pooled =
        query === found.query ? found.passages : await rumPool(pool, tables, query, lookUp, size);
      // A user's filter applies to RUM's pool: a narrow one may leave fewer candidates than MiniSearch would.
      const rows = accept ? pooled.filter((row) => accept(row.file)) : pooled;
      const scored = rows
        .map((row) => ({ row, score: bm25Score(passageCounts(row), lookUp, corpus, key.settings) }))
        .sort((a, b) => b.score - a.score || Number(a.row.id) - Number(b.row.id))
        .slice(0, limit);
      const articles = new Map(rows.map((row) => [row.file, row.info]));
      return {
        candidates: scored.map(({ row, score }) => toCandidate(row, score)),
        idf: (field, term) => inverseDocumentFrequency(corpus.passages, corpus.passagesWith(field, term)),
        article: (file) => articles.get(file),
      };
    },
    async wordsVersion() {
      const result = await pool.query<{ version: string }>(`SELECT ${versionOf(tables)} AS version`);
      return result.rows[0]?.version ?? "";
    },
    async words() {
      // One statement, so that the version and the words are of one snapshot.
      // The bigrams of two Han characters too: where words meet (see `Vocabulary.bigrams`).
      const result = await upkeep.query<{ version: string | null; words: string[]; bigrams: string[] }>(
        `SELECT ${versionOf(tables)} AS version,
           coalesce(array_agg(term) FILTER (WHERE field = $1), '{}') AS words,
           coalesce(array_agg(term) FILTER (WHERE field = $2 AND term ~ '^[一-鿿]{2}$'), '{}') AS bigrams
         FROM ${tables.termCounts} WHERE field IN ($1, $2) AND passages > 0`,
        [WEIGHT.words, WEIGHT.bigrams],
      );
      const row = result.rows[0];
      return { version: row?.version ?? "", words: row?.words ?? [], bigrams: row?.bigrams ?? [] };
    },
    async articles() {
      const result = await pool.query<{ info: ArticleInfo }>(`SELECT info FROM ${tables.articles}`);
      return result.rows.map((row) => row.info);
    },
    async stats() {
      const result = await pool.query<{ articles: number; passages: string }>(
        `SELECT (SELECT count(*)::int FROM ${tables.articles}) AS articles,
                (SELECT value FROM ${tables.meta} WHERE name = 'passages') AS passages`,
      );
      const row = result.rows[0];
      return { articles: row?.articles ?? 0, passages: Number(row?.passages ?? 0) };
    },
    async passages() {
      // One statement, so that the version and the passages are of one snapshot.
      const result = await pool.query<Omit<PassageRow, "info" | "hits" | "words_length" | "bigrams_length">>(
        `SELECT ${versionOf(tables)} AS version, id, file, paragraph, start_at, end_at, text FROM ${tables.passages}
         UNION ALL SELECT ${versionOf(tables)}, NULL, NULL, NULL, NULL, NULL, NULL`,
      );
      const version = String((result.rows[0] as { version?: string } | undefined)?.version ?? "");
      const rows = result.rows.filter((row) => row.id !== null);
      const passages = rows.map((row) => ({
        id: Number(row.id),
        passage: {
          file: row.file,
          text: row.text,
          at: [row.paragraph, row.start_at, row.end_at] as Passage["at"],
        },
      }));
      return { version, passages };
    },
    async passagesVersion() {
      const result = await pool.query<{ version: string }>(`SELECT ${versionOf(tables)} AS version`);
      return result.rows[0]?.version ?? "";
    },
  };
}

/**
 * A pooled passage's columns (`c`, joined to its article `a`), and how often it holds each looked-up lexeme
 * (`lexemes`, an SQL text[]). For those counts the looked-up lexemes are marked with `MARK_WEIGHT` (`setweight`
 * with a list: a binary search each) and only the marked ones kept (`ts_filter`) before unnesting: unnesting all
 * ~240 lexemes of each passage and filtering them was most of a question's time in PostgreSQL at 125k passages.
 */
function poolColumns(lexemes: string): string {
  return `c.id, c.file, c.paragraph, c.start_at, c.end_at, c.text, c.words_length, c.bigrams_length, a.info,
    (SELECT json_agg(json_build_array(u.lexeme, cardinality(u.positions)))
     FROM unnest(ts_filter(setweight(c.terms, '${MARK_WEIGHT}', ${lexemes}), '{${MARK_WEIGHT}}')) u) AS hits`;
}

/** The vocabulary's version: the count of writes that changed terms (see `addTotals`). */
function versionOf(tables: Tables): string {
  return `(SELECT value FROM ${tables.meta} WHERE name = 'generation')`;
}

/**
 * The retrieval statement, prepared once per connection: term counts, corpus totals, the choice of terms to look
 * up and RUM's best passages for them, in one statement (one snapshot, one round trip). The choice walks each
 * field's terms rarest first (ties in question order, as a stable sort leaves them) with a running total of the
 * passages kept, as `termsToLookUp` does: the rarest is kept, the next rarest when the budget allows, any other
 * when the budget allows and at most `commonTermShare` of the passages (or `cheapTermPassages`) hold it. The tsquery is written as
 * `toTsquery` writes it (words, then bigrams, rarest first; quotes and backslashes doubled), so that comparing
 * the texts tells whether both chose alike. RUM gets the tsquery as an InitPlan's value, which the planner cannot
 * see with or without the parameters: the generic plan PostgreSQL settles on after five executions is the plan it
 * picks each time (RUM's ordered index scan at 125k passages), and planning the statement is done with.
 * Parameters: the terms' fields ("char"[]: weight letters), the terms, commonTermShare, lookupBudget, pool size,
 * cheapTermPassages.
 */
export function retrievalStatement(tables: Tables): pg.QueryConfig {
  const text = `WITH RECURSIVE
    totals AS (
      SELECT max(value::bigint) FILTER (WHERE name = 'passages') AS passages,
             max(value::bigint) FILTER (WHERE name = 'words_length') AS words_length,
             max(value::bigint) FILTER (WHERE name = 'bigrams_length') AS bigrams_length
      FROM ${tables.meta} WHERE name IN ('passages', 'words_length', 'bigrams_length')),
    asked AS (
      SELECT q.field, q.term, q.i, t.passages AS n
      FROM unnest($1::"char"[], $2::text[]) WITH ORDINALITY AS q(field, term, i)
      JOIN ${tables.termCounts} t ON t.field = q.field AND t.term = q.term AND t.passages > 0),
    ranked AS (SELECT field, term, n, row_number() OVER (PARTITION BY field ORDER BY n, i) AS r FROM asked),
    walk (field, term, r, spent, kept) AS (
      SELECT field, term, r, n::bigint, true FROM ranked WHERE r = 1
      UNION ALL
      SELECT x.field, x.term, x.r, w.spent + CASE WHEN k.kept THEN x.n ELSE 0 END, k.kept
      FROM walk w JOIN ranked x ON x.field = w.field AND x.r = w.r + 1
      CROSS JOIN LATERAL (SELECT w.spent + x.n <= $4::bigint
        AND (x.r = 2 OR x.n <= greatest($3::float8 * (SELECT passages FROM totals), $6::float8)) AS kept) k),
    looked AS (
      SELECT string_agg(
               '''' || replace(replace(field::text || term, '\\', '\\\\'), '''', '''''') || ''':' || field::text,
               ' | ' ORDER BY field, r) AS query,
             array_agg(field::text || term) AS lexemes
      FROM walk WHERE kept),
    pool AS (
      SELECT ${poolColumns("(SELECT lexemes FROM looked)")}
      FROM (SELECT * FROM ${tables.passages} WHERE terms @@ (SELECT query::tsquery FROM looked)
            ORDER BY terms <=> (SELECT query::tsquery FROM looked) LIMIT $5::int) c
      JOIN ${tables.articles} a USING (file))
    SELECT (SELECT json_agg(json_build_array(field, term, n)) FROM asked) AS counts,
           (SELECT row_to_json(totals) FROM totals) AS totals,
           (SELECT query FROM looked) AS query,
           (SELECT json_agg(pool) FROM pool) AS passages`;
  // On each connection a prepared statement's name stands for one text: the name comes from the text.
  return { name: `citebot_retrieve_${createHash("sha256").update(text).digest("hex").slice(0, 16)}`, text };
}

/** What one retrieval statement found: the corpus's counts for the question, the query it ran, RUM's pool. */
interface RetrievalFound {
  corpus: CorpusCounts;
  /** The tsquery text it looked up ("" for none). */
  query: string;
  passages: PassageRow[];
}

/** The retrieval statement's parameters for a question's terms and a pool of `size` passages. */
export function retrievalValues(
  question: Record<Field, readonly string[]>,
  settings: Pick<SearchSettings, "commonTermShare" | "cheapTermPassages" | "lookupBudget">,
  size: number,
): unknown[] {
  const fields = FIELDS.flatMap((field) => question[field].map(() => WEIGHT[field]));
  const terms = FIELDS.flatMap((field) => question[field]);
  return [fields, terms, settings.commonTermShare, settings.lookupBudget, size, settings.cheapTermPassages];
}

/** Runs the retrieval statement for a question's terms. */
async function retrieval(
  pool: pg.Pool,
  statement: pg.QueryConfig,
  question: Record<Field, readonly string[]>,
  settings: Pick<SearchSettings, "commonTermShare" | "cheapTermPassages" | "lookupBudget">,
  size: number,
): Promise<RetrievalFound> {
  const result = await pool.query<RetrievalRow>({
    ...statement,
    values: retrievalValues(question, settings, size),
  });
  const row = result.rows[0];
  const frequency = new Map((row?.counts ?? []).map(([field, term, n]) => [`${field}${term}`, n]));
  const passages = Number(row?.totals?.passages ?? 0);
  const average = (total: number | null | undefined) => (passages > 0 ? Number(total ?? 0) / passages : 0);
  return {
    corpus: {
      passages,
      averageLength: {
        words: average(row?.totals?.words_length),
        bigrams: average(row?.totals?.bigrams_length),
      },
      passagesWith: (field, term) => frequency.get(`${WEIGHT[field]}${term}`) ?? 0,
    },
    query: row?.query ?? "",
    passages: row?.passages ?? [],
  };
}

/** RUM's best passages for a query the retrieval statement did not run (the LIMIT inside; the rest only for those). */
async function rumPool(
  pool: pg.Pool,
  tables: Tables,
  query: string,
  lookUp: Record<Field, readonly string[]>,
  size: number,
): Promise<PassageRow[]> {
  if (query === "") return [];
  const result = await pool.query<PassageRow>(
    `SELECT ${poolColumns("$3::text[]")}
     FROM (SELECT * FROM ${tables.passages} WHERE terms @@ $1::tsquery
           ORDER BY terms <=> $1::tsquery LIMIT $2) c
     JOIN ${tables.articles} a USING (file)`,
    [query, size, FIELDS.flatMap((field) => lookUp[field].map((term) => lexemeOf(field, term)))],
  );
  return result.rows;
}

function passageCounts(row: PassageRow) {
  const frequency = new Map(row.hits ?? []);
  return {
    length: { words: row.words_length, bigrams: row.bigrams_length },
    frequency: (field: Field, term: string) => frequency.get(lexemeOf(field, term)) ?? 0,
  };
}

function toCandidate(row: PassageRow, score: number): Candidate {
  const normal = normalize(row.text);
  return {
    id: Number(row.id),
    passage: {
      file: row.file,
      text: row.text,
      ...(normal === row.text ? {} : { normal }),
      at: [row.paragraph, row.start_at, row.end_at],
    },
    score,
  };
}
