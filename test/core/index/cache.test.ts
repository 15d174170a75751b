import { readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AN_HOUR_AGO,
  openQa,
  PENGUIN_QUESTION,
  PENGUINS,
  savedIndexFile,
  workspace,
} from "../../support/workspace.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const open = (dirs: { corpusDir: string; cacheDir: string }, watch = false) =>
  openQa(cleanups, dirs, { watch });

const cacheFile = savedIndexFile;

describe("the saved index", () => {
  it("is built and saved on first start, then loaded unchanged when nothing changed", async () => {
    const dirs = await workspace(cleanups);
    const built = await open(dirs);
    expect(built.ready).toMatchObject({ articles: 5, added: 5 });
    const file = await cacheFile(dirs.cacheDir);
    const savedAt = (await stat(file)).mtimeMs;

    const loaded = await open(dirs);
    expect(loaded.ready).toMatchObject({ articles: 5, added: 0, updated: 0, removed: 0 });
    expect((await stat(file)).mtimeMs).toBe(savedAt);
    expect((await loaded.qa.ask("耶伦哪天访华？")).quotes[0]?.text).toContain("4月3日");
  });

  it("is brought up to date when an article is added, changed or removed", async () => {
    const dirs = await workspace(cleanups);
    await open(dirs);
    await writeFile(path.join(dirs.corpusDir, "900_test.md"), PENGUINS);
    await rm(path.join(dirs.corpusDir, "000_6243659989082342.txt"));
    const changed = await open(dirs);
    expect(changed.ready).toMatchObject({ articles: 5, added: 1, removed: 1 });
    expect((await changed.qa.ask(PENGUIN_QUESTION)).quotes[0]?.article.publisher).toBe("测试报");
    expect(
      (await changed.qa.ask("川普与习近平上一次通话是什么时候？")).quotes.map((q) => q.article.file),
    ).not.toContain("000_6243659989082342.txt");
  });

  it("reads a file again only when its size or time moved, and re-indexes it only when its content changed", async () => {
    const dirs = await workspace(cleanups);
    await open(dirs);
    const article = path.join(dirs.corpusDir, "001_a3cf32f92385dae4.txt");
    const earlier = new Date(AN_HOUR_AGO.getTime() - 60_000);
    await utimes(article, earlier, earlier);
    expect((await open(dirs)).ready).toMatchObject({ added: 0, updated: 0, restamped: 1 });
    expect((await open(dirs)).ready).toMatchObject({ updated: 0, restamped: 0 });

    // Same size, time put back: the file is not read at all, so even this edit goes unseen (as with make or git).
    const text = await readFile(article, "utf8");
    await writeFile(article, text.replace("习近平", "習近平"));
    await utimes(article, earlier, earlier);
    expect((await open(dirs)).ready).toMatchObject({ updated: 0, restamped: 0 });

    await utimes(article, AN_HOUR_AGO, AN_HOUR_AGO);
    expect((await open(dirs)).ready).toMatchObject({ updated: 1, restamped: 0 });
  });

  it("re-reads an article whose override file appears, even an empty one", async () => {
    const dirs = await workspace(cleanups);
    await open(dirs);
    await writeFile(path.join(dirs.corpusDir, "001_a3cf32f92385dae4.txt.meta.json"), "");
    const reopened = await open(dirs);
    expect(reopened.ready).toMatchObject({ articles: 4, skipped: 1 });
  });

  const lines = (saved: string, count: number) => saved.split("\n").slice(0, count).join("\n");
  const cuts: Array<[string, (saved: string) => string]> = [
    ["cut short in its header", (saved) => saved.slice(0, 100)],
    ["cut short among its passages", (saved) => lines(saved, 8)],
    ["missing its last term", (saved) => saved.slice(0, saved.lastIndexOf("\n", saved.length - 2) + 1)],
    ["garbled in a term", (saved) => saved.replace(/\n\["([A-P]+)",/, '\n["$1",}')],
    ["followed by lines it did not write", (saved) => `${saved}["extra"]\n`],
    ["a header that is not an object", (saved) => `5\n${saved.slice(saved.indexOf("\n") + 1)}`],
  ];
  it.each(cuts)("is rebuilt, with a warning, when the saved file is %s", async (_, corrupt) => {
    const dirs = await workspace(cleanups);
    await open(dirs);
    const file = await cacheFile(dirs.cacheDir);
    await writeFile(file, corrupt(await readFile(file, "utf8")));
    const rebuilt = await open(dirs);
    expect(rebuilt.memory.lines().some((l) => l.msg === "saved index is corrupt; rebuilding it")).toBe(true);
    expect(rebuilt.ready).toMatchObject({ articles: 5, added: 5 });
    expect((await rebuilt.qa.ask("耶伦哪天访华？")).quotes[0]?.text).toContain("4月3日");
  });

  it("answers at once when watching, and is checked against the directory in the background", async () => {
    const dirs = await workspace(cleanups);
    await open(dirs);
    await writeFile(path.join(dirs.corpusDir, "900_test.md"), PENGUINS);
    const watching = await open(dirs, true);
    // Ready before the new file is read: the saved index's five articles, nothing reported yet.
    expect(watching.ready).toMatchObject({ articles: 5, added: 0 });
    const checked = () => watching.logged("saved index checked against the articles");
    await vi.waitFor(() => expect(checked()).toHaveLength(1));
    expect(checked()[0]).toMatchObject({ added: 1, removed: 0 });
    expect((await watching.qa.ask(PENGUIN_QUESTION)).quotes[0]?.article.publisher).toBe("测试报");
    // And saved: the next start finds it in the saved index, with nothing to add.
    expect((await open(dirs)).ready).toMatchObject({ articles: 6, added: 0 });
  });

  it("is rebuilt when it was built with other code, config or settings", async () => {
    const dirs = await workspace(cleanups);
    await open(dirs);
    const file = await cacheFile(dirs.cacheDir);
    const [header, ...rest] = (await readFile(file, "utf8")).split("\n");
    const outdated = { ...JSON.parse(header ?? ""), key: "built-by-another-version" };
    await writeFile(file, [JSON.stringify(outdated), ...rest].join("\n"));
    const rebuilt = await open(dirs);
    expect(rebuilt.ready).toMatchObject({ added: 5 });
    const messages = rebuilt.memory.lines().map((line) => line.msg);
    expect(messages).toContain("saved index is out of date (code, config or settings changed); rebuilding");
    expect(messages).not.toContain("saved index is corrupt; rebuilding it");
  });
});

describe("temporary files a kill during saving left", () => {
  it("are removed at start when they are ours and old; recent ones and others' files are kept", async () => {
    const dirs = await workspace(cleanups);
    const name = (pid: number) => `index-0123456789ab.jsonl.${pid}.tmp`;
    const files = {
      oldIndex: name(4_000_001),
      oldLexicon: "cedict-lexicon.json.4000002.tmp",
      recent: name(4_000_003), // another process may be writing it right now
      notOurs: "notes.4000004.tmp",
      oldVectors: "vectors-0123456789ab-ba9876543210.bin.4000005.tmp",
    };
    for (const file of Object.values(files)) await writeFile(path.join(dirs.cacheDir, file), "half a file");
    for (const file of [files.oldIndex, files.oldLexicon, files.notOurs, files.oldVectors]) {
      await utimes(path.join(dirs.cacheDir, file), AN_HOUR_AGO, AN_HOUR_AGO);
    }
    await open(dirs);
    const left = (await readdir(dirs.cacheDir)).filter((f) => f.endsWith(".tmp")).sort();
    expect(left).toEqual([files.recent, files.notOurs].sort());
  });
});

describe("saved indexes no corpus uses", () => {
  it("are removed when an index is saved: this corpus's under another name, a deleted corpus's, an old unnamed one; other corpora's are kept", async () => {
    const dirs = await workspace(cleanups);
    const other = await workspace(cleanups); // another corpus sharing the cache directory
    const shared = { corpusDir: other.corpusDir, cacheDir: dirs.cacheDir };
    await open(shared);
    const otherFile = await cacheFile(dirs.cacheDir);
    const saved = await readFile(otherFile, "utf8");
    const recording = (corpus: string) => {
      const [header, ...rest] = saved.split("\n");
      return [JSON.stringify({ ...JSON.parse(header ?? ""), corpus }), ...rest].join("\n");
    };
    const unnamed = (() => {
      const [header, ...rest] = saved.split("\n");
      const { corpus: _, ...withoutCorpus } = JSON.parse(header ?? "");
      return [JSON.stringify(withoutCorpus), ...rest].join("\n");
    })();
    const put = async (name: string, text: string, old = false) => {
      await writeFile(path.join(dirs.cacheDir, name), text);
      const long = new Date(Date.now() - 8 * 24 * 60 * 60_000);
      if (old) await utimes(path.join(dirs.cacheDir, name), long, long);
      return name;
    };
    const removed = [
      await put("index-aaaaaaaaaaaa.jsonl", recording(dirs.corpusDir)), // this corpus, another key or naming
      await put("index-bbbbbbbbbbbb.jsonl", recording(path.join(dirs.root, "deleted"))),
      await put("index-cccccccccccc.jsonl", unnamed, true),
      await put("index-dddddddddddd.json", "{}", true), // the format before JSON lines
    ];
    const kept = [
      path.basename(otherFile),
      await put("index-eeeeeeeeeeee.jsonl", unnamed), // says no corpus, but written recently: maybe in use
      await put("index-ffffffffffff.json", "{}"),
      await put("notes.jsonl", "not ours", true),
    ];

    const opened = await open(dirs);
    const names = await readdir(dirs.cacheDir);
    for (const name of kept) expect(names).toContain(name);
    for (const name of removed) expect(names).not.toContain(name);
    const own = names.filter((n) => /^index-[0-9a-f]{12}\.jsonl$/.test(n) && !kept.includes(n));
    expect(own).toHaveLength(1); // the index just saved for this corpus
    expect(opened.logged("removed a saved index no corpus uses any more")).toHaveLength(removed.length);
    // The other corpus still loads its saved index rather than rebuilding.
    expect((await open(shared)).ready).toMatchObject({ added: 0 });
  });
});

describe("a running Qa", () => {
  it("picks up an article dropped into the directory, without a restart", async () => {
    const dirs = await workspace(cleanups);
    const { qa } = await open(dirs, true);
    expect((await qa.ask(PENGUIN_QUESTION)).quotes).toEqual([]);
    await writeFile(path.join(dirs.corpusDir, "900_test.md"), PENGUINS);
    await expect
      .poll(async () => (await qa.ask(PENGUIN_QUESTION)).quotes[0]?.article.title, { timeout: 5000 })
      .toBe("测试文章");
  });

  it("skips a broken article file with a warning naming it, and indexes the rest", async () => {
    const dirs = await workspace(cleanups);
    await writeFile(path.join(dirs.corpusDir, "broken.md"), "---\ntitle: [unclosed\n---\n");
    await writeFile(path.join(dirs.corpusDir, "binary.txt"), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    const { ready, memory } = await open(dirs);
    expect(ready).toMatchObject({ articles: 5, skipped: 2 });
    const warned = memory.lines().filter((l) => l.msg === "skipped an article file that cannot be read");
    expect(warned.map((l) => l.file).sort()).toEqual(["binary.txt", "broken.md"]);
  });
});
