/**
 * A small stand-in for the retrieval core: real sentences from the seed articles, found by keywords, with
 * highlights and paging as `Qa` promises. Enough to drive the adapter; the core's own tests judge retrieval.
 */
import type { Answer, ArticleInfo, AskOptions, Highlight, Qa, Quote } from "../../../src/core/types.ts";
import { MAX_QUESTION_LENGTH } from "../../../src/core/types.ts";
import { fakeFeatures, fakeLocation } from "../../support/fake-parts.ts";

export const bbc: ArticleInfo = {
  file: "001_a3cf32f92385dae4.txt",
  title: "习近平拜登：再次“会谈”，中美之间的分歧减少了吗",
  publisher: "BBC中文",
  date: "2024-04-03",
  url: "https://www.bbc.com/zhongwen/simp/world-68723580",
  author: "陈岩",
};

export const rfi: ArticleInfo = {
  file: "002_206a002612bb7ab9.txt",
  title: "拜登习近平通话 在台湾和高技术出口问题上针锋相对",
  publisher: "RFI",
  date: "2024-04-02",
  url: "https://www.rfi.fr/cn/%E4%B8%AD%E5%9B%BD/20240402-%E6%8B%9C%E7%99%BB%E4%B9%A0%E8%BF%91%E5%B9%B3%E9%80%9A%E8%AF%9D-%E5%9C%A8%E5%8F%B0%E6%B9%BE%E5%92%8C%E9%AB%98%E6%8A%80%E6%9C%AF%E5%87%BA%E5%8F%A3%E9%97%AE%E9%A2%98%E4%B8%8A%E9%92%88%E9%94%8B%E7%9B%B8%E5%AF%B9",
  author: null,
};

export const xinhua: ArticleInfo = {
  file: "004_9a9258d2aa011657.txt",
  title: "习近平同美国总统特朗普在中南海小范围会晤",
  publisher: "新华社",
  date: null,
  url: null,
  author: null,
};

interface Entry {
  text: string;
  keywords: string[];
  article: ArticleInfo;
  alsoReportedBy: ArticleInfo[];
}

const entries: Entry[] = [
  {
    text: "另一个沟通迹象是中美即将举行几次重要的外交会晤，包括4月3日美国财长耶伦将访华，国务卿布林肯也将在未来几周访华。",
    keywords: ["耶伦", "访华", "布林肯", "Yellen"],
    article: bbc,
    alsoReportedBy: [rfi],
  },
  {
    text: "这次会晤是继去年10月釜山之后，两国元首再次面对面会晤，也是美国总统时隔9年再次访华，延续和巩固了两国元首之间的良好互动势头。",
    keywords: ["釜山", "访华", "会晤"],
    article: xinhua,
    alsoReportedBy: [],
  },
  {
    text: "这是继去年11月旧金山拜习会之后的首次通话。",
    keywords: ["通话", "拜登", "旧金山"],
    article: rfi,
    alsoReportedBy: [],
  },
];

function highlightsOf(text: string, words: readonly string[]): Highlight[] {
  const ranges: Highlight[] = [];
  for (const word of words) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
      ranges.push([at, at + word.length]);
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** A fake `Qa` over three real quotes. A question containing "boom" throws, to exercise error handling. */
export function createFakeQa(): Qa & { questions: string[] } {
  const questions: string[] = [];
  return {
    questions,
    async ask(raw: string, options: AskOptions = {}): Promise<Answer> {
      questions.push(raw);
      if (raw.includes("boom")) throw new Error("fake qa exploded");
      const question = raw.trim().slice(0, MAX_QUESTION_LENGTH);
      const { limit = 3, offset = 0 } = options;
      const ranked = entries
        .map((entry) => ({ entry, hits: entry.keywords.filter((word) => question.includes(word)) }))
        .filter(({ hits }) => hits.length > 0)
        .sort((a, b) => b.hits.length - a.hits.length);
      const quotes: Quote[] = ranked.slice(offset, offset + limit).map(({ entry, hits }) => ({
        text: entry.text,
        highlights: highlightsOf(entry.text, hits),
        score: hits.length,
        article: entry.article,
        alsoReportedBy: entry.alsoReportedBy,
        ...fakeLocation(entry.article, entry.text),
      }));
      return {
        question,
        quotes,
        hasMore: ranked.length > offset + limit,
        truncated: raw.trim().length > question.length,
      };
    },
    articles: async () => [bbc, rfi, xinhua],
    ...fakeFeatures(() => [bbc, rfi, xinhua]),
    close: async () => {},
  } satisfies Qa & { questions: string[] };
}
