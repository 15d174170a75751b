import type { Logger } from "../logger.ts";
import { type QuestionTerms, withTransliterations } from "../text/analyze.ts";
import type { NameCharacters } from "../text/cedict.ts";
import { createNameMatcher, type NameMatcher } from "../text/transliterate.ts";
import type { SearchIndex } from "./port.ts";

/** Gives a question the corpus's transliterations of its English names (see `withTransliterations`). */
export interface Transliterator {
  (question: QuestionTerms): Promise<QuestionTerms>;
  /**
   * Builds the matcher now rather than for the first question with a name, which would otherwise wait for it
   * (building blocks the event loop: 70 ms at a few thousand passages). Never rejects; a failure is logged.
   */
  prepare(): Promise<void>;
}

/**
 * A transliterator over an index's words. The matcher is built from the whole vocabulary, so it is kept until
 * the index's words change (`wordsVersion`), not built per question; a question without names costs nothing,
 * one with names a version check (in process, or one small query to PostgreSQL). Only the first question waits
 * for a build: when the words change, the question that notices is answered with the matcher it has while a
 * new one is built (re-indexing changes them at every article, and reading a large vocabulary out of
 * PostgreSQL takes longer than answering).
 */
export function createTransliterator(
  index: SearchIndex,
  names: NameCharacters,
  logger: Logger,
): Transliterator {
  let current: { version: string; matcher: NameMatcher } | undefined;
  let building: Promise<{ version: string; matcher: NameMatcher }> | undefined;

  const build = async () => {
    const start = performance.now();
    const { version, words } = await index.words();
    const matcher = createNameMatcher(names, words);
    const ms = Math.round(performance.now() - start);
    logger.debug({ version, candidates: matcher.candidates, ms }, "transliterations of names rebuilt");
    return { version, matcher };
  };

  const matcherFor = async (version: string): Promise<NameMatcher> => {
    if (current?.version === version) return current.matcher;
    // One build at a time; questions arriving meanwhile share it.
    building ??= build()
      .then((built) => {
        current = built;
        return built;
      })
      .catch((error: unknown) => {
        // Logged once per build, not once per question that shared it.
        logger.warn({ error: String(error) }, "could not rebuild the transliterations of names");
        throw error;
      })
      .finally(() => {
        building = undefined;
      });
    if (current) {
      building.catch(() => {}); // answered with the matcher there is; the failure is logged above
      return current.matcher;
    }
    return (await building).matcher;
  };

  const transliterate = async (question: QuestionTerms) => {
    if (question.names.length === 0) return question;
    const matcher = await matcherFor(await index.wordsVersion());
    return withTransliterations(question, (name) => matcher.match(name, question.pinyinNames.includes(name)));
  };
  const prepare = async () => {
    const version = await index.wordsVersion().catch((error: unknown) => {
      logger.warn({ error: String(error) }, "could not prepare the transliterations of names");
      return undefined;
    });
    // A failed build is logged by `matcherFor`; the next question with a name tries again.
    if (version !== undefined) await matcherFor(version).catch(() => {});
  };
  return Object.assign(transliterate, { prepare });
}
