// Long because it is the one table of every phrase the doors show, in both languages.

import { newsPhrases } from "./news-phrases.ts";
import { optionPhrases } from "./option-phrases.ts";
import { type Language, label, type Phrase, say } from "./reply-language.ts";
import { truncate } from "./text/truncate.ts";
import type { AppliedFilter, ArticleInfo, FilterProblem, VoteOutcome } from "./types.ts";

/**
 * The most of a user's own words (an unknown `source:`, an unreadable date) a reply repeats back: enough to
 * recognise, and short enough that a value of thousands of characters cannot push a reply past a platform's
 * message limit (Telegram refuses over 4,096, Discord over 2,000).
 */
export const MAX_ECHO_LENGTH = 60;

/** What to tell a user of their vote's outcome: thanks, or that it was not recorded. */
export function votePhrase(outcome: VoteOutcome): Phrase {
  return outcome === "failed" ? phrases.voteNotRecorded : phrases.voted;
}

/** `asked` as a reply repeats it: cut to `MAX_ECHO_LENGTH`, the cut marked with an ellipsis. */
const echo = (asked: string) => truncate(asked, MAX_ECHO_LENGTH);

/**
 * Everything citebot says in its own words, once, so that the console, Telegram and Discord agree. Each is a
 * `Phrase` ({ zh, en }); `say` and `label` (core/language.ts) put it in the user's language, or in both while
 * that is unknown. Plain text: each adapter escapes it for its own markup. Quotes are never here: they stay
 * verbatim in the article's script.
 */

