import { type Phrase, say } from "../../../core/reply-language.ts";

/** The Chinese of a phrase for Discord's two Chinese locales: Simplified for `zh-CN`, Traditional for `zh-TW`. */
function chinese(phrase: Phrase) {
  return { "zh-CN": phrase.zh, "zh-TW": say(phrase, "zh-Hant") };
}

/** A command's or option's description as Discord takes it: English by default, Chinese for Chinese clients. */
export function describedAs(phrase: Phrase) {
  return { description: phrase.en, description_localizations: chinese(phrase) };
}

/** A command's name the same way (message commands show theirs in the menu). */
export function namedAs(phrase: Phrase) {
  return { name: phrase.en, name_localizations: chinese(phrase) };
}
