/** An article whose title retitles the terminal and whose text clears it, rings it, and moves the cursor back. */
export const HOSTILE = `---
title: "企鹅\\e]0;pwned\\a"
publisher: "测试报\\e[2J"
---
企鹅研究员宣布\x1b[2J\x1b[H，南极洲的帝企鹅\x9b31m数量今年增加了三成。\r完全\x07不同\x7f的一句话。
`;

/** What is left of C0 and C1 controls once printed: newlines and tabs only. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for.
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
