import type { Phrase } from "./reply-language.ts";

/**
 * What each option of Discord's `/ask`, `/compare` and `/timeline` says it is for, as `phrases.askOptions`
 * (core/messages.ts) exposes it. Descriptions stay within Discord's 100 characters in each language.
 */
export const optionPhrases = {
  question: {
    zh: "你的问题，例如：耶伦哪天访华？",
    en: "Your question, e.g. When did Yellen visit China?",
  },
  count: (fallback: number): Phrase => ({
    zh: `引文数量（默认 ${fallback}）`,
    en: `How many quotes (default ${fallback})`,
  }),
  private: { zh: "只有你能看到回答", en: "Only you see the answer" },
  source: { zh: "只引用这家媒体，例如：BBC中文", en: "Only this outlet's articles, e.g. BBC" },
  since: { zh: "从这天起：2025、2025-01 或 2025-01-15", en: "From this date: 2025, 2025-01 or 2025-01-15" },
  until: {
    zh: "到这天止：2025、2025-01 或 2025-01-15",
    en: "Until this date: 2025, 2025-01 or 2025-01-15",
  },
  compare: {
    zh: "要比较的问题，例如：釜山会晤谈了什么？",
    en: "What to compare, e.g. What was said in Busan?",
  },
  topic: { zh: "只看提到它的事件，例如：特朗普", en: "Only events that name it, e.g. Trump" },
} as const;