/** The phrases, by what they are for. */
export const phrases = {
  notFound: { zh: "这些文章没有谈到这个问题。", en: "The articles don't cover that." },
  /** Said instead of `notFound` when the question names someone or something no article mentions. */
  notMentioned: (...names: string[]): Phrase => ({
    zh: `文章没有提到${names.join("、")}。`,
    en: `The articles don't mention ${names.join(", ")}.`,
  }),
  emptyQuestion: {
    zh: "请在命令后写上问题，例如：/ask 耶伦哪天访华？",
    en: "Please add a question, e.g. /ask When did Yellen visit China?",
  },
  truncated: (max: number): Phrase => ({
    zh: `问题太长，只按前 ${max} 个字搜索。`,
    en: `The question was cut to its first ${max} characters.`,
  }),
  failure: {
    zh: "抱歉，出了点问题，请稍后再试。",
    en: "Sorry, something went wrong. Please try again later.",
  },
  rateLimited: { zh: "提问太快了，请稍等一分钟。", en: "Too many questions; please wait a minute." },
  expired: { zh: "这个问题已过期，请重新提问。", en: "This question has expired; please ask again." },
  noMore: { zh: "没有更多引文了。", en: "No further quotes." },
  noMoreEvents: { zh: "没有更多事件了。", en: "No further events." },
  /** `/good`, `/bad` or `/context` when the last reply showed no answer's quotes (a /compare, a timeline, none). */
  noQuotesShown: {
    zh: "上一个回复没有可评价的引文：先提一个问题。",
    en: "The last reply has no answer's quotes to act on: ask a question first.",
  },
  textOnly: {
    zh: "我只回答文字提问：直接输入问题，或发送 /help。",
    en: "I answer text questions only: type a question, or send /help.",
  },
  /** A console line that looks like a command but is none. */
  unknownCommand: (command: string): Phrase => ({
    zh: `没有 ${echo(command)} 这个命令。输入 /help 查看命令，或直接输入问题。`,
    en: `There is no ${echo(command)} command. Type /help for the commands, or just type a question.`,
  }),
  /** The button (or console command) that shows the next quotes. */
  more: { zh: "更多", en: "More" },
  /** Heads the other outlets that carry the same fact. */
  alsoReportedBy: { zh: "也见于", en: "Also reported by" },
  /** Marks a quote moderators pinned to the question (`Quote.pinned`). */
  pinned: { zh: "版主选定", en: "Chosen by the moderators" },
  /** Ends a list cut short. */
  andMore: (count: number): Phrase => ({ zh: `等 ${count} 篇`, en: `and ${count} more` }),
  /** Heads the list of articles (`/sources`), followed by their count. */
  articles: { zh: "文章", en: "Articles" },
  /** Hints in places with one short line: Telegram's inline mode, the console's prompt. */
  typeQuestion: { zh: "输入问题", en: "Type a question" },
  notCovered: { zh: "文章没有谈到", en: "Not covered" },
  /** Marks a quote that matches the question weakly (`Quote.weak`): it shares words more than it answers. */
  weakMatch: { zh: "相关度较低", en: "weak match" },
  /** Stands for the outlet of an article that names neither its publisher nor a link. */
  sourceNotGiven: { zh: "来源未注明", en: "Source not given" },
  ask: { zh: "问", en: "Ask" },
  /** Heads the filter an answer was chosen under. */
  filterApplied: { zh: "筛选", en: "Filter" },
  /** Names the dates of a filter: `since` / `until`. */
  since: { zh: "起", en: "since" },
  until: { zh: "止", en: "until" },
  unknownSource: (asked: string): Phrase => ({
    zh: `没有来自“${echo(asked)}”的文章。已收录的来源：`,
    en: `No articles from "${echo(asked)}". The sources indexed:`,
  }),
  badDate: (asked: string): Phrase => ({
    zh: `看不懂日期“${echo(asked)}”，请写成 2025、2025-01 或 2025-01-15。`,
    en: `Cannot read the date "${echo(asked)}"; write 2025, 2025-01 or 2025-01-15.`,
  }),
  sinceAfterUntil: (since: string, until: string): Phrase => ({
    zh: `起始日期 ${since} 晚于截止日期 ${until}，没有文章能同时符合。`,
    en: `The since date ${since} is after the until date ${until}; no article can fall between them.`,
  }),
  /** A filter that leaves no article, followed by the filter (`filterPhrase`). */
  noArticlesIn: { zh: "没有符合筛选条件的文章", en: "No articles match the filter" },
  /** The button (or console command) that shows the paragraph around a quote. */
  context: { zh: "上下文", en: "Context" },
  /** A Context pressed in a group: the context went to the presser's private chat with the bot. */
  contextSentPrivately: { zh: "上下文已私信发给你。", en: "The context is in your private chat with me." },
  /** A Context pressed in a group by someone the bot cannot write to yet: how to get it, then an excerpt. */
  contextStartPrivately: (bot: string): Phrase => ({
    zh: `想看完整上下文，请先私聊 @${bot} 并按“开始”。`,
    en: `For the full context, open a private chat with @${bot} and press Start.`,
  }),
  contextGone: {
    zh: "这段引文已不在原文中（文章已更改），请重新提问。",
    en: "That quote is no longer in its article (it changed); please ask again.",
  },
  noSuchQuote: (count: number): Phrase => ({
    zh: `请写引文编号，1 到 ${count}。`,
    en: `Give a quote number, 1 to ${count}.`,
  }),
  /** Thanks for a 👍/👎. */
  voted: { zh: "谢谢，已记录你的反馈。", en: "Thanks, your feedback is recorded." },
  /** A 👍/👎 that could not be stored (a full disk, a database away). */
  voteNotRecorded: {
    zh: "抱歉，你的反馈没有记录下来，请稍后再试。",
    en: "Sorry, your feedback was not recorded. Please try again later.",
  },
  noTimeline: { zh: "文章里没有找到相关的日期事件。", en: "No dated events found in the articles." },
  /** Heads a page of the timeline: events shown of the total. */
  timelinePage: (from: number, to: number, total: number): Phrase => ({
    zh: `事件 ${from}-${to}，共 ${total} 个`,
    en: `Events ${from}-${to} of ${total}`,
  }),
  /** Discord's timeline page buttons. */
  previous: { zh: "上一页", en: "Previous" },
  next: { zh: "下一页", en: "Next" },
  /** What each command does, for the platforms' command menus. */
  commands: {
    ask: {
      zh: "提问，得到新闻原文引用及出处",
      en: "Ask a question; get verbatim quotes from the news articles, with sources",
    },
    sources: { zh: "列出 citebot 引用的文章", en: "List the articles citebot quotes from" },
    compare: {
      zh: "各媒体怎么报道：每家的最佳引文并列",
      en: "How each outlet reported it: each one's best quote, side by side",
    },
    timeline: {
      zh: "文章报道的事件（通话、会晤、谈判、访问），按日期排列",
      en: "The events the articles report (calls, meetings, talks, visits), by date",
    },
    help: { zh: "citebot 知道什么，怎么提问", en: "What citebot knows and how to ask" },
    add: { zh: "按链接添加新闻文章（管理员）", en: "Add a news article by its link (moderators)" },
    announce: {
      zh: "在此宣布新文章：on 或 off（管理员）",
      en: "Announce new articles here: on or off (moderators)",
    },
    follow: {
      zh: "有新文章提到某个话题时私信通知",
      en: "Get a direct message when a new article mentions a topic",
    },
    unfollow: { zh: "不再关注某个话题（或全部）", en: "Stop following a topic (or every topic)" },
    following: { zh: "你关注的话题", en: "The topics you follow" },
    verify: {
      zh: "核对一句引文是否逐字出自文章",
      en: "Check whether a quote stands in the articles, word for word",
    },
    /** Discord's message menu entry: the selected message is the question. */
    askMessage: { zh: "问 citebot", en: "Ask citebot" },
    /** Discord's message menu entry: the selected message is the text checked. */
    verifyMessage: { zh: "核对引文", en: "Verify quote" },
  },
  /** What each option of Discord's commands is for (in option-phrases.ts). */
  askOptions: optionPhrases,
  /** What the news commands and announcements say (in news-phrases.ts). */
  news: newsPhrases,
} as const;

