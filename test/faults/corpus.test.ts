import { execFileSync } from "node:child_process";
import { mkdir, rename, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openQa, PENGUIN_QUESTION, PENGUINS, workspace } from "../support/workspace.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const SKIPPED = "skipped an article file that cannot be read";

describe("reading the article directory", () => {
  it("skips a FIFO and a symlink to /dev/zero with a warning each, and indexes the rest", async () => {
    const dirs = await workspace(cleanups);
    execFileSync("mkfifo", [path.join(dirs.corpusDir, "pipe.md")]);
    await symlink("/dev/zero", path.join(dirs.corpusDir, "zero.txt"));
    const { ready, logged, qa } = await openQa(cleanups, dirs);
    expect(ready).toMatchObject({ articles: 5, skipped: 2 });
    expect(logged(SKIPPED).map((l) => l.reason)).toEqual([
      "pipe.md: not a regular file (a FIFO)",
      "zero.txt: leads outside the article directory",
    ]);
    expect((await qa.ask("耶伦哪天访华？")).quotes[0]?.text).toContain("4月3日");
  });

  it("skips a file over maxArticleBytes, warning once however often the directory changes", async () => {
    const dirs = await workspace(cleanups);
    await writeFile(path.join(dirs.corpusDir, "huge.md"), PENGUINS.repeat(500));
    const { ready, logged } = await openQa(cleanups, dirs, {
      watch: true,
      maxArticleBytes: 65_536,
      rescanMs: 100,
    });
    expect(ready).toMatchObject({ skipped: 1 });
    for (const name of ["a", "b", "c"]) {
      await writeFile(path.join(dirs.corpusDir, `901_${name}.md`), PENGUINS);
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    await expect.poll(() => logged("articles changed; index updated").length).toBeGreaterThan(0);
    expect(logged(SKIPPED).map((l) => l.reason)).toEqual([
      "huge.md: larger than 65,536 bytes (maxArticleBytes)",
    ]);
  });
});

describe("watching the article directory", () => {
  it("keeps watching when the directory is replaced, and picks up an article added to the new one", async () => {
    const dirs = await workspace(cleanups);
    const { qa, logged } = await openQa(cleanups, dirs, { watch: true, rescanMs: 200 });
    await rename(dirs.corpusDir, path.join(dirs.root, "old-seeds"));
    await mkdir(dirs.corpusDir);
    execFileSync("cp", ["-p", "-r", `${path.join(dirs.root, "old-seeds")}/.`, dirs.corpusDir]);
    await writeFile(path.join(dirs.corpusDir, "900_test.md"), PENGUINS);
    await expect
      .poll(async () => (await qa.ask(PENGUIN_QUESTION)).quotes[0]?.article.title, { timeout: 5000 })
      .toBe("测试文章");
    expect(logged("the article directory was replaced; watching the new one")).toHaveLength(1);
    expect(await qa.articles()).toHaveLength(6);
  });

  it("keeps the index while the directory is missing, and picks it up again when it is back", async () => {
    const dirs = await workspace(cleanups);
    const { qa, logged } = await openQa(cleanups, dirs, { watch: true, rescanMs: 200 });
    await rename(dirs.corpusDir, path.join(dirs.root, "away"));
    await expect
      .poll(() => logged("the article directory is missing; keeping the current index").length)
      .toBe(1);
    expect((await qa.ask("耶伦哪天访华？")).quotes[0]?.text).toContain("4月3日");
    await rename(path.join(dirs.root, "away"), dirs.corpusDir);
    await writeFile(path.join(dirs.corpusDir, "900_test.md"), PENGUINS);
    await expect
      .poll(async () => (await qa.ask(PENGUIN_QUESTION)).quotes[0]?.article.title, { timeout: 5000 })
      .toBe("测试文章");
    expect(logged("the article directory is back; watching it again")).toHaveLength(1);
    expect(logged("could not update the index")).toHaveLength(0);
  });
});
