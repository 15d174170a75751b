import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AggregatorRegistry } from "prom-client";
import { ConfigError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import type { SemanticStatus } from "../core/semantic/layer.ts";
import { OPS_WAIT_MS, withinDeadline } from "./deadline.ts";
import type { IndexSize, Metrics } from "./metrics.ts";

/** What `createOpsServer` needs. */
export interface OpsServerOptions {
  /** Port to listen on; 0 picks a free one (tests). */
  port: number;
  /** Interface to listen on. Default: all of them, so that probes and scrapers from outside reach it. */
  host?: string;
  metrics: Metrics;
  logger: Logger;
  /**
   * The metrics of other processes this port speaks for (the Discord shards), each as `getMetricsAsJSON()`;
   * served beside this process's own. They keep apart from it by their labels (each shard's carry `shard`).
   */
  others?: () => Promise<object[][]>;
}

/** The health and metrics port (`HEALTH_PORT`): started before the index loads, told when it has. */
export interface OpsServer {
  /** Listens; resolves with the port it got. */
  start(): Promise<number>;
  /** The index is loaded: `/healthz` answers 200 from now on, and the index gauges report `index`'s size. */
  ready(index: IndexSize): void;
  /**
   * A platform whose reachability `/healthz` reports as `platforms.<name>` (e.g. `"telegram": "unreachable"`).
   * Reported, never failing the check: a platform outage is not this process's fault, and a load balancer or
   * orchestrator that took every replica out (or restarted them) for it would only lose the answers in flight.
   */
  reportPlatform(name: string, status: () => string): void;
  /** Stops listening and closes open connections (a scraper's keep-alive must not hold shutdown up). */
  stop(): Promise<void>;
}

/**
 * An HTTP server with two routes: `GET /healthz`, 503 `{"status":"loading"}` until `ready`, then 200
 * `{"status":"ok","articles":…,"passages":…}` (503 `{"status":"unavailable"}` when the index cannot say how big it
 * is within `OPS_WAIT_MS`, e.g. PostgreSQL is away or stalled), with
 * `"platforms":{"telegram":"reachable"|"unreachable"|"unknown"}` once a bot reports one; and `GET /metrics`, the
 * registry in Prometheus' text format (with the other processes' metrics when they come within `OPS_WAIT_MS`,
 * without them otherwise).
 */
export function createOpsServer({ port, host, metrics, logger, others }: OpsServerOptions): OpsServer {
  let index: IndexSize | undefined;
  const platforms = new Map<string, () => string>();
  const platformsField = () =>
    platforms.size === 0 ? {} : { platforms: Object.fromEntries([...platforms].map(([n, s]) => [n, s()])) };

  const health = async (response: ServerResponse) => {
    if (!index) return send(response, 503, "application/json", JSON.stringify({ status: "loading" }));
    try {
      const [{ articles, passages }, semantic] = await Promise.all([
        withinDeadline(index.stats(), OPS_WAIT_MS, "the index"),
        semanticField(index), // on and healthy or not; answers go on lexically either way
      ]);
      const body = { status: "ok", articles, passages, semantic, ...platformsField() };
      send(response, 200, "application/json", JSON.stringify(body));
    } catch (error) {
      logger.warn({ error: String(error) }, "health check: the index did not answer");
      send(response, 503, "application/json", JSON.stringify({ status: "unavailable" }));
    }
  };
  const exposition = async () => {
    const more = others
      ? await withinDeadline(others(), OPS_WAIT_MS, "the other processes").catch((error: unknown) => {
          logger.warn({ error: String(error) }, "metrics: serving this process's own only");
          return [];
        })
      : [];
    if (more.length === 0) return metrics.registry.metrics();
    const own = await metrics.registry.getMetricsAsJSON();
    return AggregatorRegistry.aggregate([own, ...more]).metrics();
  };
  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const { pathname } = new URL(request.url ?? "/", "http://localhost");
    if (pathname !== "/healthz" && pathname !== "/metrics")
      return send(response, 404, "text/plain", "not found\n");
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.setHeader("allow", "GET, HEAD");
      return send(response, 405, "text/plain", "method not allowed\n");
    }
    if (pathname === "/healthz") return health(response);
    send(response, 200, metrics.registry.contentType, await exposition());
  };

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      logger.error({ error: String(error) }, "ops request failed");
      if (!response.headersSent) send(response, 500, "text/plain", "internal error\n");
    });
  });
  let stopping: Promise<void> | undefined;

  return {
    async start() {
      server.listen(port, host);
      await once(server, "listening").catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "EADDRINUSE" && error.code !== "EACCES") throw error;
        throw new ConfigError(
          `HEALTH_PORT ${port} cannot be listened on (${error.code}): pick another port.`,
        );
      });
      const bound = (server.address() as AddressInfo).port;
      logger.info({ port: bound }, "health and metrics listening");
      return bound;
    },
    reportPlatform(name, status) {
      platforms.set(name, status);
    },
    ready(loaded) {
      index = loaded;
      metrics.watchIndex(loaded);
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}

/** A Discord shard's semantic layer in `/healthz`: off, healthy, degraded (an endpoint down), or unknown. */
type ShardSemantic = {
  shard: number;
  state: "off" | "healthy" | "degraded" | "unknown";
} & Partial<SemanticStatus>;

/**
 * How long each Discord shard gets to say how its semantic layer is: under `OPS_WAIT_MS`, so that a shard that
 * does not answer in time is "unknown" while the others' answers still count.
 */
const SHARD_SEMANTIC_WAIT_MS = OPS_WAIT_MS - 100;

/**
 * `/healthz`'s `semantic`: this process's layer, and in the shards' parent each shard's as `shards` (healthy
 * only when every part of every shard is); undefined when the layer is off everywhere. A shard that does not
 * answer within `SHARD_SEMANTIC_WAIT_MS` is "unknown", and so unhealthy; should the shards not be asked within
 * `OPS_WAIT_MS` at all, `shards` is "unknown".
 */
async function semanticField(index: IndexSize): Promise<object | undefined> {
  const own = index.semantic?.();
  if (!index.shardsSemantic) return own;
  const asked = await withinDeadline(
    index.shardsSemantic(SHARD_SEMANTIC_WAIT_MS),
    OPS_WAIT_MS,
    "the shards",
  ).catch(() => undefined);
  if (!asked) return { ...own, healthy: false, shards: "unknown" };
  const shards = asked.map(({ shard, status }): ShardSemantic => {
    if (status === "unknown" || status === undefined) return { shard, state: status ?? "off" };
    return { shard, state: status.healthy ? "healthy" : "degraded", ...status };
  });
  if (!own && shards.every((s) => s.state === "off")) return undefined;
  const healthy = (own?.healthy ?? true) && shards.every((s) => s.state === "healthy");
  return { ...own, healthy, shards };
}

/** Ends `response` with `body`; HEAD gets the headers only. */
function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  response.end(response.req.method === "HEAD" ? undefined : body);
}
