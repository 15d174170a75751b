import type { Phrase } from "./reply-language.ts";

/**
 * What each option of Discord's commands says it is for, as `phrases.askOptions`
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
  /** The news commands' options (`/add`, `/announce`, `/follow`, `/unfollow`, `/verify`). */
  link: { zh: "文章的链接", en: "The article's link" },
  state: { zh: "on（开启）或 off（关闭）", en: "on or off" },
  followTopic: {
    zh: "新文章提到的词或名字，例如：关税",
    en: "A word or name the new articles mention",
  },
  unfollowTopic: { zh: "话题（不写则全部取消）", en: "The topic (none: every topic)" },
  quote: { zh: "要核对的引文", en: "The quote" },
} as const;
