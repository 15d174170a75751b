import path from "node:path";
import { hitRank, readQuestions, shown } from "./src/cli/scoring.ts";
import { openQa } from "./src/cli/setup.ts";

const evalDir = "/work/shared/eval";
const qs = readQuestions(path.join(evalDir, "xquad-dev", `questions-en.jsonl`));
const { qa } = await openQa(path.join(evalDir, "xquad-dev", "corpus"), {});
const hist: Record<string, number> = {};
for (const q of qs) {
  const a = await qa.ask(q.q, { limit: 3 });
  const r = hitRank(shown(a), q);
  const b = a.quotes.length === 0 ? "abstained" : r === 0 ? "wrong" : String(r);
  hist[b] = (hist[b] ?? 0) + 1;
  if (r > 1) console.log(`${r}\t${q.q}\t${q.span}\n   1: ${a.quotes[0]?.text.slice(0, 100)}`);
}
console.log(hist);
await qa.close();
