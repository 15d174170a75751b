import { bigrams } from "../language/bigrams.ts";
import { tag } from "../language/segment.ts";
import { SEARCH_DEFAULTS } from "../settings.ts";

/** What two quotes must agree on to be folded into one as "also reported by". */
export interface EventFacts {
  /** The article's ISO date; null when unknown. */
  date: string | null;
  /** Character bigrams of the normalised quote. */
  grams: Set<string>;
  /** People named (jieba `nr`), in their canonical spelling (川普 → 特朗普); tagged at the first call only. */
  people: () => ReadonlySet<string>;
  /** Digit runs: days, years, counts, amounts. */
  numbers: Set<string>;
}

/** Share of the shorter quote's bigrams found in the other: below this, two quotes are not the same wording. */
export const SAME_WORDING = 0.5;

const DAY_MS = 86_400_000;

/**
 * The facts of a quote (`normal` is its normalised text); `canonical` maps a name to its canonical spelling.
 * `named` holds the people already tagged in quotes of the same question, by normalised text: reprints of one
 * wire story in several articles are tagged once (at 125k passages, where the bench's corpus repeats every
 * article, tagging the same sentence again and again was a quarter of a question's time).
 */
export function eventFacts(
  normal: string,
  date: string | null,
  canonical: (word: string) => string = (word) => word,
  named: Map<string, ReadonlySet<string>> = new Map(),
): EventFacts {
  const people = () => {
    // Tagging is the slow part: done only for the few quotes whose wording is alike.
    let found = named.get(normal);
    if (!found) {
      found = new Set(tag(normal).flatMap((t) => (t.tag.startsWith("nr") ? [canonical(t.word)] : [])));
      named.set(normal, found);
    }
    return found;
  };
  return {
    date,
    grams: new Set(bigrams(normal)),
    people,
    numbers: new Set(normal.match(/\d+/g) ?? []),
  };
}

/**
 * Two quotes report the same event when their wording overlaps, their articles are dated close together (or
 * either date is unknown), and neither names a person or number the other contradicts: the smaller set of people
 * and of numbers lies within the larger. Alike sentences about the 2024 Biden call and the 2025 Trump call share
 * half their bigrams; they differ in the people, the day and the article date.
 */
export function sameEvent(a: EventFacts, b: EventFacts, days = SEARCH_DEFAULTS.sameEventDays): boolean {
  if (overlap(a.grams, b.grams) < SAME_WORDING) return false;
  if (a.date && b.date && Math.abs(Date.parse(a.date) - Date.parse(b.date)) > days * DAY_MS) {
    return false;
  }
  return within(a.numbers, b.numbers) && within(a.people(), b.people());
}

/** The smaller set lies within the larger. */
function within(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const item of small) if (!large.has(item)) return false;
  return true;
}

/** Share of the smaller set that is in the other. */
export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const gram of small) if (large.has(gram)) shared++;
  return shared / small.size;
}
