/**
 * A local stand-in for a model server that speaks both APIs the semantic layer calls, for real over HTTP on
 * 127.0.0.1: the OpenAI embeddings API (`POST …/embeddings`) and the Jina/Cohere rerank API (`POST …/rerank`),
 * answered by the character n-gram TF-IDF model (`ngram-model.ts`). Tests make it fail on purpose (`faults`),
 * slow (`delayMs`: each answer leaves that long after its request arrived), go away and come back (`stop`,
 * `start`). Also a script, for eval, calibrate and bench:
 *
 *   npm run model-standin -- [--port 8090] [--delay 0] [--dimensions 1024] [--idf DIR ...]
 *
 * then EMBEDDINGS_URL=http://127.0.0.1:8090/v1 EMBEDDINGS_MODEL=ngram (and/or RERANK_URL, RERANK_MODEL).
 * Its IDF is counted over the paragraphs of the article files under each --idf directory (default: seeds and
 * the shared eval sets' corpora), so the same directories give the same model.
 */
import { once } from "node:events";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import { createNgramModel, type NgramModel } from "./ngram-model.ts";

/** One way a request is made to fail; each fault in `faults` answers one request, first in first out. */
export type Fault =
  | { status: number; retryAfter?: string }
  | { hangMs: number }
  | { dimensions: number }
  | { garbage: true };

/** What the stand-in was asked. */
export interface Call {
  route: "embeddings" | "rerank";
  texts: string[];
  authorization: string | undefined;
}

/** The stand-in server. */
export interface ModelStandIn {
  /** The API base: `http://127.0.0.1:<port>/v1`. */
  readonly url: string;
  readonly model: NgramModel;
  /** Every request answered or failed, in order. */
  readonly calls: Call[];
  /** Faults to answer the next requests with (any route), first in first out. */
  readonly faults: Fault[];
  /** Milliseconds each answer waits. */
  delayMs: number;
  /** The texts of the `/embeddings` requests answered with vectors. */
  embedded(): string[];
  /** Stops listening and drops open connections (the endpoint goes away). */
  stop(): Promise<void>;
  /** Listens again on the same port (the endpoint comes back). */
  start(): Promise<void>;
}

/** Starts the stand-in on 127.0.0.1 (`port` 0: any free port). */
export async function startModelStandIn(
  options: { port?: number; delayMs?: number; model?: NgramModel } = {},
): Promise<ModelStandIn> {
  const model = options.model ?? createNgramModel();
  const calls: Call[] = [];
  const answered: string[] = [];
  const faults: Fault[] = [];
  let server: Server | undefined;
  let port = options.port ?? 0;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    // The answer leaves `delayMs` after the request came (its own work done meanwhile), as a model server's
    // that takes that long would: reading and scoring are part of the time it is told to take, not added to it.
    const waited =
      stand.delayMs > 0 ? new Promise((resolve) => setTimeout(resolve, stand.delayMs)) : Promise.resolve();
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    const route = request.url?.endsWith("/embeddings")
      ? "embeddings"
      : request.url?.endsWith("/rerank")
        ? "rerank"
        : undefined;
    if (request.method !== "POST" || !route) return reply(response, 404, { error: "not found" });
    const texts: string[] = route === "embeddings" ? [body.input].flat() : body.documents;
    calls.push({ route, texts, authorization: request.headers.authorization });
    const fault = faults.shift();
    const [status, answer, headers] = answerFor(route, texts, body, fault);
    await waited;
    if (fault && "hangMs" in fault) await new Promise((resolve) => setTimeout(resolve, fault.hangMs));
    if (route === "embeddings" && status === 200 && !(fault && "garbage" in fault)) answered.push(...texts);
    return reply(response, status, answer, headers);
  };

  /** The status, body and headers answering one request (its fault's, if it has one). */
  const answerFor = (
    route: "embeddings" | "rerank",
    texts: string[],
    body: { query?: string; model?: string },
    fault: Fault | undefined,
  ): [number, unknown, Record<string, string>?] => {
    if (fault && "status" in fault) {
      const headers = fault.retryAfter ? { "retry-after": fault.retryAfter } : undefined;
      return [fault.status, { error: "a fault on purpose" }, headers];
    }
    if (fault && "garbage" in fault) return [200, { data: "not vectors", results: 42 }];
    if (route === "rerank") {
      const results = texts.map((text, index) => ({
        index,
        relevance_score: model.relevance(body.query ?? "", text),
      }));
      return [200, { results: results.sort((a, b) => b.relevance_score - a.relevance_score) }];
    }
    const size = fault && "dimensions" in fault ? fault.dimensions : model.dimensions;
    const data = texts.map((text, index) => ({
      object: "embedding",
      index,
      embedding: model.embed(text).slice(0, size),
    }));
    return [200, { object: "list", data, model: body.model, usage: { prompt_tokens: 0, total_tokens: 0 } }];
  };

  const stand: ModelStandIn = {
    get url() {
      return `http://127.0.0.1:${port}/v1`;
    },
    model,
    calls,
    faults,
    delayMs: options.delayMs ?? 0,
    embedded: () => [...answered],
    async stop() {
      const s = server;
      server = undefined;
      if (!s) return;
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    },
    async start() {
      if (server) return;
      server = createServer((request, response) => {
        handle(request, response).catch(() => reply(response, 500, { error: "stand-in failed" }));
      });
      server.listen(port, "127.0.0.1");
      await once(server, "listening");
      port = (server.address() as AddressInfo).port;
    },
  };
  await stand.start();
  return stand;
}

function reply(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  if (response.destroyed) return;
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

/** The paragraphs of every file under `dir`: the reference texts of the model's IDF. */
export function* paragraphsUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) yield* paragraphsUnder(file);
    else for (const p of readFileSync(file, "utf8").split(/\n\s*\n/)) if (p.trim()) yield p;
  }
}

async function main(): Promise<void> {
  const root = path.resolve(import.meta.dirname, "..", "..");
  const evalDir = path.join(root, "..", "shared", "eval");
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8090" },
      delay: { type: "string", default: "0" },
      dimensions: { type: "string", default: "1024" },
      idf: { type: "string", multiple: true },
    },
  });
  const dirs = values.idf ?? [
    path.join(root, "seeds"),
    ...["xquad-dev", "drcd-dev", "cmrc2018-dev"].map((set) => path.join(evalDir, set, "corpus")),
  ];
  const present = dirs.filter((dir) => existsSync(dir));
  const model = createNgramModel(
    (function* () {
      for (const dir of present) yield* paragraphsUnder(dir);
    })(),
    Number(values.dimensions),
  );
  const stand = await startModelStandIn({ port: Number(values.port), delayMs: Number(values.delay), model });
  console.log(`n-gram TF-IDF stand-in at ${stand.url} (IDF over ${present.join(", ")}); Ctrl-C stops it`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await main();
