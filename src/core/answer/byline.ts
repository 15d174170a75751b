import { sentenceSpans } from "../corpus/sentences.ts";
import type { Retrieval, SearchIndex } from "../index/port.ts";
import { normalize } from "../language/normalize.ts";
import type { Analyzer } from "../question/analyse.ts";
import type { AnswerType } from "../question/answer-type.ts";
import type { ArticleInfo } from "../types.ts";
import type { Ranked } from "./rank.ts";

/** Words a byline or dateline puts beside the author's or outlet's name: 本文作者是…, 陈岩 BBC中文记者, …讯, …电. */
const BYLINE = /作者|记者|撰稿|撰文|执笔|编辑|报导|报道|特约|讯|电/u;

/** What the article's metadata says for a question about the article itself, in the forms its text may write. */
function metadataForms(type: AnswerType, article: ArticleInfo): string[] {
  if (type === "author") return article.author ? [normalize(article.author)] : [];
  if (type === "outlet") return article.publisher ? [normalize(article.publisher)] : [];
  if (type !== "published" || !article.date) return [];
  const [year, month, day] = article.date.split("-");
  const m = String(Number(month));
  const d = String(Number(day));
  return [article.date, `${year}年${month}月${day}日`, `${year}年${m}月${d}日`];
}

/**
 * For a question about the article itself (who wrote it, which outlet, when it came out): the sentence of the
 * best-ranked article that states it, its byline (本文作者是…, 陈岩 BBC中文记者), found by the metadata value
 * beside a byline word, as a ranked passage whose window is that sentence; undefined when the article has no
 * such sentence (its quote then answers with the article's metadata, which every quote carries).
 */
export async function bylineOf(
  type: AnswerType,
  best: Ranked,
  found: Retrieval,
  index: SearchIndex,
  analyzer: Analyzer,
): Promise<Ranked | undefined> {
  const file = best.candidate.passage.file;
  const article = found.article(file);
  const forms = article ? metadataForms(type, article) : [];
  if (forms.length === 0) return undefined;
  // The article's passages holding the value: its words as the question, only this article searched.
  const own = await index.retrieve(analyzer.question(forms.join(" ")), 15, (f) => f === file);
  for (const candidate of own.candidates) {
    const normal = candidate.passage.normal ?? candidate.passage.text;
    for (const [start, end] of sentenceSpans(normal)) {
      const sentence = normal.slice(start, end);
      if (forms.some((form) => sentence.includes(form)) && BYLINE.test(sentence)) {
        const window = { start, end, coverage: 1, kindMatch: true };
        return { ...best, candidate, window, confidence: Math.max(best.confidence, 1) };
      }
    }
  }
  return undefined;
}
