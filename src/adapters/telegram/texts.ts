/**
 * Words only the Telegram adapter says (button labels, inline-mode hints, command descriptions).
 * Everything the other adapters also say lives in `core/messages.ts`. Plain text: callers escape it.
 */
export const texts = {
  moreButton: "更多 / More",
  alsoReportedBy: "也见于 / Also reported by:",
  andMore: (count: number) => `等 ${count} 篇 / and ${count} more`,
  articlesHeading: (count: number) => `文章 / Articles (${count}):`,
  textOnly:
    "我只回答文字提问：直接输入问题，或发送 /help。\nI answer text questions only: type a question, or send /help.",
  /** Inline-mode button labels are short: Telegram shows them on one line above the results. */
  inlineHint: "输入问题 / Type a question",
  inlineNotFound: "文章没有谈到 / Not covered",
} as const;

/** The commands Telegram lists in its menu (`setMyCommands`). */
export const commandList = [
  { command: "ask", description: "提问 / Ask a question" },
  { command: "sources", description: "文章列表 / List the articles" },
  { command: "help", description: "说明 / How to ask" },
] as const;
