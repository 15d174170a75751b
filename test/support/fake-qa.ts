/**
 * The one fake `Qa` the adapters' tests share: verbatim sentences from `seeds/` (and one made-up line full of
 * markup characters, to test escaping), found by a toy word match, with highlights and paging as `Qa`
 * promises. Enough to drive an adapter; the core's own tests judge retrieval on the real index.
 */

import { cleanQuestion } from "../../src/core/question/clean.ts";
import { safePrefix } from "../../src/core/text/truncate.ts";
import type { Answer, ArticleInfo, AskOptions, Highlight, Qa, Quote } from "../../src/core/types.ts";
import { MAX_QUESTION_LENGTH } from "../../src/core/types.ts";
import { fakeFeatures, fakeLocation } from "./fake-parts.ts";

/** Article metadata as the seed files give it. */
export const BBC: ArticleInfo = {
  file: "001_a3cf32f92385dae4.txt",
  title: "习近平拜登：再次“会谈”，中美之间的分歧减少了吗",
  publisher: "BBC中文",
  date: "2024-04-03",
  url: "https://www.bbc.com/zhongwen/simp/world-68723580",
  author: "陈岩",
};
export const RFI: ArticleInfo = {
  file: "002_206a002612bb7ab9.txt",
  title: "拜登习近平通话 在台湾和高技术出口问题上针锋相对",
  publisher: "RFI",
  date: "2024-04-02",
  url: "https://www.rfi.fr/cn/中国/20240402-拜登习近平通话-在台湾和高技术出口问题上针锋相对",
  author: null,
};
export const BUSAN: ArticleInfo = {
  file: "003_4ca2d0f49d5d1fb0.txt",
  title: "中美釜山會晤與「新G2」",
  publisher: null,
  date: "2025-10-31",
  url: null,
  author: "趙明昊",
};
export const EPOCH: ArticleInfo = {
  file: "000_6243659989082342.txt",
  title: "美国总统川普与中共党魁习近平通话",
  publisher: "大纪元",
  date: "2025-06-05",
  url: null,
  author: "林燕",
};
export const XINHUA: ArticleInfo = {
  file: "004_9a9258d2aa011657.txt",
  title: "习近平同美国总统特朗普在中南海小范围会晤",
  publisher: "新华社",
  date: null,
  url: null,
  author: null,
};

/** What the fake can be asked about: each word with its spellings (both scripts, English). */
export interface FakeCorpus {
  passages: ReadonlyArray<{ text: string; article: ArticleInfo; alsoReportedBy?: ArticleInfo[] }>;
  terms: ReadonlyArray<readonly string[]>;
  articles: readonly ArticleInfo[];
}

/** Verbatim sentences from `seeds/`, plus one made-up line full of markup characters to test escaping. */
export const SEED_CORPUS: FakeCorpus = {
  passages: [
    {
      text: "另一个沟通迹象是中美即将举行几次重要的外交会晤，包括4月3日美国财长耶伦将访华，国务卿布林肯也将在未来几周访华。",
      article: BBC,
    },
    {
      text: "比如即将访华的耶伦，不忘表示“中国产能过剩扭曲了全球价格和生产模式”。她强调了太阳能电池板、电动汽车和锂电池成为中国最新的扭曲全球贸易的产品。",
      article: BBC,
    },
    {
      text: "美国总统拜登与中国国家主席习近平周二通话，根据白宫的表述，通话的目的旨在“管控紧张关系”。",
      article: RFI,
      alsoReportedBy: [BBC],
    },
    {
      text: "在会谈后的新闻发布会上，白宫国家安全委员会发言人柯比提到，两人还谈到了TikTok。拜登向习近平重申，他对中国对这款火爆的视频共享应用的所有权感到担忧。",
      article: BBC,
    },
    {
      text: "當地時間10月30日，中國國家主席習近平在韓國釜山與美國總統特朗普舉行會晤，這場持續1小時40分鐘的高層溝通超出原定的時間安排，對外釋放了中美關係的積極信號。",
      article: BUSAN,
    },
    {
      text: "特朗普在返回美國的飛機上對記者表示，他認為會晤非常成功，並稱他將在明年4月訪華。",
      article: BUSAN,
    },
    {
      text: "【大纪元2025年06月05日讯】（大纪元记者林燕报导）周四（6月5日），美国总统川普（特朗普）与中共国家主席习近平通电话。",
      article: EPOCH,
    },
    { text: "5月15日上午，国家主席习近平在中南海同美国总统特朗普举行小范围会晤。", article: XINHUA },
    { text: "这是继去年11月旧金山拜习会之后的首次通话。", article: RFI },
    { text: '标普500指数<S&P 500>收涨1%，"科技股"领涨。', article: BBC },
  ],
  terms: [
    ["耶伦", "Yellen"],
    ["访华", "訪華"],
    ["习近平", "習近平"],
    ["釜山"],
    ["通话", "通电话"],
    ["布林肯"],
    ["旧金山"],
    ["S&P"],
  ],
  articles: [BUSAN, EPOCH, BBC, RFI, XINHUA],
};

/** Every occurrence of the given spellings in `text`, sorted. */
function find(text: string, spellings: readonly string[]): Highlight[] {
  const found: Highlight[] = [];
  for (const word of spellings) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
      found.push([at, at + word.length]);
    }
  }
  return found.sort((a, b) => a[0] - b[0]);
}

/**
 * A fake `Qa` over `corpus`: a passage matches a question that contains one of the spellings it contains, best
 * first by how many of the question's words it holds, then in corpus order. `boom` in a question makes it
 * throw, as a bug in the core would. `asked` records every question as the adapter passed it.
 */
export function createFakeQa(corpus: FakeCorpus = SEED_CORPUS): Qa & { asked: string[]; votes: unknown[] } {
  const asked: string[] = [];
  return {
    asked,
    async ask(raw: string, options: AskOptions = {}): Promise<Answer> {
      asked.push(raw);
      if (raw.includes("boom")) throw new Error("fake qa exploded");
      const trimmed = cleanQuestion(raw);
      const question = safePrefix(trimmed, MAX_QUESTION_LENGTH);
      const words = corpus.terms.filter((spellings) => spellings.some((s) => question.includes(s)));
      const quotes: Quote[] = corpus.passages
        .map((p, i) => ({
          hits: words.filter((spellings) => spellings.some((s) => p.text.includes(s))).length,
          quote: {
            text: p.text,
            highlights: find(p.text, words.flat()),
            score: 100 - i,
            article: p.article,
            alsoReportedBy: p.alsoReportedBy ?? [],
            ...fakeLocation(p.article, p.text, i),
          },
        }))
        .filter(({ hits }) => hits > 0)
        .sort((a, b) => b.hits - a.hits || b.quote.score - a.quote.score)
        .map(({ quote }) => quote);
      const { offset = 0, limit = 3 } = options;
      return {
        question,
        quotes: quotes.slice(offset, offset + limit),
        hasMore: offset + limit < quotes.length,
        truncated: trimmed.length > question.length,
        ...(quotes.length === 0 ? { abstained: "not-covered" as const } : {}),
      };
    },
    articles: async () => [...corpus.articles],
    ...fakeFeatures(() => [...corpus.articles]),
    close: async () => {},
  };
}
