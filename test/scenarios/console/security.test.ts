/**
 * The console's defences, against the console of a running bot: nothing without a session, the token checked
 * and guessing slowed, CSRF on every form, uploads kept inside the corpus directory and under the size limit,
 * everything a user or an article wrote escaped, and the token never logged.
 */
import { lstat, mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "../../support/main-process.ts";
import { consoleClient, startRunningBot, TOKEN } from "./running-bot.ts";

let bot: Awaited<ReturnType<typeof startRunningBot>>;
/** Signed in first: the sign-in test then uses up the attempts its address has for the minute. */
let client: ReturnType<typeof consoleClient>;
beforeAll(async () => {
  bot = await startRunningBot({ MAX_ARTICLE_BYTES: "4096" });
  client = consoleClient(bot.base);
  expect((await client.signIn()).status).toBe(303);
}, 60_000);
afterAll(() => bot.close());

/** A routes' path with its parameters filled in. */
const PUBLIC = new Set(["GET /", "POST /sign-in", "GET /assets/console.css", "GET /assets/console.js"]);

describe("without a session", () => {
  it("shows / as a sign-in form with one password field", async () => {
    const { status, body } = await consoleClient(bot.base).page("/");
    expect(status).toBe(200);
    expect(body.match(/<input[^>]*type="password"/g)).toHaveLength(1);
    expect(body).not.toContain("Overview");
  });

  it("refuses every other route: a redirect to the sign-in form for pages, 401 for JSON", async () => {
    const routes = bot.remembering.routes().filter((r) => !PUBLIC.has(r));
    expect(routes.length).toBeGreaterThan(12);
    const client = consoleClient(bot.base);
    for (const route of routes) {
      const [method = "GET", pathname = "/"] = route.split(" ");
      const response = await client.request(pathname, { method, ...(method === "POST" ? { body: "" } : {}) });
      if (pathname.startsWith("/api/")) expect([route, response.status]).toEqual([route, 401]);
      else expect([route, response.status, response.headers.get("location")]).toEqual([route, 302, "/"]);
    }
  });
});

describe("sign-in", () => {
  it("refuses a wrong token, answers each failure later than the last, then refuses any attempt for a while", async () => {
    const guesser = consoleClient(bot.base);
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      const started = performance.now();
      const response = await guesser.signIn("not-the-token-at-all");
      times.push(performance.now() - started);
      expect(response.status).toBe(401);
      expect(await response.text()).toContain("That is not the console token.");
    }
    expect(times[3]).toBeGreaterThanOrEqual(1900); // the fourth failure in a row waits 2 s
    // Five attempts a minute from one address (the first was the other client's): the sixth is refused unread.
    expect((await guesser.signIn(TOKEN)).status).toBe(429);
    expect((await guesser.page("/questions")).status).toBe(302);
  }, 30_000);

  it("never writes the token to the log", async () => {
    expect(bot.memory.text()).not.toContain(TOKEN);
  });
});

