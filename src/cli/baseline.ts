import MiniSearch from "minisearch";
import { readCorpus } from "../core/corpus/read-corpus.ts";
import { bigrams } from "../core/language/bigrams.ts";

/** One baseline answer: the top passages' file and text. */
export interface BaselineHit {
  file: string;
  text: string;
}

/**
 * The character-bigram MiniSearch of `../shared/eval/README.md` (Lucene CJK style): paragraphs cut into
 * 300-character windows, overlapping bigrams of Han runs and whole Latin words, no other analysis. Built in the
 * same process as citebot, so that `eval --baseline` times both on the same machine in the same run.
 */
export async function createBigramBaseline(corpusDir: string) {
  const { articles } = await readCorpus(corpusDir, new Map());
  const passages: BaselineHit[] = articles.flatMap((article) =>
    article.paragraphs.flatMap((paragraph) =>
      Array.from({ length: Math.ceil(paragraph.length / 300) }, (_, i) => ({
        file: article.file,
        text: paragraph.slice(i * 300, (i + 1) * 300),
      })),
    ),
  );
  const tokenize = (text: string) => bigrams(text.toLowerCase());
  const search = new MiniSearch<BaselineHit & { id: number }>({ fields: ["text"], tokenize });
  search.addAll(passages.map((p, id) => ({ ...p, id })));
  return {
    ask(question: string, limit: number): BaselineHit[] {
      return search
        .search(question)
        .slice(0, limit)
        .flatMap((result) => passages[result.id] ?? []);
    },
  };
}