/** The sentences every reply may say, in both languages, for adapters that do not know the user's language. */
export const messages = {
  notFound: say(phrases.notFound),
  emptyQuestion: say(phrases.emptyQuestion),
  truncated: (max: number) => say(phrases.truncated(max)),
  failure: say(phrases.failure),
  rateLimited: say(phrases.rateLimited),
  expired: say(phrases.expired),
  noMore: say(phrases.noMore),
  textOnly: say(phrases.textOnly),
};

/** Why an answer has no quotes: the names no article mentions, where that is why (`Answer.missingNames`). */
export function notFoundPhrase(answer: { missingNames?: readonly string[] }): Phrase {
  return answer.missingNames?.length ? phrases.notMentioned(...answer.missingNames) : phrases.notFound;
}

/** What the bot knows: the articles and their dates. */
function knowledge(articles: readonly ArticleInfo[]): Phrase {
  const dates = articles
    .map((a) => a.date)
    .filter((d): d is string => d !== null)
    .sort();
  const span = dates.length > 0 ? `（${dates[0]} – ${dates[dates.length - 1]}）` : "";
  return {
    zh: `我根据 ${articles.length} 篇新闻文章${span}回答问题，只引用原文，并注明出处。`,
    en: `I answer questions from ${articles.length} news articles by quoting them verbatim, with their sources.`,
  };
}

/**
 * The help of Telegram and Discord: what the bot knows, the commands, the filters and the buttons, briefly.
 * `commandPrefix` is how commands are typed there.
 */
export function help(articles: readonly ArticleInfo[], commandPrefix = "/"): Phrase {
  const knows = knowledge(articles);
  const p = commandPrefix;
  return {
    zh: [
      knows.zh,
      `${p}ask 问题 提问，例如 ${p}ask 习近平和特朗普在釜山谈了多久？`,
      `${p}compare 问题 各媒体怎么报道 · ${p}timeline [话题] 事件时间线 · ${p}sources 文章列表`,
      "筛选（写在问题里）：source:BBC · since:2025-01 · until:2025-06",
      "按钮：上下文（引文前后的段落，只给你看）· 更多 · 👍/👎 评价回答",
    ].join("\n"),
    en: [
      knows.en,
      `${p}ask question, e.g. ${p}ask What did Biden say about TikTok?`,
      `${p}compare question: each outlet's take · ${p}timeline [topic]: the events · ${p}sources: the articles`,
      "Filters (in the question): source:BBC · since:2025-01 · until:2025-06",
      "Buttons: Context (the paragraphs around a quote, for you only) · More · 👍/👎 rate the answer",
    ].join("\n"),
  };
}

