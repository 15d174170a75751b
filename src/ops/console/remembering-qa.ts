import { hashUser } from "../../core/feedback/store.ts";
import type { Answer, Qa, Quote } from "../../core/types.ts";
import type { ConsoleStore, LoggedQuote, Outcome, VotedQuote } from "../../store/types.ts";
import type { PinBook } from "./pin-book.ts";

/** What `rememberingQa` needs. */
export interface RememberOptions {
  store: ConsoleStore;
  /** Where the questions come from: `telegram`, `discord`, `console`. */
  platform: string;
  /** `QUESTION_LOG`: false leaves questions unlogged (votes and pins still work). */
  logQuestions: boolean;
  pins: PinBook;
  /** The salt user ids are hashed with. */
  salt: string;
  now?: () => Date;
}

/** How many recent quotes are kept to tell what a vote's refs showed. */
const RECENT_QUOTES = 2000;

/**
 * `qa` as one platform sees it, remembered for the operator's console, as `measure` in ../metrics.ts counts it:
 * a question close enough to a pin gets the pinned quote first (marked `pinned`); every first answer is logged
 * with its quotes and time; votes go to the store too (the core keeps its own file). Logging is queued: the
 * answer returns before anything is written, and a store that fails costs a warning, never the answer.
 */
export function rememberingQa(qa: Qa, options: RememberOptions): Qa {
  const { store, platform, pins } = options;
  const now = options.now ?? (() => new Date());
  const recent = new Map<string, VotedQuote>();
  const remember = (quotes: readonly Quote[]) => {
    for (const q of quotes) {
      recent.delete(q.ref);
      recent.set(q.ref, { file: q.article.file, paragraph: q.at.paragraph, text: q.text, ref: q.ref });
    }
    for (const ref of recent.keys()) {
      if (recent.size <= RECENT_QUOTES) break;
      recent.delete(ref);
    }
  };
  return {
    ...qa,
    async ask(question, askOptions = {}) {
      const first = !askOptions.offset;
      const started = performance.now();
      let answer = await qa.ask(question, askOptions);
      let pinId: number | undefined;
      if (first && !answer.filterProblem) {
        const matched = await pins.match(question).catch(() => undefined);
        if (matched) {
          answer = withPin(answer, matched.pin.quote, askOptions.limit ?? 3);
          pinId = matched.pin.id;
          store.countPinUse(pinId, now().toISOString());
        }
      }
      remember(answer.quotes);
      if (first && options.logQuestions)
        store.logQuestion({
          time: now().toISOString(),
          platform,
          question,
          outcome: outcomeOf(answer),
          quotes: answer.quotes.map(logged),
          ms: Math.round((performance.now() - started) * 10) / 10,
          pinId: pinId ?? null,
        });
      return answer;
    },
    async vote(request) {
      const outcome = await qa.vote(request);
      if (outcome === "failed") return outcome;
      store.recordVote({
        time: now().toISOString(),
        platform: request.platform,
        user: hashUser(options.salt, request.platform, request.userId),
        vote: request.vote,
        question: request.question,
        quotes: request.refs.map((ref) => recent.get(ref) ?? { file: "", ref }),
      });
      return outcome;
    },
  };
}

/**
 * How the question log files an answer, from what the core decided: a filter that could not be applied, an
 * abstention (`Answer.abstained`), or answered, which a filter-only question's list of articles is too (it holds
 * no quotes, but it is not a gap to fill).
 */
function outcomeOf(answer: Answer): Outcome {
  if (answer.filterProblem) return "filter";
  return answer.abstained ? "abstained" : "answered";
}

/**
 * The answer with the pinned quote first, marked, and the ranked quotes after it (without a repeat of it). A pin
 * answers a question the ranking abstained on (that is what most pins are for): the answer is then no abstention,
 * so no door says "not found" over the pinned quote.
 */
function withPin(answer: Answer, pinned: Quote, limit: number): Answer {
  const { abstained: _, missingNames: __, ...rest } = answer;
  const ranked = answer.quotes.filter((q) => q.ref !== pinned.ref);
  return { ...rest, quotes: [{ ...pinned, pinned: true }, ...ranked].slice(0, limit) };
}

function logged(q: Quote): LoggedQuote {
  return {
    text: q.text,
    score: Math.round(q.score * 1000) / 1000,
    file: q.article.file,
    title: q.article.title,
    publisher: q.article.publisher,
    ref: q.ref,
    ...(q.pinned ? { pinned: true } : {}),
  };
}
