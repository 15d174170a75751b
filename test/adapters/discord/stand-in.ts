/**
 * A stand-in Discord on 127.0.0.1 for the real discord.js client: the REST routes the bot uses, each request
 * recorded, and a JSON (uncompressed) gateway that says HELLO, answers IDENTIFY with READY and GUILD_CREATE,
 * acknowledges heartbeats, and dispatches whatever the test sends with increasing sequence numbers.
 * It can be sharded as Discord is: `GET /gateway/bot` recommends `shards`, each connection identifies as one
 * shard `[id, count]` and gets the guilds `(guild id >> 22) % count` puts on it, and a dispatch about a guild goes
 * to that guild's shard (anything else to shard 0).
 */
import { randomBytes } from "node:crypto";
import { EventEmitter, once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { type WebSocket, WebSocketServer } from "ws";
import { CHANNEL_ID, GUILD_ID, guildPayload, readyPayload, snowflake, user } from "./fixtures.ts";
import { restRoute } from "./stand-in-rest.ts";

/** One request the bot made, as the stand-in received it. */
export interface RecordedRequest {
  method: string;
  /** Path below the versioned root, e.g. `/interactions/1/abc/callback`. */
  path: string;
  query: URLSearchParams;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON that each test inspects.
  body: any;
  headers: IncomingMessage["headers"];
  /** Status the stand-in answered with. */
  status: number;
  /** `performance.now()` when the request arrived. */
  at: number;
}

/** A gateway payload the bot sent (IDENTIFY, heartbeats). */
export interface GatewayPayload {
  op: number;
  // biome-ignore lint/suspicious/noExplicitAny: gateway payloads are arbitrary JSON.
  d: any;
}

/** An error response for `failOnce`. */
export interface Failure {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const VERSIONED = /^\/api\/v10(\/[^?]*)/;

/** How the stand-in is sharded, and what it tells the bot about it. */
export interface StandInOptions {
  /** The shard count `GET /gateway/bot` recommends. Default 1. */
  shards?: number;
  /** `session_start_limit.max_concurrency`: how many shards may identify at once. Default 1, as for most bots. */
  maxConcurrency?: number;
  /** The guilds the bot is in. Default: GUILD_ID alone. */
  guilds?: string[];
  /** The text channel of each guild, by guild ID. Default: CHANNEL_ID in every guild. */
  channels?: Record<string, string>;
}

/** The shard Discord sends a guild's events to: `(guild_id >> 22) % shard count`. */
export function shardOfGuild(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** A running stand-in. Create with `startStandIn()`; `close()` when done. */
export class StandIn {
  readonly requests: RecordedRequest[] = [];
  /** The gateway session READY hands out, which a resuming client must present. */
  readonly sessionId = randomBytes(16).toString("hex");
  readonly received: GatewayPayload[] = [];
  /** Messages the bot or the tests created, by ID, for `GET /channels/:id/messages/:id`. */
  readonly messages = new Map<string, object>();
  /** The direct-message channels the bot opened (`POST /users/@me/channels`): channel ID → recipient's user ID. */
  readonly directChannels = new Map<string, string>();
  /** Users whose direct messages Discord refuses with 50007 (they blocked the bot or closed their DMs). */
  readonly refusingDirectMessages = new Set<string>();
  private readonly events = new EventEmitter();
  /**
   * The pending `waitFor`s, each called with every request until it matches or times out. A set, not listeners
   * on `events`: a test may wait for a burst of 70 requests at once, past an EventEmitter's warning at 10.
   */
  private readonly waiters = new Set<(request: RecordedRequest) => void>();
  private readonly http = createServer((req, res) => void this.handle(req, res));
  private readonly gateway = new WebSocketServer({ server: this.http, path: "/gateway" });
  /** The connected gateway session of each shard, by shard id, with the shard count it identified with. */
  private readonly sessions = new Map<number, { socket: WebSocket; count: number }>();
  private sequence = 0;
  private readonly failures: { match: (request: RecordedRequest) => boolean; reply: Failure }[] = [];
  private readonly originals = new Map<string, string>();
  apiRoot = "";
  gatewayUrl = "";
  readonly recommendedShards: number;
  readonly maxConcurrency: number;
  readonly guilds: readonly string[];
  private readonly channels: Record<string, string>;

  constructor(options: StandInOptions = {}) {
    this.recommendedShards = options.shards ?? 1;
    this.maxConcurrency = options.maxConcurrency ?? 1;
    this.guilds = options.guilds ?? [GUILD_ID];
    this.channels = options.channels ?? {};
  }

  /** The text channel of a guild the bot is in. */
  channelOf(guildId: string): string {
    return this.channels[guildId] ?? CHANNEL_ID;
  }

  /** A guild's text channel as `GET /channels/:id` answers, or undefined for a channel of no guild the bot is in. */
  channel(id: string): object | undefined {
    const guildId = this.guilds.find((guild) => this.channelOf(guild) === id);
    return guildId === undefined ? undefined : guildPayload(guildId, id).channels[0];
  }

  async listen(): Promise<this> {
    this.http.listen(0, "127.0.0.1");
    await once(this.http, "listening");
    const { port } = this.http.address() as AddressInfo;
    this.apiRoot = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
    this.gateway.on("connection", (socket) => this.connect(socket));
    return this;
  }

  /** Resolves once a client has identified and received READY and its guild. */
  readonly ready: Promise<void> = new Promise((resolve) => this.events.once("ready", resolve));

  /** Resolves once `count` shards have identified and each received READY and its guilds. */
  shardsReady(count: number, timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.sessions.size < count) return;
        clearTimeout(timer);
        this.events.off("ready", check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.events.off("ready", check);
        reject(new Error(`StandIn: ${this.sessions.size} of ${count} shards identified`));
      }, timeoutMs);
      this.events.on("ready", check);
      check();
    });
  }

  /** The shard a dispatch goes to: its guild's, or shard 0 for one outside guilds (a direct message). */
  shardOf(data: { guild_id?: unknown }): number {
    const count = this.sessions.get(0)?.count ?? this.sessions.values().next().value?.count ?? 1;
    return typeof data.guild_id === "string" ? shardOfGuild(data.guild_id, count) : 0;
  }

  /**
   * Sends a gateway dispatch to the session of the shard it belongs to and returns the `performance.now()` of
   * sending.
   */
  dispatch(type: string, data: object): number {
    const shard = this.shardOf(data);
    const session = this.sessions.get(shard);
    if (!session) throw new Error(`StandIn: no gateway client is connected as shard ${shard}`);
    return this.send(session.socket, type, data);
  }

  /**
   * Asks the client to reconnect (opcode 7, as Discord does before restarting a gateway node) and resolves
   * with its RESUME payload once it has reconnected and been told RESUMED.
   */
  async reconnect(): Promise<GatewayPayload> {
    const resumed = new Promise<GatewayPayload>((resolve) => this.events.once("resumed", resolve));
    this.sessions.get(0)?.socket.send(JSON.stringify({ op: 7, s: null, t: null, d: null }));
    return resumed;
  }

  /** How many requests have arrived so far: pass it to `waitFor` to wait only for later ones. */
  mark(): number {
    return this.requests.length;
  }

  /** The first request from index `since` on that matches; waits for it when none has arrived yet. */
  waitFor(
    match: (request: RecordedRequest) => boolean,
    since = 0,
    timeoutMs = 5000,
  ): Promise<RecordedRequest> {
    const found = this.requests.slice(since).find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = (request: RecordedRequest) => {
        if (!match(request)) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(request);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.requests.slice(since).map((r) => `${r.method} ${r.path}`);
        reject(new Error(`StandIn: no matching request; since then: ${JSON.stringify(seen)}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Answers the next request that matches with this error instead of serving it. */
  failOnce(match: (request: RecordedRequest) => boolean, reply: Failure): void {
    this.failures.push({ match, reply });
  }

  /** Answers the next request that matches with 429 Too Many Requests, as Discord does when a bucket is empty. */
  rateLimitOnce(match: (request: RecordedRequest) => boolean): void {
    this.failOnce(match, {
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 0.05, global: false },
      headers: { "retry-after": "0.05", "x-ratelimit-scope": "user" },
    });
  }

  /**
   * The DM channel with a user, as `POST /users/@me/channels` answers: the same channel every time, as Discord
   * gives one per user. Opening it succeeds even for a user who refuses DMs; sending in it then fails.
   */
  openDirectChannel(recipientId: string): object {
    const id =
      [...this.directChannels].find(([, recipient]) => recipient === recipientId)?.[0] ?? snowflake();
    this.directChannels.set(id, recipientId);
    const recipient = { ...user, id: recipientId, username: `user${recipientId.slice(-4)}` };
    return { id, type: 1, last_message_id: null, flags: 0, recipients: [recipient] };
  }

  /** The ID of the original response of the interaction with this token, the same on every edit. */
  originalId(token: string): string {
    const id = this.originals.get(token) ?? snowflake();
    this.originals.set(token, id);
    return id;
  }

  async close(): Promise<void> {
    for (const client of this.gateway.clients) client.terminate();
    this.gateway.close();
    this.http.closeAllConnections();
    await new Promise((resolve) => this.http.close(resolve));
  }

  /** The session ID of a shard's session: `sessionId` itself for shard 0. */
  sessionOf(shard: number): string {
    return shard === 0 ? this.sessionId : `${this.sessionId}-${shard}`;
  }

  private send(socket: WebSocket, type: string, data: object): number {
    this.sequence += 1;
    const at = performance.now();
    socket.send(JSON.stringify({ op: 0, t: type, s: this.sequence, d: data }));
    return at;
  }

  private connect(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: 10, s: null, t: null, d: { heartbeat_interval: 41_250 } }));
    socket.on("message", (raw) => {
      const payload = JSON.parse(String(raw)) as GatewayPayload;
      this.received.push(payload);
      if (payload.op === 1) socket.send(JSON.stringify({ op: 11, s: null, t: null, d: null }));
      if (payload.op === 2) {
        // A client that is not sharded sends no shard: it is shard 0 of 1.
        const [id, count] = (payload.d.shard as [number, number] | undefined) ?? [0, 1];
        this.sessions.set(id, { socket, count });
        const guilds = this.guilds.filter((guild) => shardOfGuild(guild, count) === id);
        const ready = readyPayload(this.gatewayUrl, this.sessionOf(id), { shard: [id, count], guilds });
        this.send(socket, "READY", ready);
        for (const guild of guilds)
          this.send(socket, "GUILD_CREATE", guildPayload(guild, this.channelOf(guild)));
        this.events.emit("ready");
      }
      if (payload.op === 6) {
        const id = [...this.sessions.keys()].find((shard) => this.sessionOf(shard) === payload.d.session_id);
        const session = id === undefined ? undefined : this.sessions.get(id);
        if (id !== undefined && session) this.sessions.set(id, { socket, count: session.count });
        this.send(socket, "RESUMED", {});
        this.events.emit("resumed", payload);
      }
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = decodeURIComponent(VERSIONED.exec(url.pathname)?.[1] ?? url.pathname);
    const request: RecordedRequest = {
      method: req.method ?? "GET",
      path,
      query: url.searchParams,
      body: text && req.headers["content-type"]?.includes("json") ? JSON.parse(text) : text,
      headers: req.headers,
      status: 0,
      at,
    };
    const failure = this.failures.find(({ match }) => match(request));
    if (failure) {
      this.failures.splice(this.failures.indexOf(failure), 1);
      this.respond(res, request, failure.reply.status, failure.reply.body, failure.reply.headers);
      return;
    }
    const { status, body } = restRoute(this, request);
    this.respond(res, request, status, body);
  }

  private respond(
    res: ServerResponse,
    request: RecordedRequest,
    status: number,
    body: unknown,
    headers = {},
  ): void {
    request.status = status;
    this.requests.push(request);
    for (const waiter of [...this.waiters]) waiter(request);
    if (body === undefined) res.writeHead(status, headers).end();
    else res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  }
}

/** Starts a stand-in on a free port of 127.0.0.1. */
export function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  return new StandIn(options).listen();
}
