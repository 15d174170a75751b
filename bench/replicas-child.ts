/**
 * Child process: the bots with 1 and with `--replicas` processes (bench/replicas.ts), a burst of `--burst`
 * questions each, Telegram then Discord, on each index backend of `--index`.
 *   node --import tsx bench/replicas-child.ts --replicas 2 --burst 200 --index minisearch,postgres
 */
import { parseArgs } from "node:util";
import { report } from "./child.ts";
import { botQuestions } from "./questions.ts";
import { type Backend, discordReplicas, type ReplicaRun, telegramReplicas, withIndex } from "./replicas.ts";

const { values } = parseArgs({
  options: {
    replicas: { type: "string", default: "2" },
    burst: { type: "string", default: "200" },
    index: { type: "string", default: "minisearch" },
  },
});
const most = Number(values.replicas);
const burst = Number(values.burst);
const texts = botQuestions();
const counts = [...new Set([1, most])];
const runs: ReplicaRun[] = [];
for (const backend of values.index.split(",") as Backend[]) {
  await withIndex(backend, async (index) => {
    for (const replicas of counts) {
      console.error(`[bench] ${backend}: Telegram, ${replicas} webhook replica(s)`);
      runs.push(await telegramReplicas(index, replicas, texts, burst));
    }
    for (const shards of counts) {
      console.error(`[bench] ${backend}: Discord, ${shards} shard(s)`);
      runs.push(await discordReplicas(index, shards, texts, burst));
    }
  });
}
report(runs);
