import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createQa } from "../../../src/core/qa.ts";
import { CONFIG_DIR, memoryLogger } from "../../support/seed-qa.ts";
import { openQa, PENGUIN_QUESTION, PENGUINS, workspace } from "../../support/workspace.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const SKIPPED = "skipped an article file that cannot be read";
const TOKEN = "123456789:AAE-not-a-real-bot-token-x9";
const ENV_FILE = `# citebot settings, one per line, read by dotenv at start-up and never meant to be quoted by anyone
TELEGRAM_BOT_TOKEN=${TOKEN}
DISCORD_TOKEN=another-secret-value-for-discord
`;

/** The article files the index holds. */
const filesOf = async (qa: { articles(): Promise<Array<{ file: string }>> }) =>
  (await qa.articles()).map((a) => a.file).sort();

describe("files outside the article directory", () => {
  it("are never read through a symlink: /etc/passwd and ../.env are skipped with a warning", async () => {
    const dirs = await workspace(cleanups);
    await writeFile(path.join(dirs.root, ".env"), ENV_FILE);
    await symlink("/etc/passwd", path.join(dirs.corpusDir, "p.txt"));
    await symlink("../.env", path.join(dirs.corpusDir, "e.md"));
    const { qa, ready, logged } = await openQa(cleanups, dirs);
    expect(ready).toMatchObject({ articles: 5, skipped: 2 });
    expect(logged(SKIPPED).map((l) => l.reason)).toEqual([
      "e.md: leads outside the article directory",
      "p.txt: leads outside the article directory",
    ]);
    expect(await filesOf(qa)).not.toContain("e.md");
    const answer = await qa.ask("TELEGRAM_BOT_TOKEN");
    expect(answer.quotes.map((q) => q.text).join("\n")).not.toContain(TOKEN);
  });

  it("are read when the symlink leads to a file inside the directory (a sub-folder too)", async () => {
    const dirs = await workspace(cleanups);
    // A hidden folder: sub-folders are read too (articles added by link), hidden ones are not.
    await mkdir(path.join(dirs.corpusDir, ".drafts"));
    await writeFile(path.join(dirs.corpusDir, ".drafts", "penguins.md"), PENGUINS);
    await symlink(".drafts/penguins.md", path.join(dirs.corpusDir, "900_link.md"));
    const { qa, ready } = await openQa(cleanups, dirs);
    expect(ready).toMatchObject({ articles: 6, skipped: 0 });
    expect((await qa.ask(PENGUIN_QUESTION)).quotes[0]?.article.file).toBe("900_link.md");
  });

  it("are not read as a NAME.meta.json override either: the article is skipped, naming the override", async () => {
    const dirs = await workspace(cleanups);
    await writeFile(path.join(dirs.root, "meta.json"), JSON.stringify({ title: "外面的标题" }));
    await writeFile(path.join(dirs.corpusDir, "900_test.md"), PENGUINS);
    await symlink("../meta.json", path.join(dirs.corpusDir, "900_test.md.meta.json"));
    const { qa, logged } = await openQa(cleanups, dirs);
    expect(logged(SKIPPED).map((l) => l.reason)).toEqual([
      "900_test.md.meta.json: leads outside the article directory",
    ]);
    expect((await qa.articles()).map((a) => a.title)).not.toContain("外面的标题");
  });

  it("are not read by a running bot's watcher, whether a link is added or an inside link re-pointed", async () => {
    const dirs = await workspace(cleanups);
    const outside = path.join(dirs.root, "outside.md");
    await writeFile(outside, PENGUINS.replace("测试文章", "外面的文章"));
    await mkdir(path.join(dirs.corpusDir, "drafts"));
    await writeFile(path.join(dirs.corpusDir, "drafts", "inside.md"), PENGUINS);
    await symlink("drafts/inside.md", path.join(dirs.corpusDir, "901_flip.md"));
    const { qa, logged } = await openQa(cleanups, dirs, { watch: true, rescanMs: 100 });
    expect(await filesOf(qa)).toContain("901_flip.md");

    await symlink(outside, path.join(dirs.corpusDir, "900_late.md"));
    await rm(path.join(dirs.corpusDir, "901_flip.md"));
    await symlink(outside, path.join(dirs.corpusDir, "901_flip.md"));
    await expect
      .poll(() => logged(SKIPPED).map((l) => l.reason), { timeout: 5_000 })
      .toEqual([
        "900_late.md: leads outside the article directory",
        "901_flip.md: leads outside the article directory",
      ]);
    expect(await filesOf(qa)).not.toContain("901_flip.md");
    expect(await filesOf(qa)).not.toContain("900_late.md");
    expect((await qa.articles()).map((a) => a.title)).not.toContain("外面的文章");
  });
});

describe("a configured secret in an article", () => {
  const LEAKY = `${PENGUINS}
机器人的令牌是 ${TOKEN} ，请不要告诉别人。
`;

  it("is never quoted: its paragraph is left out, with a warning naming the file and not the secret", async () => {
    const dirs = await workspace(cleanups);
    await writeFile(path.join(dirs.corpusDir, "900_leak.md"), LEAKY);
    const { qa, memory, logged } = await openQa(cleanups, dirs, { secrets: [TOKEN] });
    const answer = await qa.ask("机器人的令牌是什么");
    expect(answer.quotes.map((q) => q.text).join("\n")).not.toContain(TOKEN);
    // The rest of the article is still read.
    expect((await qa.ask(PENGUIN_QUESTION)).quotes[0]?.article.file).toBe("900_leak.md");
    const warned = logged("left out text of an article that holds a configured secret");
    expect(warned).toEqual([expect.objectContaining({ file: "900_leak.md", paragraphs: 1 })]);
    expect(memory.text()).not.toContain(TOKEN);
  });

  it("is dropped from a title, which falls back to the file's first words", async () => {
    const dirs = await workspace(cleanups);
    const titled = PENGUINS.replace("title: 测试文章", `title: 令牌 ${TOKEN}`);
    await writeFile(path.join(dirs.corpusDir, "900_leak.md"), titled);
    const { qa } = await openQa(cleanups, dirs, { secrets: [TOKEN] });
    const titles = (await qa.articles()).map((a) => a.title).join("\n");
    expect(titles).not.toContain(TOKEN);
  });

  it("is dropped from an index saved before the secret was configured", async () => {
    const dirs = await workspace(cleanups);
    await writeFile(path.join(dirs.corpusDir, "900_leak.md"), LEAKY);
    const before = await createQa({ ...dirs, configDir: CONFIG_DIR, logger: memoryLogger().logger });
    expect((await before.ask("机器人的令牌是什么")).quotes.map((q) => q.text).join("\n")).toContain(TOKEN);
    await before.close();
    const { qa } = await openQa(cleanups, dirs, { secrets: [TOKEN] });
    expect((await qa.ask("机器人的令牌是什么")).quotes.map((q) => q.text).join("\n")).not.toContain(TOKEN);
    const saved = await readFile(path.join(dirs.cacheDir, await savedName(dirs.cacheDir)), "utf8");
    expect(saved).not.toContain(TOKEN);
  });
});

async function savedName(cacheDir: string): Promise<string> {
  const { readdir } = await import("node:fs/promises");
  return (await readdir(cacheDir)).find((f) => /^index-.*\.jsonl$/.test(f)) ?? "none";
}
