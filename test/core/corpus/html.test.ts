import { describe, expect, it } from "vitest";
import { htmlContent } from "../../../src/core/corpus/html.ts";

describe("htmlContent", () => {
  it("gives the text of each block element, white space collapsed, entities decoded", () => {
    const { blocks } = htmlContent("<p>  耶伦将\n  访华 &amp; 会见官员。</p><div>第二段<b>文字</b>。</div>");
    expect(blocks).toEqual(["耶伦将 访华 & 会见官员。", "第二段文字。"]);
  });

  it("leaves out headings, scripts, navigation, figures and captions", () => {
    const html = [
      "<h1>标题</h1>",
      "<nav><p>首页</p></nav>",
      "<script>var x = '<p>no</p>';</script>",
      "<figure><img src='a.jpg'><figcaption>图片说明</figcaption></figure>",
      '<p data-testid="caption-text">图注</p>',
      '<p class="related-links">相关文章</p>',
      "<p>正文。</p>",
    ].join("");
    expect(htmlContent(html).blocks).toEqual(["正文。"]);
  });

  it("leaves out hidden regions and custom elements (share buttons, widgets)", () => {
    const html =
      '<p aria-hidden="true">隐藏</p><p hidden>也隐藏</p><share-button><p>分享</p></share-button><p>正文。</p>';
    expect(htmlContent(html).blocks).toEqual(["正文。"]);
  });

  it("drops blocks that are mostly link text, keeps a paragraph with a link in it", () => {
    const html =
      '<p><a href="/a">另一篇文章的标题</a></p><p>据<a href="/x">白宫</a>表示，双方进行了通话。</p>';
    expect(htmlContent(html).blocks).toEqual(["据白宫表示，双方进行了通话。"]);
  });

  it("joins a list of short items into one block: a byline", () => {
    const html = "<ul><li>陈岩</li><li>BBC中文记者</li></ul><p>正文。</p>";
    expect(htmlContent(html).blocks).toEqual(["陈岩 BBC中文记者", "正文。"]);
  });

  it("keeps the items of a list of sentences apart", () => {
    const html =
      "<ul><li>第一点：双方同意继续就贸易问题进行对话。</li><li>第二点：双方同意加强两军之间的沟通。</li></ul>";
    expect(htmlContent(html).blocks).toHaveLength(2);
  });

  it("reads the first <time datetime>", () => {
    const html =
      '<time datetime="2024-04-03T08:00:00Z">4月3日</time><time datetime="2020-01-01">x</time><p>正文。</p>';
    expect(htmlContent(html).time).toBe("2024-04-03T08:00:00Z");
    expect(htmlContent("<p>正文。</p>").time).toBeUndefined();
  });

  it("keeps text that stands outside any block element", () => {
    expect(htmlContent("只有文字，没有标签。").blocks).toEqual(["只有文字，没有标签。"]);
  });
});
