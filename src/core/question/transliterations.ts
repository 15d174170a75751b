import type { SearchIndex } from "../index/port.ts";
import { bigrams } from "../language/bigrams.ts";
import type { NameCharacters } from "../language/cedict.ts";
import { createNameMatcher, type NameMatcher } from "../language/transliterate.ts";
import type { Logger } from "../logger.ts";
import { NO_TERMS, type QuestionTerms } from "./analyse.ts";

/** Gives a question the corpus's transliterations of its English names (see `withTransliterations`). */
export interface Transliterator {
  (question: QuestionTerms): Promise<QuestionTerms>;
  /**
   * Builds the matcher now rather than for the first question with a name, which would otherwise wait for it
   * (building blocks the event loop: 70 ms at a few thousand passages). Never rejects; a failure is logged.
   */
  prepare(): Promise<void>;
  /** The corpus's words that write a name with one character otherwise (赛斯纳 → 塞斯纳; `NameMatcher.oneApart`). */
  variants(name: string): Promise<string[]>;
}

/** Passages read to tell whether the corpus writes a join of two words. */
const PASSAGES_CHECKED = 5;

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
  maxSoundDistance?: number,
): Transliterator {
  let current: { version: string; matcher: NameMatcher } | undefined;
  let building: Promise<{ version: string; matcher: NameMatcher }> | undefined;

  const build = async () => {
    const start = performance.now();
    const { version, words, bigrams } = await index.words();
    const matcher = createNameMatcher(names, words, maxSoundDistance, bigrams);
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

  // Whether a passage writes a join of two words (`NameMatcher.joins`): one of those holding its bigrams best.
  const written = async (join: string) => {
    const query = { ...NO_TERMS, bigrams: bigrams(join) };
    const { candidates } = await index.retrieve(query, PASSAGES_CHECKED);
    return candidates.some(({ passage }) => (passage.normal ?? passage.text).includes(join));
  };
  const transliterate = async (question: QuestionTerms) => {
    if (question.names.length === 0) return question;
    const matcher = await matcherFor(await index.wordsVersion());
    const found = new Map<string, string[]>();
    for (const name of question.names) {
      const inPinyin = question.pinyinNames.includes(name);
      let words = matcher.match(name, inPinyin);
      // A name no word of the corpus writes may be two of them side by side, where jieba cut it: the closest
      // join a passage writes.
      if (words.length === 0 && !inPinyin)
        for (const join of matcher.joins(name))
          if (await written(join)) {
            words = [join];
            break;
          }
      found.set(name, words);
    }
    return withTransliterations(
      question,
      (name) => found.get(name) ?? [],
      (word) => matcher.cut(word),
    );
  };
  const prepare = async () => {
    const version = await index.wordsVersion().catch((error: unknown) => {
      logger.warn({ error: String(error) }, "could not prepare the transliterations of names");
      return undefined;
    });
    // A failed build is logged by `matcherFor`; the next question with a name tries again.
    if (version !== undefined) await matcherFor(version).catch(() => {});
  };
  const variants = async (name: string) => (await matcherFor(await index.wordsVersion())).oneApart(name);
  return Object.assign(transliterate, { prepare, variants });
}

/**
 * The question with each of its names (`names`) as a group of alternatives: the name as it is (an article may
 * write it so) and the corpus words `transliterate` finds for it, in place of what a stem of it translated to.
 * Names it finds nothing for stay as they were.
 */
export function withTransliterations(
  question: QuestionTerms,
  transliterate: (name: string) => readonly string[],
  cut: (word: string) => boolean = () => false,
): QuestionTerms {
  if (question.names.length === 0) return question;
  const words = [...question.words];
  const forms = question.forms.map((f) => [...f]);
  const specificity = [...question.specificity];
  const alternatives = question.alternatives.map((g) => [...g]);
  const joined: string[] = [];
  const cutBigrams: string[] = [];
  for (const name of question.names) {
    let at = words.indexOf(name);
    // A transliterated name jieba cut up (see `unknownNames`) is one only where the corpus writes it otherwise,
    // and only once: not one within another found already.
    if (at === -1 && joined.some((other) => other.includes(name) || name.includes(other))) continue;
    const found = transliterate(name).filter((w) => !words.includes(w));
    if (found.length === 0) continue;
    // Its pieces (卢比 and 欧 of 卢比欧) are alternatives of it: not terms of their own, which the corpus may lack,
    // nor lost, since the match may be wrong (英国国会 is not 韩国国会).
    const pieces: number[] = [];
    if (at === -1) {
      for (const [i, word] of words.entries())
        if (name.includes(word) && !alternatives.some((g) => g.includes(i))) pieces.push(i);
      at = words.length;
      words.push(name);
      forms.push([name]);
      specificity.push(0); // read for English questions only
      joined.push(name);
    }
    // The name heads the group of its stem's translations, if it has one (see `translateEnglish`).
    const stemmed = alternatives.findIndex((g) => g[0] === at);
    if (stemmed === -1 && alternatives.some((g) => g.includes(at))) continue;
    const group = [at, ...pieces];
    for (const word of found) {
      // A transliteration the index holds only in pieces is looked up by its bigrams (see `idfWithin`).
      if (cut(word)) cutBigrams.push(...bigrams(word));
      group.push(words.length);
      words.push(word);
      forms.push([word]);
      // A transliteration stands for the name: it says as much as the name (a Latin word: the rarest).
      specificity.push(specificity[at] ?? 0);
    }
    if (stemmed === -1) alternatives.push(group);
    else alternatives[stemmed] = group;
  }
  // The stem's translations a name's group replaced are no terms of the question any more.
  const dropped = new Set(
    question.alternatives.flat().filter((i) => !alternatives.some((g) => g.includes(i))),
  );
  const kept = words.map((_, i) => i).filter((i) => !dropped.has(i));
  const position = new Map(kept.map((old, now) => [old, now]));
  const keptForms = kept.map((i) => forms[i] ?? []);
  return {
    ...question,
    words: kept.map((i) => words[i] ?? ""),
    bigrams: [...new Set([...question.bigrams, ...cutBigrams])],
    forms: keptForms,
    specificity: kept.map((i) => specificity[i] ?? 0),
    alternatives: alternatives.map((g) => g.map((i) => position.get(i) ?? -1)),
    highlights: keptForms.flat().filter((w) => w.length > 1),
  };
}
