/**
 * What news pages carry besides the article: captions, share links, tag and update lines, editor and
 * copyright lines, related-reading lists. None of it may be quoted as if it were the article.
 */

/** A block after which the rest of the article is boilerplate (related links, topic lists, copyright). */
const TAIL_STARTS =
  /^(推荐阅读|推薦閱讀|相关阅读|相關閱讀|延伸阅读|延伸閱讀|相关新闻|相關新聞|相关文章|相關文章|Related)\s*[:：]?/i;

/** Single lines that are never article text. */
const LINE_PATTERNS: RegExp[] = [
  /^(责任编辑|責任編輯|编辑|編輯|校对|校對)\s*[:：]/,
  /^(标签|標籤|关键词|關鍵詞|相关专题|相關專題)\s*[:：]/,
  /^(更新|发布|發布|发表|發表)\s*(时间|時間)?\s*[:：]?\s*\d{4}[-/年]\d{1,2}/,
  /(版权所有|版權所有|all rights reserved|copyright\s*©?|©\s*\d{4}|未经许可，不得|未經許可，不得)/i,
  /^(图像来源|圖像來源|图片来源|圖片來源|图片|圖片|图为|圖為|图：|圖：|摄影|攝影)/,
  /^(分享|share)\s*[:：]?$/i,
  /^\[[^\]]*\]\([^)]*\)$/, // a lone Markdown link such as [自定义设置](#)
  /^\d{4}年\d{1,2}月\d{1,2}日(\s*\d{1,2}:\d{2})?$/, // a date line: the page's, not the article's words
];

/** A credit in brackets at the very end marks an image caption: (Drew Angerer/Getty Images), （新華社）. */
const CAPTION_CREDIT =
  /[(（]\s*([A-Za-z][A-Za-z .'/&-]{0,40}|新华社|新華社|路透社|美联社|美聯社|法新社|中新社|资料图|資料圖|资料图片|資料圖片|网络图片|網絡圖片|视觉中国|視覺中國)\s*[)）]\s*$/;

/** True when a block is boilerplate rather than article text. */
export function isBoilerplate(block: string): boolean {
  if (!/\p{L}/u.test(block)) return true; // dates, times, counters, lone punctuation
  if (LINE_PATTERNS.some((pattern) => pattern.test(block))) return true;
  return block.length <= 160 && CAPTION_CREDIT.test(block);
}

/** The blocks up to the first that starts a boilerplate tail ("推荐阅读：" and what follows). */
export function withoutTail(blocks: readonly string[]): string[] {
  const end = blocks.findIndex((block) => TAIL_STARTS.test(block));
  return end === -1 ? [...blocks] : blocks.slice(0, end);
}
