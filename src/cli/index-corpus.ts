/**
 * `npm run index [-- --corpus DIR]`: brings the index up to date with the article directory, then exits. With
 * `INDEX_URL` set, that is the PostgreSQL index the bots read (run it on deploy, or leave it to one bot with
 * `INDEX_SYNC=background`); otherwise the saved MiniSearch index, so that the next start loads instead of builds.
 */
import "../load-env.ts";
import { parseArgs } from "node:util";
import { openQa, runCommand } from "./setup.ts";

const USAGE = "usage: npm run index [-- --corpus DIR]";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { corpus: { type: "string" } } });
  const started = performance.now();
  const { qa } = await openQa(values.corpus);
  const articles = (await qa.articles()).length;
  await qa.close();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Indexed ${articles} articles in ${seconds} s.`);
}

runCommand(main, USAGE);
