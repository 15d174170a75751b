import { chmod, mkdir, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createPendingStore } from "../../../src/adapters/shared/pending.ts";
import { temporaryDirectory } from "../../support/seed-qa.ts";

let remove: (() => Promise<void>) | undefined;
afterEach(async () => {
  await remove?.();
});

/** A store in a fresh directory, and the directory. */
async function fresh() {
  const temporary = await temporaryDirectory();
  remove = temporary.remove;
  const dir = path.join(temporary.dir, "pending");
  return { dir, store: createPendingStore<{ text: string }>(dir) };
}

describe("createPendingStore", () => {
  it("hands what one run saved and did not remove to the next, counting the attempt", async () => {
    const { dir, store } = await fresh();
    await store.add("1", { text: "耶伦哪天访华？" });
    await store.add("2", { text: "handled" });
    await store.remove("2");
    const next = await createPendingStore<{ text: string }>(dir).takeUp();
    expect(next.map(({ id, item, attempts }) => ({ id, item, attempts }))).toEqual([
      { id: "1", item: { text: "耶伦哪天访华？" }, attempts: 1 },
    ]);
    expect(await readdir(dir)).toEqual(["1.json"]);
  });

  it("keeps the attempt count when a taken-up item is added again, so a poison item runs out", async () => {
    const { dir } = await fresh();
    await createPendingStore(dir).add("7", { text: "boom" });
    for (const expected of [1, 2, 3]) {
      const store = createPendingStore<{ text: string }>(dir);
      const [entry] = await store.takeUp();
      await store.add("7", { text: "boom" }); // handling it again passes through add
      expect(entry?.attempts).toBe(expected);
    }
  });

  it("drops a file it cannot read and ignores one that never got its final name", async () => {
    const { dir, store } = await fresh();
    await store.add("1", { text: "kept" });
    await writeFile(path.join(dir, "2.json"), '{"id":"2","ite'); // cut short
    await writeFile(path.join(dir, "3.json.tmp"), "{}");
    const next = await createPendingStore<{ text: string }>(dir).takeUp();
    expect(next.map((entry) => entry.id)).toEqual(["1"]);
    expect((await readdir(dir)).sort()).toEqual(["1.json", "3.json.tmp"]);
  });

  it("starts empty when the directory does not exist, and refuses an id that is no file name", async () => {
    const { store } = await fresh();
    expect(await store.takeUp()).toEqual([]);
    await expect(store.add("../x", { text: "" })).rejects.toThrow('pending store: bad id "../x"');
  });
});

describe("createPendingStore's file modes", () => {
  const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

  it("keeps users' messages readable by the owner only: files 0600 in a 0700 directory", async () => {
    const { dir, store } = await fresh();
    await store.add("1", { text: "私信" });
    expect(await modeOf(dir)).toBe(0o700);
    expect(await modeOf(path.join(dir, "1.json"))).toBe(0o600);
  });

  it("narrows a directory and files an earlier version left readable by everyone", async () => {
    const { dir } = await fresh();
    await mkdir(dir, { mode: 0o755 });
    await chmod(dir, 0o755);
    await writeFile(
      path.join(dir, "1.json"),
      JSON.stringify({ id: "1", item: { text: "私信" }, attempts: 0 }),
    );
    await chmod(path.join(dir, "1.json"), 0o644);
    await createPendingStore<{ text: string }>(dir).takeUp();
    expect(await modeOf(dir)).toBe(0o700);
    expect(await modeOf(path.join(dir, "1.json"))).toBe(0o600);
  });
});
