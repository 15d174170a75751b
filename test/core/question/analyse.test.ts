import { describe, expect, it } from "vitest";
import { loadLexicon } from "../../../src/core/language/lexicon.ts";
import { normalize } from "../../../src/core/language/normalize.ts";
import { cut } from "../../../src/core/language/segment.ts";
import { createAnalyzer } from "../../../src/core/question/analyse.ts";
import { CONFIG_DIR } from "../../support/seed-qa.ts";

const analyzer = createAnalyzer(loadLexicon(CONFIG_DIR));

describe("normalize", () => {
  it("turns Traditional into Simplified at phrase level, full width into half width, upper into lower case", () => {
    expect(normalize("魯比奧如何形容中美關係的新階段？")).toBe("鲁比奥如何形容中美关系的新阶段?");
    expect(normalize("台灣電腦軟體")).toBe("台湾电脑软件");
    expect(normalize("ＡＰＥＣ　Trump")).toBe("apec trump");
  });

  it("keeps the length, so offsets in the normalised text fit the verbatim text", () => {
    for (const text of ["計程車到雪梨", "習近平與川普\u200b會晤", "İstanbul ＡＢＣ", "😀 emoji 🇨🇳"]) {
      expect(normalize(text)).toHaveLength(text.length);
    }
  });

  it("converts the rest of a clause whose one character has its Simplified form outside the BMP (頫 → 𫖯)", () => {
    expect(normalize("趙孟頫所創的四體指的是楷書趙體、歐體")).toBe("赵孟頫所创的四体指的是楷书赵体、欧体");
  });
});

describe("segmentation with the user dictionary", () => {
  it("keeps this news domain's names whole, in either script", () => {
    expect(cut(normalize("川普會見賴清德和海格塞斯"))).toEqual(["川普", "会见", "赖清德", "和", "海格塞斯"]);
    expect(cut(normalize("格里尔与庞德伟"))).toEqual(["格里尔", "与", "庞德伟"]);
    // 普通话 (Mandarin) is a commoner word than 川普 is a name in jieba's own dictionary.
    expect(cut("跟川普通话")).toEqual(["跟", "川普", "通话"]);
  });
});