describe("with a session", () => {
  it("refuses every form posted without its CSRF token", async () => {
    const { csrf } = await client.page("/feedback");
    for (const [pathname, fields] of [
      ["/pins", { question: "q", ref: "r" }],
      ["/pins/remove", { id: "1" }],
      ["/feedback/fixed", { answer: "0".repeat(32) }],
      ["/articles/remove", { file: "001_a3cf32f92385dae4.txt" }],
      ["/feeds/add", { url: "https://example.com/feed.xml" }],
      ["/feeds/remove", { url: "https://example.com/feed.xml" }],
      ["/sign-out", {}],
    ] as const) {
      expect([pathname, (await client.post(pathname, fields, false)).status]).toEqual([pathname, 403]);
      expect([pathname, (await client.post(pathname, fields, "forged")).status]).toEqual([pathname, 403]);
    }
    const upload = await uploadAs(client, "ok.md", "---\ntitle: t\n---\n正文。", undefined);
    expect(upload.status).toBe(403);
    expect((await lstat(path.join(bot.dirs.corpusDir, "001_a3cf32f92385dae4.txt"))).isFile()).toBe(true);
    expect(csrf).not.toBe("");
  });

  it("keeps uploads inside the corpus directory: no ../, no absolute path, no symlink followed", async () => {
    const outside = path.join(bot.dirs.root, "outside");
    await mkdir(outside, { recursive: true });
    const target = path.join(outside, "target.md");
    await writeFile(target, "untouched");
    await symlink(target, path.join(bot.dirs.corpusDir, "planted.md"));
    const before = await readdir(bot.dirs.root);
    for (const [name, status] of [
      ["../escaped.md", 400],
      ["../../escaped.md", 400],
      [path.join(outside, "absolute.md"), 400],
      ["sub/dir.md", 400],
      [".hidden.md", 400],
      ["planted.md", 409],
    ] as const) {
      const { csrf } = await client.page("/articles");
      const response = await uploadAs(client, name, "---\ntitle: 越狱\n---\n不应写入。", csrf);
      expect([name, response.status]).toEqual([name, status]);
    }
    expect(await readFile(target, "utf8")).toBe("untouched");
    expect(await readdir(outside)).toEqual(["target.md"]);
    expect(await readdir(bot.dirs.root)).toEqual(before);
    expect(
      (await readdir(bot.dirs.corpusDir)).filter((f) => f.includes("escaped") || f.startsWith(".upload")),
    ).toEqual([]);
  });

  it("views and removes articles in a publisher's folder, and nothing outside the corpus directory", async () => {
    const outside = path.join(bot.dirs.root, "outside-folder");
    await mkdir(outside, { recursive: true });
    await writeFile(path.join(outside, "secret.md"), "---\ntitle: 机密\n---\n不应读出。");
    await symlink(outside, path.join(bot.dirs.corpusDir, "linked")); // a publisher's folder that leads out
    await mkdir(path.join(bot.dirs.corpusDir, "某报"));
    await writeFile(
      path.join(bot.dirs.corpusDir, "某报", "one.md"),
      "---\ntitle: 某报一文\n---\n某报的正文。",
    );
    await writeFile(path.join(bot.dirs.root, "escaped.md"), "---\ntitle: 外面\n---\n外面的正文。");

    const view = (file: string) => client.page(`/articles/view?file=${encodeURIComponent(file)}`);
    const seen = await view("某报/one.md");
    expect([seen.status, seen.body.includes("某报的正文。")]).toEqual([200, true]);
    for (const file of [
      "linked/secret.md",
      "../escaped.md",
      "某报/../../escaped.md",
      "/etc/passwd",
      "a/b/c.md",
    ]) {
      const { status, body } = await view(file);
      expect([file, status, /不应读出|外面的正文|root:/.test(body)]).toEqual([
        file,
        expect.any(Number),
        false,
      ]);
      expect([file, status >= 400]).toEqual([file, true]);
    }

    const remove = async (file: string) =>
      client.post("/articles/remove", { file }, (await client.page("/articles")).csrf);
    for (const file of [
      "linked/secret.md",
      "../escaped.md",
      "某报/../../escaped.md",
      "某报\\one.md",
      ".x/one.md",
    ])
      expect([file, (await remove(file)).status]).toEqual([file, file.startsWith("linked") ? 404 : 400]);
    expect(await readdir(outside)).toEqual(["secret.md"]);
    expect(await readFile(path.join(bot.dirs.root, "escaped.md"), "utf8")).toContain("外面的正文");

    const removed = await remove("某报/one.md");
    expect(removed.status).toBe(200);
    expect(await readdir(path.join(bot.dirs.corpusDir, "某报"))).toEqual([]);
    expect(await readdir(path.join(bot.removedDir, "某报"))).toEqual([expect.stringMatching(/-one\.md$/)]);

    // A name longer than an upload may have is still an article the list shows: viewed and removed by it.
    const long = `${"long-name-".repeat(21)}.md`;
    await writeFile(path.join(bot.dirs.corpusDir, "某报", long), "---\ntitle: 长名\n---\n长名的正文。");
    await until("the long name is listed", async () => (await client.page("/articles")).body.includes(long));
    const longSeen = await view(`某报/${long}`);
    expect([longSeen.status, longSeen.body.includes("长名的正文。")]).toEqual([200, true]);
    expect((await remove(`某报/${long}`)).status).toBe(200);
    expect(await readdir(path.join(bot.dirs.corpusDir, "某报"))).toEqual([]);
  });

  it("refuses an upload larger than MAX_ARTICLE_BYTES and writes nothing", async () => {
    const { csrf } = await client.page("/articles");
    const response = await uploadAs(client, "huge.md", `---\ntitle: 大\n---\n${"长".repeat(3000)}`, csrf);
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("larger than 4,096 bytes (MAX_ARTICLE_BYTES)");
    expect(await readdir(bot.dirs.corpusDir)).not.toContain("huge.md");
  });

  it("shows a question and an article's text as text on every page: <script> is escaped", async () => {
    const attack = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    bot.store.logQuestion({
      time: new Date().toISOString(),
      platform: "telegram",
      question: attack,
      outcome: "abstained",
      quotes: [],
      ms: 1,
    });
    await bot.store.flush();
    const { csrf } = await client.page("/articles");
    const upload = await uploadAs(
      client,
      "xss.md",
      `---\ntitle: "${attack.replaceAll('"', "'")}"\n---\n${attack}`,
      csrf,
    );
    expect(upload.status).toBe(200);
    await until("the uploaded article is indexed", async () =>
      (await bot.qa.articles()).some((a) => a.file === "xss.md"),
    );
    for (const pathname of [
      "/questions",
      "/gaps",
      `/try?q=${encodeURIComponent(attack)}`,
      "/articles",
      "/articles/view?file=xss.md",
    ]) {
      const { body } = await client.page(pathname);
      expect([pathname, body.includes("&lt;script&gt;alert(")]).toEqual([pathname, true]);
      expect([pathname, /<script>alert|<img src=x/.test(body)]).toEqual([pathname, false]);
    }
  });
});

/** Posts one file to the upload form as a browser would, with `csrf` in the address (none when undefined). */
async function uploadAs(
  client: ReturnType<typeof consoleClient>,
  name: string,
  text: string,
  csrf: string | undefined,
) {
  const form = new FormData();
  form.append("article", new Blob([text], { type: "text/markdown" }), name);
  const query = csrf === undefined ? "" : `?_csrf=${encodeURIComponent(csrf)}`;
  return client.request(`/articles/upload${query}`, { method: "POST", body: form });
}
