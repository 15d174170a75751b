import * as OpenCC from "opencc-js";

/**
 * The languages the bot's own words come in. Quotes are never translated or converted: they stay verbatim, in
 * the article's script; only what the bot says around them follows the user.
 */
export type Language = "zh-Hans" | "zh-Hant" | "en";

/** Something the bot says, in Simplified Chinese and English; Traditional is converted from the Chinese. */
export interface Phrase {
  zh: string;
  en: string;
  /** The Traditional, where converting `zh` whole would be wrong (see `repeating`). */
  zhHant?: string;
}

/** Simplified → Traditional (Taiwan) with phrases, for the bot's own words only. */
const toTraditional = OpenCC.Converter({ from: "cn", to: "twp" });

/** Traditional renderings, converted once per phrase. */
const traditional = new Map<string, string>();

/**
 * The language of a platform's locale tag, or undefined when the bot should speak both: Discord's interaction
 * locale (`zh-TW`, `zh-CN`, `en-US`, `en-GB`) and Telegram's `language_code` (`zh-hans`, `zh-hant`, `en`, …).
 * Chinese without a script or region is Simplified; Taiwan, Hong Kong and Macau are Traditional.
 */
export function languageOf(locale: string | null | undefined): Language | undefined {
  const tag = (locale ?? "").trim().toLowerCase().replaceAll("_", "-");
  if (tag === "en" || tag.startsWith("en-")) return "en";
  if (tag !== "zh" && !tag.startsWith("zh-")) return undefined;
  if (/^zh-(hant|tw|hk|mo)\b/.test(tag)) return "zh-Hant";
  return "zh-Hans";
}

/** A phrase in one language, or Chinese then English on two lines when the language is unknown. */
export function say(phrase: Phrase, language?: Language): string {
  if (language === "en") return phrase.en;
  if (language === "zh-Hans") return phrase.zh;
  if (language === "zh-Hant") return phrase.zhHant ?? inTraditional(phrase.zh);
  return `${phrase.zh}\n${phrase.en}`;
}

/**
 * What follows a label that heads a line (`Added: …`): a full-width colon in Chinese, a colon and a space in
 * English and when the language is unknown (the label then ends in English).
 */
export function colon(language?: Language): string {
  return language === "zh-Hans" || language === "zh-Hant" ? "：" : ": ";
}

/** A short label in one language, or `中文 English` on one line when unknown (buttons have no room for two). */
export function label(phrase: Phrase, language?: Language): string {
  return language === undefined ? `${phrase.zh} ${phrase.en}` : say(phrase, language);
}

/**
 * A phrase that repeats the user's own words (a topic they follow): its Traditional is converted around the words,
 * never the words themselves, which stay as the user wrote them (关税 is not turned into 關稅).
 */
export function repeating<Words extends string[]>(
  phrase: (...words: Words) => Phrase,
  ...words: Words
): Phrase {
  // Private-use characters, which no conversion table maps, hold the words' places while the rest is converted.
  const places = words.map((_, i) => String.fromCharCode(0xe000 + i)) as Words;
  let zhHant = inTraditional(phrase(...places).zh);
  for (const [i, word] of words.entries()) zhHant = zhHant.replaceAll(places[i] as string, word);
  return { ...phrase(...words), zhHant };
}

function inTraditional(text: string): string {
  const cached = traditional.get(text);
  if (cached !== undefined) return cached;
  const converted = toTraditional(text);
  // Phrases with numbers or names in them are built per reply; the cache is meant for the fixed ones.
  if (traditional.size < 1000) traditional.set(text, converted);
  return converted;
}
