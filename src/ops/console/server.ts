import { randomBytes } from "node:crypto";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyReply } from "fastify";
import { ConfigError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import type { LoadedQa } from "../../core/qa.ts";
import type { FeedList } from "../../ingest/feed-list.ts";
import type { ConsoleStore } from "../../store/types.ts";
import { installAuth, sendSignIn } from "./auth.ts";
import type { Html } from "./html.ts";
import { CSS, JS, page } from "./layout.ts";
import { articlePages } from "./pages/articles.ts";
import { feedbackPage } from "./pages/feedback.ts";
import { feedPages } from "./pages/feeds.ts";
import { overviewPage } from "./pages/overview.ts";
import { pinPages } from "./pages/pins.ts";
import { questionPages } from "./pages/questions.ts";
import { tryPage } from "./pages/try.ts";
import type { PinBook } from "./pin-book.ts";
import type { RecentErrors } from "./recent-errors.ts";

/** What the console needs. */
export interface ConsoleOptions {
  port: number;
  /** The address to listen on (`CONSOLE_HOST`, 127.0.0.1 by default). */
  host: string;
  /** `CONSOLE_TOKEN`: what signs an operator in. */
  token: string;
  store: ConsoleStore;
  corpusDir: string;
  /** Where removed articles are moved to. */
  removedDir: string;
  maxArticleBytes: number;
  /** `QUESTION_LOG_DAYS`. */
  retentionDays: number;
  /** `QUESTION_LOG`. */
  logQuestions: boolean;
  errors: RecentErrors;
  logger: Logger;
}

/** What the pages read: the options, and the index once it is loaded. */
export interface ConsoleContext extends ConsoleOptions {
  /** The loaded index and the pins it answers with; undefined while the index loads. */
  loaded(): { qa: LoadedQa; pins: PinBook } | undefined;
  /** The feeds followed; undefined until the news service runs. */
  feeds(): FeedList | undefined;
  /** Sends a console page, with a fresh CSRF token for its forms. */
  send(reply: FastifyReply, title: string, path: string, body: (csrf: string) => Html): FastifyReply;
}

/** The operator's console, listening or not. */
export interface ConsoleServer {
  /** Listens; resolves with the port it got. */
  start(): Promise<number>;
  /** The index is loaded: the pages that need it work from now on. */
  ready(qa: LoadedQa, pins: PinBook): void;
  /** The news service runs: the feeds page can add and remove feeds from now on. */
  feedsReady(feeds: FeedList): void;
  stop(): Promise<void>;
  /** Every route, as `METHOD /path` (for the test that each one is refused without a session). */
  routes(): string[];
}

/**
 * The operator's web console (issue 33): Fastify, server-rendered pages escaped by `html`, every form under CSRF
 * protection, every page behind the sign-in. It serves the bot's own memory (the store) and index.
 */
export function createConsoleServer(options: ConsoleOptions): ConsoleServer {
  const app = Fastify({ logger: false, bodyLimit: 1 << 20, trustProxy: false });
  const routes: string[] = [];
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== "HEAD") routes.push(`${method} ${route.url}`);
  });
  let loaded: { qa: LoadedQa; pins: PinBook } | undefined;
  let feeds: FeedList | undefined;
  const context: ConsoleContext = {
    ...options,
    loaded: () => loaded,
    feeds: () => feeds,
    send(reply, title, path, body) {
      const csrf = reply.generateCsrf();
      return reply.type("text/html; charset=utf-8").send(page(title, path, csrf, body(csrf)).value);
    },
  };
  const setUp = async () => {
    await app.register(fastifyCookie, { secret: randomBytes(32).toString("hex") });
    await app.register(fastifyCsrf, {
      sessionPlugin: "@fastify/cookie",
      cookieOpts: { httpOnly: true, sameSite: "strict", path: "/", signed: true },
      // Checked before the handler, once a form body is parsed; a multipart form (the upload) carries its token in
      // the address, as its body is read only in the handler.
      getToken: (request) =>
        (request.body as { _csrf?: string } | undefined)?._csrf ??
        (request.query as { _csrf?: string } | undefined)?._csrf ??
        (request.headers["x-csrf-token"] as string | undefined),
    });
    await app.register(fastifyRateLimit, { global: false });
    await app.register(fastifyFormbody);
    // `preservePath`: the name as sent, so that a name with a directory (../x.md) is refused, not quietly cut.
    await app.register(fastifyMultipart, {
      preservePath: true,
      limits: { files: 1, fileSize: options.maxArticleBytes, fields: 5 },
    });
    app.addHook("onSend", async (_request, reply) => {
      reply.header(
        "content-security-policy",
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      );
      reply.header("x-content-type-options", "nosniff");
      reply.header("referrer-policy", "no-referrer");
      reply.header("cache-control", "no-store");
    });
    const sessions = installAuth(app, options.token);
    app.get("/assets/console.css", async (_request, reply) => reply.type("text/css").send(CSS));
    app.get("/assets/console.js", async (_request, reply) => reply.type("text/javascript").send(JS));
    app.get("/", async (request, reply) =>
      sessions.valid(request) ? overviewPage(context, reply) : sendSignIn(reply),
    );
    questionPages(app, context);
    tryPage(app, context);
    articlePages(app, context);
    feedPages(app, context);
    pinPages(app, context);
    feedbackPage(app, context);
    app.setErrorHandler((error: { statusCode?: number; message: string; code?: string }, _request, reply) => {
      const status =
        error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) options.logger.error({ error: String(error) }, "console request failed");
      const text = status === 500 ? "Something went wrong; the log says what." : error.message;
      return reply.code(status).type("text/plain; charset=utf-8").send(`${text}\n`);
    });
  };
  const ready = setUp();

  return {
    async start() {
      await ready;
      try {
        await app.listen({ port: options.port, host: options.host });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL")
          throw new ConfigError(
            `CONSOLE_PORT ${options.port} on ${options.host} cannot be listened on (${code}).`,
          );
        throw error;
      }
      const address = app.server.address();
      const port = typeof address === "object" && address ? address.port : options.port;
      options.logger.info({ host: options.host, port }, "operator's console listening");
      return port;
    },
    ready(qa, pins) {
      loaded = { qa, pins };
    },
    feedsReady(list) {
      feeds = list;
    },
    async stop() {
      await app.close();
    },
    routes: () => [...routes],
  };
}
