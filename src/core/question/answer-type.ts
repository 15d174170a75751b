/**
 * What a question asks for, read from its question words: the classic first step of question answering. The
 * type decides which sentence to prefer (one that holds an answer of that type, see `answer/evidence.ts`) and,
 * for the three questions about the article itself (author, outlet, publication date), where to look.
 */
export type AnswerType =
  | "duration"
  | "count"
  | "quantity"
  | "date"
  | "person"
  | "place"
  | "organisation"
  | "statement"
  | "reason"
  | "yesno"
  | "author"
  | "outlet"
  | "published"
  | "other";

/** Words that point at the article the answer is quoted from (这篇, 本文, this article). */
const THIS_ARTICLE =
  /这篇|这则|这份|本文|该文|此文|这条新闻|这个报道|这篇报道|文章|报道|\b(this|the) (article|report|story|piece)\b/;

/** Patterns tried in order on the normalised question (Simplified, lower case); the first match wins. */
const PATTERNS: Array<[AnswerType, RegExp]> = [
  [
    "statement",
    /说了?(什么|啥)(?!时)|说过(什么|啥)|(怎么|咋)说|如何说|怎么评价|如何评价|怎样评价|(怎么|咋)看|如何看待?|怎样看待?|有何(回应|评论|看法|表态)|(如何|怎么|怎样|作何)(回应|回答|表态|形容|描述)|\bwhat (did|does|do|has|have) [\w .'-]+ (say|said|think|tell|write|claim|announce)\b|\bhow did [\w .'-]+ (describe|respond|react|characteri[sz]e)\b|\bwhat was [\w .'-]+ (reaction|response)\b/,
  ],
  ["reason", /为什么|为何|为啥|干嘛|干吗|何以|什么原因|原因是|缘故|\bwhy\b|\bfor what reason\b/],
  [
    "duration",
    /多久|多长时间|多长的时间|多少(年|天|个月|小时|分钟|秒|周|星期)(的时间)?$|几个?(小时|钟头|分钟|星期)|\bhow long\b|\bfor how many (years|days|months|hours|minutes|weeks)\b/,
  ],
  [
    "count",
    /几(次|个|位|名|人|家|项|条|场|届|座|艘|辆|种|所|支|部|本|首|份|只|头|匹|块|间|局|枚|架|颗)|多少(次|个|位|名|人|家|项|条|场|届|座|艘|辆|种|所|支|部|本|首|份|只|头|匹|块|间|局|枚|架|颗)|\bhow many\b|\bnumber of\b/,
  ],
  [
    "quantity",
    /多少|百分之几|几成|比例|占比|多[高重远大深长宽厚快]|\bhow (much|far|high|tall|big|large|deep|old|fast|heavy|wide)\b|\bwhat (percentage|percent|share|proportion|fraction|amount)\b/,
  ],
  [
    "date",
    /什么时候|啥时候?|几时|多会儿|哪天|哪一天|何时|何年|哪年|哪一年|哪个?世纪|几月|几号|哪个月|哪一个月|什么(年代|日期|时间)|日期|\bwhen\b|\b(what|which|in what) (date|year|day|month|century|decade|time|period|era)\b/,
  ],
  [
    "organisation",
    /哪(家|个|一家|一个|所|支|一支)?(公司|组织|机构|部门|政党|党派|球队|队伍|大学|学校|银行|企业|媒体|报社|通讯社)|(什么|啥)(公司|组织|机构|部门|政党|球队|大学|学校|企业)|\b(which|what) (company|companies|organi[sz]ations?|agency|agencies|team|university|college|school|party|club|bank|firm|institution|group)\b/,
  ],
  [
    "place",
    /哪里|哪儿|在哪|何地|何处|(什么|啥)地方|哪个?(城市|国家|地区|省|州|县|地方|岛|河|山|洲)|哪(座|一座|国)|\bwhere\b|\b(which|what) (city|country|countries|state|region|place|river|island|continent|area|town|province)\b/,
  ],
  [
    "person",
    /谁|哪位|何人|哪些人|(什么|啥)人|哪个人|哪一位|\bwho(m|se)?\b|\b(which|what) (person|people|man|woman|player|leader|king|queen|emperor|president|scientist|writer|author|artist|singer|actor|general|member|official|minister)\b/,
  ],
  [
    "yesno",
    /是否|有没有|会不会|是不是|能不能|可不可以|有无|吗\s*[?？]?\s*$|^(did|does|do|is|are|was|were|has|have|had|can|could|will|would|should)\b/,
  ],
];

/** The article-metadata types: who wrote it, which outlet, when it came out. */
const ABOUT_ARTICLE: Array<[AnswerType, RegExp]> = [
  [
    "author",
    /记者|作者|撰稿|撰文|执笔|谁写|谁撰写|\b(who wrote|written by|author|reporter|journalist|byline)\b/,
  ],
  [
    "outlet",
    /哪(家|个)(媒体|报纸|报社|通讯社|网站|电视台|出版)|什么媒体|出处|来源|\b(which|what) (outlet|newspaper|paper|publication|media|news agency|website)\b/,
  ],
  [
    "published",
    /(什么时候|哪天|何时|哪一天|日期).*(发表|发布|刊登|刊出|刊发)|(发表|发布|刊登|刊出|刊发).*(什么时候|哪天|何时|日期)|\bwhen was [\w ]+ (published|written|posted)\b|\bpublication date\b/,
  ],
];

/** Classifies a normalised question (see `normalize`) by the kind of answer it wants. */
export function answerType(normal: string): AnswerType {
  if (THIS_ARTICLE.test(normal)) {
    const meta = ABOUT_ARTICLE.find(([, pattern]) => pattern.test(normal));
    if (meta) return meta[0];
  }
  return PATTERNS.find(([, pattern]) => pattern.test(normal))?.[0] ?? "other";
}
