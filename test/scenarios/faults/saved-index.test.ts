import { createHash } from "node:crypto";
import { readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bigArticle } from "../../support/big-article.ts";
import { openQa, savedIndexFile, workspace } from "../../support/workspace.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const CORRUPT = "saved index is corrupt; rebuilding it";
const cacheFile = savedIndexFile;

/** The saved file's lines edited by `edit`, with its checksum line made to match again: valid, but of another shape. */
function resealed(saved: string, edit: (lines: unknown[]) => void): string {
  const lines: unknown[] = saved
    .trimEnd()
    .split("\n")
    .slice(0, -1)
    .map((line) => JSON.parse(line));
  edit(lines);
  const body = lines.map((line) => `${JSON.stringify(line)}\n`).join("");
  return `${body}${JSON.stringify({ sha256: createHash("sha256").update(body).digest("hex") })}\n`;
}

async function corruptAndReopen(edit: (saved: string) => string) {
  const dirs = await workspace(cleanups);
  await openQa(cleanups, dirs);
  const file = await cacheFile(dirs.cacheDir);
  await writeFile(file, edit(await readFile(file, "utf8")));
  const reopened = await openQa(cleanups, dirs);
  return { ...reopened, file };
}

describe("a saved index that does not check out", () => {
  const cases: Array<[string, (saved: string) => string, RegExp]> = [
    ["truncated", (saved) => saved.slice(0, Math.floor(saved.length / 2)), /truncated/],
    [
      "of the wrong shape (an entry's passage list is a number)",
      (saved) =>
        resealed(saved, (lines) => {
          (lines[1] as [string, { passageIds: unknown }])[1].passageIds = 5;
        }),
      /article entries has the wrong shape \(1\.passageIds/,
    ],
    [
      "of the wrong shape (a passage filed under another article)",
      (saved) =>
        resealed(saved, (lines) => {
          const header = lines[0] as { lengths: number[] };
          const [entries = 0, passages = 0] = header.lengths;
          const passage = lines[entries + passages] as [number, { file: string }]; // the last, not 000_'s
          passage[1].file = "000_6243659989082342.txt";
        }),
      /lists passage/,
    ],
    [
      "edited (a quote's text changed, checksum not)",
      (saved) => saved.replace(/"text":"[^"]+"/, '"text":"12345"'),
      /fails its checksum/,
    ],
  ];
  it.each(cases)("is rebuilt with one warning when %s", async (_, edit, reason) => {
    const { logged, ready, qa, file } = await corruptAndReopen(edit);
    const warnings = logged(CORRUPT);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.reason).toMatch(reason);
    expect(ready).toMatchObject({ articles: 5, added: 5 });
    expect((await qa.ask("耶伦哪天访华？")).quotes[0]?.text).toContain("4月3日");
    expect((await qa.ask("12345")).quotes).toEqual([]);
    // And the rebuilt file is good: the next start loads it without a word.
    await expect(readFile(file, "utf8")).resolves.toMatch(/"sha256":"[0-9a-f]{64}"}\n$/);
  });

  it("shrinks back once a large article is removed", async () => {
    const dirs = await workspace(cleanups);
    await openQa(cleanups, dirs);
    const fresh = (await stat(await cacheFile(dirs.cacheDir))).size;
    const big = path.join(dirs.corpusDir, "999_big.md");
    await writeFile(big, await bigArticle(400_000));
    await openQa(cleanups, dirs);
    const grown = (await stat(await cacheFile(dirs.cacheDir))).size;
    await rm(big);
    const { ready } = await openQa(cleanups, dirs);
    expect(ready).toMatchObject({ removed: 1 });
    const shrunk = (await stat(await cacheFile(dirs.cacheDir))).size;
    expect(grown).toBeGreaterThan(fresh * 3);
    expect(shrunk).toBeLessThan(fresh * 1.05);
  });
});
