import type { Phrase } from "../../../core/language.ts";

/** A command's or option's description as Discord takes it: English by default, Chinese for `zh-CN` clients. */
export function describedAs(phrase: Phrase) {
  return { description: phrase.en, description_localizations: { "zh-CN": phrase.zh } };
}

/** A command's name the same way (message commands show theirs in the menu). */
export function namedAs(phrase: Phrase) {
  return { name: phrase.en, name_localizations: { "zh-CN": phrase.zh } };
}