describe("analyzer.question", () => {
  it("folds name variants into one form, so 川普 and 特朗普 meet", () => {
    expect(analyzer.question("川普访华").words).toContain("特朗普");
    expect(analyzer.question("川普访华").highlights).toEqual(expect.arrayContaining(["特朗普", "川普"]));
    expect(analyzer.document("特朗普總統").words).toContain("特朗普");
    expect(analyzer.question("拜登和习近平打电话了吗").words).toContain("通电话"); // as chat says it
  });

  it("joins a verb and its object that chat writes apart (见完面, 打了个电话), but not before a question word", () => {
    expect(analyzer.question("釜山见完面以后呢").words).toContain("会晤"); // 见面, an alias of 会晤
    expect(analyzer.question("他们打了个电话").words).toContain("通电话"); // 打电话
    expect(analyzer.question("两人见过几次面？").words).toContain("会晤");
    expect(analyzer.question("过了多久").words).not.toContain("过多");
    expect(analyzer.question("谈判已完成了吗").words).toContain("完成"); // 完 is part of 完成 here
    expect(analyzer.question("美国不了解中国吗").words).toContain("了解");
  });

  it("drops question words and keeps the topic", () => {
    const { words } = analyzer.question("耶伦哪天访华？");
    expect(words).toEqual(["耶伦", "访华"]);
    expect(analyzer.question("王毅为啥说了啥？").words).toEqual(["王毅"]); // as chat asks
    expect(analyzer.question("他俩跟王毅见面了吗？").words).toEqual(["王毅", "会晤"]); // 见面 is an alias of 会晤
  });

  it("maps English words of the glossary to the Chinese the articles use", () => {
    const { words } = analyzer.question("What is the Thucydides trap mentioned by Xi?");
    expect(words).toEqual(expect.arrayContaining(["修昔底德陷阱", "习近平"]));
    expect(words).not.toContain("what");
    expect(analyzer.question("What did Biden say about TikTok?").words).toEqual(["拜登", "tiktok"]);
  });

  it("reads a Chinese name written in pinyin as one name, and an English word as English", () => {
    const pinyin = (question: string) => analyzer.question(question).pinyinNames;
    expect(pinyin("How did Li Cheng sum up the call?")).toEqual(["licheng"]);
    expect(pinyin("What did Ding Xuexiang say?")).toEqual(["dingxuexiang"]);
    expect(pinyin("How did Li Ke-qiang respond?")).toEqual(["likeqiang"]);
    expect(pinyin("Li Qiang ran the council?")).toEqual(["liqiang"]); // ran is English
    expect(pinyin("He ran the meeting")).toEqual([]); // a given name would be written as a name too
    expect(pinyin("how did li cheng sum up the call?")).toEqual([]); // li in lower case is a Chinese mile
    expect(pinyin("Will The US Ban Hong Kong Exports?")).toEqual([]); // title case
    expect(analyzer.question("Will The US Ban Hong Kong Exports?").words).toContain("香港");
    expect(analyzer.question("Who ran Xinhua?").words).toContain("新华社");
    expect(analyzer.question("Who Ran Xinhua").words).toContain("新华社"); // a glossary word is no name
  });

  it("reads 'what is it called' as asking for a name, not about a phone call", () => {
    const call = (question: string) => analyzer.question(question).words.filter((w) => w.includes("电话"));
    expect(call("What is the scale of hurricanes called?")).toEqual([]);
    expect(call("What is the group called that wants no government?")).toEqual([]);
    expect(call("What did Trump say when he called Xi?")).not.toEqual([]);
  });

  it("reads a Latin word with accents as questions usually type it", () => {
    expect(analyzer.question("What are most Ergänzungsschulen?").words).toContain("erganzungsschulen");
    expect(analyzer.question("When was Montréal captured?").words).toContain("蒙特利尔");
  });

  it("looks up a hyphenated word's parts when neither dictionary knows it whole", () => {
    expect(analyzer.question("How long did the Biden-Xi call last?").words).toEqual(
      expect.arrayContaining(["拜登", "习近平"]),
    );
    expect(analyzer.question("What shapes U.S.-China relations?").words).toEqual(
      expect.arrayContaining(["美国", "中国"]),
    );
    expect(analyzer.question("the Biden--Xi call").words).toEqual(expect.arrayContaining(["拜登", "习近平"]));
    // Known whole, it stays whole: the glossary's Lai Ching-te, CC-CEDICT's X-ray.
    expect(analyzer.question("When is Lai Ching-te sworn in?").words).toContain("赖清德");
    expect(analyzer.question("Who found the X-ray?").words).toContain("x-ray");
  });

  it("tries the translations of WordNet's related words after CC-CEDICT's own", () => {
    // CC-CEDICT has "to intercept" → 拦截, but "interception" only as 阻留; articles write 拦截.
    const { words, alternatives } = analyzer.question("How many interceptions did he make?");
    const group = alternatives.find((g) => g.some((i) => words[i] === "阻留")) ?? [];
    const translations = group.map((i) => words[i]);
    expect(translations[1]).toBe("阻留");
    expect(translations).toContain("拦截");
  });

  it("adds the translations of a word's dictionary form, which its own CC-CEDICT entry would hide", () => {
    const translationsOf = (question: string, word: string) => {
      const { words, alternatives } = analyzer.question(question);
      return (alternatives.find((g) => words[g[0] ?? -1] === word) ?? []).map((i) => words[i]);
    };
    // CC-CEDICT's "won" is the Korean currency, its "led" an LED; "took" it does not list at all.
    expect(translationsOf("Who won the game?", "won")).toEqual(expect.arrayContaining(["韩元", "获胜"]));
    expect(translationsOf("Who led the team?", "led")).toEqual(expect.arrayContaining(["率领"]));
    expect(translationsOf("Who took the photo?", "took")).toEqual(expect.arrayContaining(["拍摄"]));
  });

  it("keeps a Chinese question's stretches of topic words, white space out, and none of an English one's", () => {
    expect(analyzer.question("谁赢得了第 49 届超级碗？").runs).toEqual(["赢得", "第49届超级碗"]);
    expect(analyzer.question("Who won Super Bowl 49?").runs).toEqual([]);
  });

  it("says how specific each word is in general Chinese", () => {
    const { words, specificity } = analyzer.question("焊接计划");
    const of = (w: string) => specificity[words.indexOf(w)] ?? 0;
    expect(of("焊接")).toBeGreaterThan(of("计划"));
  });

  it("tells what type of answer is wanted", () => {
    expect(analyzer.question("耶伦哪天访华？").type).toBe("date");
    expect(analyzer.question("中美政府间对话机制最多时有多少个").type).toBe("count");
    expect(analyzer.question("BBC这篇文章的记者是谁").type).toBe("author");
    expect(analyzer.question("Where did Xi and Trump meet?").type).toBe("place");
  });

  it("makes bigrams of Chinese runs and keeps Latin words whole", () => {
    expect(analyzer.document("釜山会晤 APEC").bigrams).toEqual(["釜山", "山会", "会晤", "apec"]);
  });
});

describe("analyzer.question on chat markup", () => {
  it("leaves mentions out of the terms", () => {
    expect(analyzer.question("@everyone @here @citebot 耶伦哪天访华？").words).toEqual(["耶伦", "访华"]);
  });
});