/** The console's help: every line is a question there, and these are its commands. */
export function consoleHelp(articles: readonly ArticleInfo[]): Phrase {
  const knows = knowledge(articles);
  return {
    zh: [
      knows.zh,
      "直接输入问题，例如：习近平和特朗普在釜山谈了多久？",
      "筛选：source:BBC · since:2025-01 · until:2025-06 · 来源:新华社",
      "/more 更多 · /context N 第 N 条引文的上下文 · /compare 问题 各媒体怎么报道 · /timeline 事件时间线",
      "/good /bad 评价上一个回答 · /sources 文章列表 · /help 本说明 · /quit 退出",
    ].join("\n"),
    en: [
      knows.en,
      "Type a question, e.g. What did Biden say about TikTok?",
      "Filters: source:BBC · since:2025-01 · until:2025-06",
      "/more further · /context N around quote N · /compare question each outlet's take · /timeline events",
      "/good /bad rate the last answer · /sources the articles · /help this text · /quit leave",
    ].join("\n"),
  };
}

/** The help in both languages, a blank line between them. */
export function helpText(articles: readonly ArticleInfo[], commandPrefix = "/"): string {
  const { zh, en } = help(articles, commandPrefix);
  return `${zh}\n\n${en}`;
}

/**
 * The parts of a source line, for adapters to join and link as their platform allows: publisher, title, date.
 * An article that names neither publisher nor link says so (`sourceNotGiven`) rather than leave the reader to
 * guess; one without a title of its own (`ArticleInfo.untitled`) shows none rather than its first words.
 */
export function sourceParts(article: ArticleInfo, language?: Language): string[] {
  const outlet = article.publisher ?? (article.url ? null : label(phrases.sourceNotGiven, language));
  const title = article.untitled ? null : article.title;
  return [outlet, title, article.date].filter((part): part is string => Boolean(part));
}

/**
 * How the news replies head an article (what `/add` added, an announcement, a follower's message, a checked
 * quote's source): `title · publisher · date`, of what it has.
 */
export function headline(article: Pick<ArticleInfo, "title" | "publisher" | "date">): string {
  return [article.title, article.publisher, article.date].filter(Boolean).join(" · ");
}

/** How a /compare side names its outlet: the publisher, or `sourceNotGiven` for the articles naming none. */
export function outletName(publisher: string | null, language?: Language): string {
  return publisher ?? label(phrases.sourceNotGiven, language);
}

/** What an answer says of the filter it applied: `筛选：BBC中文 · 起 2025-01-01`. */
export function filterPhrase(filter: AppliedFilter): Phrase {
  const parts = (language: "zh" | "en") => {
    const words = (p: Phrase) => p[language];
    return [
      ...(filter.publishers ? [filter.publishers.join(", ")] : []),
      ...(filter.since ? [`${words(phrases.since)} ${filter.since}`] : []),
      ...(filter.until ? [`${words(phrases.until)} ${filter.until}`] : []),
    ].join(" · ");
  };
  return {
    zh: `${phrases.filterApplied.zh}：${parts("zh")}`,
    en: `${phrases.filterApplied.en}: ${parts("en")}`,
  };
}

/** Why a filter was not applied; for an unknown source, followed by the known ones (the adapter lists them). */
export function filterProblemPhrase(problem: FilterProblem): Phrase {
  switch (problem.kind) {
    case "unknownSource":
      return phrases.unknownSource(problem.asked);
    case "badDate":
      return phrases.badDate(problem.asked);
    case "sinceAfterUntil":
      return phrases.sinceAfterUntil(problem.since, problem.until);
    case "noArticles": {
      const filter = filterPhrase(problem.filter);
      return {
        zh: `${phrases.noArticlesIn.zh}（${filter.zh}）。`,
        en: `${phrases.noArticlesIn.en} (${filter.en}).`,
      };
    }
  }
}
