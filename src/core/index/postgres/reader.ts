import type pg from "pg";
import { normalize } from "../../text/normalize.ts";
import type { ArticleInfo } from "../../types.ts";
import type { IndexKey } from "../cache.ts";
import { termsToLookUp } from "../lookup.ts";
import { type Candidate, FIELDS, type Field, inverseDocumentFrequency, type SearchIndex } from "../port.ts";
import { bm25Score, type CorpusCounts } from "./bm25.ts";
import type { Tables } from "./schema.ts";
import { lexemeOf, MARK_WEIGHT, toTsquery, WEIGHT } from "./terms.ts";

/**
 * RUM's best passages are scored again with MiniSearch's BM25, this many times as many as asked for: on a corpus
 * where a question matches fewer passages than that, the candidates are exactly MiniSearch's; on a larger one,
 * RUM's order decides which passages are scored at all.
 */
const POOL_FACTOR = 4;

interface PassageRow {
  id: string;
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

/** The reading side of the port: two round trips per question (term counts, then RUM's best passages). */
export function postgresReader(pool: pg.Pool, tables: Tables, key: IndexKey): Omit<SearchIndex, "close"> {
  return {
    engine: "postgres",
    async retrieve(question, limit, accept) {
      const corpus = await corpusCounts(pool, tables, question);
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
      const pooled = query === "" ? [] : await rumPool(pool, tables, query, lookUp, limit * POOL_FACTOR);
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
      const result = await pool.query<{ kind: string; term: string }>(
        `SELECT '#' AS kind, ${versionOf(tables)} AS term
         UNION ALL SELECT '', term FROM ${tables.termCounts} WHERE field = $1 AND passages > 0`,
        [WEIGHT.words],
      );
      const version = result.rows.find((row) => row.kind === "#")?.term ?? "";
      return { version, words: result.rows.flatMap((row) => (row.kind === "#" ? [] : [row.term])) };
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
  };
}

/** The vocabulary's version: the count of writes that changed terms (see `addTotals`). */
function versionOf(tables: Tables): string {
  return `(SELECT value FROM ${tables.meta} WHERE name = 'generation')`;
}

/** The corpus's totals and how many passages hold each of the question's terms, in one round trip. */
async function corpusCounts(
  pool: pg.Pool,
  tables: Tables,
  question: Record<Field, readonly string[]>,
): Promise<CorpusCounts> {
  const fields = FIELDS.flatMap((field) => question[field].map(() => WEIGHT[field]));
  const terms = FIELDS.flatMap((field) => question[field]);
  const result = await pool.query<{ field: string; term: string; n: string }>(
    `SELECT t.field::text AS field, t.term, t.passages::text AS n
     FROM unnest($1::"char"[], $2::text[]) AS q(field, term)
     JOIN ${tables.termCounts} t ON t.field = q.field AND t.term = q.term
     UNION ALL SELECT '#', name, value FROM ${tables.meta}
     WHERE name IN ('passages', 'words_length', 'bigrams_length')`,
    [fields, terms],
  );
  const frequency = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const row of result.rows) {
    if (row.field === "#") totals.set(row.term, Number(row.n));
    else frequency.set(`${row.field}${row.term}`, Number(row.n));
  }
  const passages = totals.get("passages") ?? 0;
  const average = (name: string) => (passages > 0 ? (totals.get(name) ?? 0) / passages : 0);
  return {
    passages,
    averageLength: { words: average("words_length"), bigrams: average("bigrams_length") },
    passagesWith: (field, term) => frequency.get(`${WEIGHT[field]}${term}`) ?? 0,
  };
}

/**
 * The passages RUM ranks best for a query, from its index (the LIMIT inside; the rest only for those), each with
 * how often it holds each looked-up lexeme. For those counts the looked-up lexemes are marked with `MARK_WEIGHT`
 * (`setweight` with a list: a binary search each) and only the marked ones kept (`ts_filter`) before unnesting:
 * unnesting all ~240 lexemes of each passage and filtering them was most of the statement's time at 125k passages.
 */
async function rumPool(
  pool: pg.Pool,
  tables: Tables,
  query: string,
  lookUp: Record<Field, readonly string[]>,
  size: number,
): Promise<PassageRow[]> {
  const result = await pool.query<PassageRow>(
    `SELECT c.id, c.file, c.paragraph, c.start_at, c.end_at, c.text, c.words_length, c.bigrams_length, a.info,
       (SELECT json_agg(json_build_array(u.lexeme, cardinality(u.positions)))
        FROM unnest(ts_filter(setweight(c.terms, '${MARK_WEIGHT}', $3::text[]), '{${MARK_WEIGHT}}')) u) AS hits
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
