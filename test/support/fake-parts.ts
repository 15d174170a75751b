import { encodeRef } from "../../src/core/context.ts";
import type { Vote } from "../../src/core/feedback/store.ts";
import type {
  ArticleInfo,
  Comparison,
  Qa,
  QuoteContext,
  QuoteLocation,
  Timeline,
  VoteOutcome,
  VoteRequest,
} from "../../src/core/types.ts";

/** `at` and `ref` for a fake quote: paragraph `paragraph` of the article, from its start. */
export function fakeLocation(
  article: ArticleInfo,
  text: string,
  paragraph = 0,
): { at: QuoteLocation; ref: string } {
  const at = { file: article.file, paragraph, start: 0, end: text.length };
  return { at, ref: encodeRef(at, text) };
}

/**
 * The parts of `Qa` beyond `ask` for a fake that does not exercise them: no comparison, no timeline, no
 * context; votes are kept in `votes`, each said to be recorded.
 */
export function fakeFeatures(articles: () => ArticleInfo[]) {
  const votes: VoteRequest[] = [];
  return {
    votes,
    compare: async (question: string): Promise<Comparison> => ({ question, sides: [], truncated: false }),
    timeline: async (): Promise<Timeline> => ({ events: [], total: 0, hasMore: false }),
    context: async (): Promise<QuoteContext | undefined> => undefined,
    vote: async (vote: VoteRequest): Promise<VoteOutcome> => {
      votes.push(vote);
      return "recorded";
    },
    publishers: async () => [...new Set(articles().flatMap((a) => a.publisher ?? []))].sort(),
  } satisfies Omit<Qa, "ask" | "articles" | "close"> & { votes: VoteRequest[] };
}

/** A 👎 from one Telegram user on a seed answer; `extra` changes any part of it. */
export const fakeVote = (extra: Partial<Vote> = {}): Vote => ({
  platform: "telegram",
  userId: "4242",
  vote: "down",
  question: "耶伦哪天访华？",
  quotes: [{ file: "001_a3cf32f92385dae4.txt", paragraph: 3, start: 0, end: 57 }],
  ...extra,
});
