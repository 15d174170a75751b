import type pg from "pg";
import type { Analyzer } from "../../question/analyse.ts";
import type { SearchSettings } from "../../settings.ts";
import type { Article } from "../../types.ts";
import { analysedPassages } from "../analysed-passages.ts";
import { FIELDS, type FileVersion } from "../port.ts";
import type { SyncTarget } from "../sync.ts";
import { type Tables, transaction } from "./schema.ts";
import { lexemeOf, toTsvector } from "./terms.ts";

/**
 * Keeps the PostgreSQL index in step with the articles: each article added, changed or removed is one
 * transaction (its passages, their terms and the term counts together), so replicas reading the same database
 * see an article either whole or not at all.
 */
export function postgresWriter(
  pool: pg.Pool,
  tables: Tables,
  schema: string,
  analysis: { analyzer: Analyzer; settings: SearchSettings },
): SyncTarget {
  return {
    async files() {
      const result = await pool.query<{ file: string; hash: string; stamp: string }>(
        `SELECT file, hash, stamp FROM ${tables.articles}`,
      );
      return new Map(result.rows.map((row): [string, FileVersion] => [row.file, row]));
    },
    async add(article, version) {
      // Analysis (jieba) runs before the transaction, so that the lock is held only while writing.
      const rows = passageRows(article, analysis);
      await transaction(pool, schema, async (client) => {
        await removeArticle(client, tables, article.file);
        const { paragraphs, ...info } = article;
        await client.query(`INSERT INTO ${tables.articles} VALUES ($1, $2, $3, $4)`, [
          article.file,
          info,
          version.hash,
          version.stamp,
        ]);
        await client.query(
          `INSERT INTO ${tables.passages}
             (file, paragraph, start_at, end_at, text, terms, words_length, bigrams_length)
           SELECT $1, * FROM unnest($2::int[], $3::int[], $4::int[], $5::text[], $6::tsvector[], $7::int[], $8::int[])`,
          [
            article.file,
            rows.paragraph,
            rows.start,
            rows.end,
            rows.text,
            rows.terms,
            rows.words,
            rows.bigrams,
          ],
        );
        await client.query(
          `INSERT INTO ${tables.termCounts} AS t (field, term, passages)
           SELECT * FROM unnest($1::"char"[], $2::text[], $3::int[])
           ON CONFLICT (field, term) DO UPDATE SET passages = t.passages + excluded.passages`,
          [rows.counts.field, rows.counts.term, rows.counts.passages],
        );
        await addTotals(client, tables, {
          passages: rows.text.length,
          words_length: sum(rows.words),
          bigrams_length: sum(rows.bigrams),
        });
      });
    },
    async restamp(file, stamp) {
      await pool.query(`UPDATE ${tables.articles} SET stamp = $2 WHERE file = $1`, [file, stamp]);
    },
    async remove(file) {
      await transaction(pool, schema, (client) => removeArticle(client, tables, file));
    },
  };
}

/** An article's passages as column arrays, and how many of them hold each term, per field. */
function passageRows(article: Article, analysis: { analyzer: Analyzer; settings: SearchSettings }) {
  const rows = {
    paragraph: [] as number[],
    start: [] as number[],
    end: [] as number[],
    text: [] as string[],
    words: [] as number[],
    bigrams: [] as number[],
  };
  const terms: string[] = [];
  const counts = new Map<string, number>();
  for (const passage of analysedPassages(article, analysis.analyzer, analysis.settings)) {
    rows.paragraph.push(passage.at[0]);
    rows.start.push(passage.at[1]);
    rows.end.push(passage.at[2]);
    rows.text.push(passage.text);
    terms.push(toTsvector(passage.terms));
    // Field lengths as MiniSearch counts them: distinct terms.
    rows.words.push(new Set(passage.terms.words).size);
    rows.bigrams.push(new Set(passage.terms.bigrams).size);
    for (const field of FIELDS) {
      for (const term of new Set(passage.terms[field])) {
        const key = lexemeOf(field, term);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  // Sorted, so that concurrent writers (were the lock ever bypassed) would update counts in one order.
  const keys = [...counts.keys()].sort();
  return {
    ...rows,
    terms,
    counts: {
      field: keys.map((key) => key.charAt(0)),
      term: keys.map((key) => key.slice(1)),
      passages: keys.map((key) => counts.get(key) ?? 0),
    },
  };
}

/** Removes an article, its passages and their share of the term counts; nothing if it is not indexed. */
async function removeArticle(client: pg.PoolClient, tables: Tables, file: string): Promise<void> {
  const counted = await client.query(
    `WITH held AS (
       SELECT DISTINCT p.id, left(u.lexeme, 1)::"char" AS field, substr(u.lexeme, 2) AS term
       FROM ${tables.passages} p, unnest(p.terms) u
       WHERE p.file = $1),
     gone AS (SELECT field, term, count(*)::int AS n FROM held GROUP BY field, term)
     UPDATE ${tables.termCounts} t SET passages = t.passages - gone.n
     FROM gone WHERE t.field = gone.field AND t.term = gone.term`,
    [file],
  );
  if (counted.rowCount === 0) {
    await client.query(`DELETE FROM ${tables.articles} WHERE file = $1`, [file]);
    return;
  }
  await client.query(`DELETE FROM ${tables.termCounts} WHERE passages <= 0`);
  const deleted = await client.query<{ passages: number; words: string; bigrams: string }>(
    `WITH gone AS (DELETE FROM ${tables.passages} WHERE file = $1 RETURNING words_length, bigrams_length)
     SELECT count(*)::int AS passages, sum(words_length) AS words, sum(bigrams_length) AS bigrams FROM gone`,
    [file],
  );
  await client.query(`DELETE FROM ${tables.articles} WHERE file = $1`, [file]);
  const gone = deleted.rows[0];
  await addTotals(client, tables, {
    passages: -(gone?.passages ?? 0),
    words_length: -Number(gone?.words ?? 0),
    bigrams_length: -Number(gone?.bigrams ?? 0),
  });
}

/**
 * Adds to the totals in `meta`: passages, and the field lengths BM25 averages; and counts the write in
 * `generation`, which every transaction that changes terms goes through here.
 */
async function addTotals(
  client: pg.PoolClient,
  tables: Tables,
  deltas: Record<string, number>,
): Promise<void> {
  const all = { ...deltas, generation: 1 };
  await client.query(
    `UPDATE ${tables.meta} m SET value = (m.value::bigint + d.delta)::text
     FROM unnest($1::text[], $2::bigint[]) AS d(name, delta) WHERE m.name = d.name`,
    [Object.keys(all), Object.values(all)],
  );
}

const sum = (values: readonly number[]) => values.reduce((total, n) => total + n, 0);
