import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { signInPage } from "./layout.ts";

/** The session cookie's name. */
export const SESSION_COOKIE = "citebot_console";
/** How long a session lasts without being used. */
const SESSION_IDLE_MS = 12 * 3_600_000;
/** Sign-in attempts one address may make per window; more get 429. */
export const SIGN_IN_ATTEMPTS = { max: 5, timeWindow: 60_000 };
/** Paths reachable without a session: the sign-in form and its assets. */
export const PUBLIC_PATHS = new Set(["/", "/sign-in", "/assets/console.css", "/assets/console.js"]);

/** The signed-in sessions of this process (a restart signs everyone out). */
export interface Sessions {
  /** True when the request carries a live session; extends it. */
  valid(request: FastifyRequest): boolean;
}

/**
 * Sign-in with `CONSOLE_TOKEN`: `POST /sign-in` (rate-limited per address, each failure answered later than the
 * last), an HTTP-only, SameSite=Strict session cookie, `POST /sign-out`; and the guard that refuses every other
 * route without a session: a redirect to the sign-in form for pages, 401 for JSON (`/api/…`).
 */
export function installAuth(app: FastifyInstance, token: string): Sessions {
  const sessions = new Map<string, number>(); // session id → expiry
  const failures = new Map<string, number>(); // address → failures in a row
  const expected = digest(token);
  const valid = (request: FastifyRequest) => {
    const id = request.cookies[SESSION_COOKIE];
    const expiry = id ? sessions.get(id) : undefined;
    if (!id || expiry === undefined) return false;
    if (expiry < Date.now()) {
      sessions.delete(id);
      return false;
    }
    sessions.set(id, Date.now() + SESSION_IDLE_MS);
    return true;
  };

  app.addHook("onRequest", async (request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    if (PUBLIC_PATHS.has(path) || valid(request)) return;
    if (path.startsWith("/api/")) return reply.code(401).send({ error: "sign in first" });
    return reply.redirect("/", 302);
  });

  app.post(
    "/sign-in",
    { preHandler: app.csrfProtection, config: { rateLimit: SIGN_IN_ATTEMPTS } },
    async (request, reply) => {
      const given = (request.body as { token?: unknown } | undefined)?.token;
      const address = request.ip;
      if (typeof given !== "string" || !timingSafeEqual(digest(given), expected)) {
        const count = (failures.get(address) ?? 0) + 1;
        failures.set(address, count);
        // Each failure in a row waits longer (0.25 s, 0.5 s, 1 s… up to 4 s) on top of the rate limit.
        await new Promise((resolve) => setTimeout(resolve, Math.min(4000, 250 * 2 ** (count - 1))));
        return sendSignIn(reply.code(401), "That is not the console token.");
      }
      failures.delete(address);
      const id = randomBytes(32).toString("base64url");
      sessions.set(id, Date.now() + SESSION_IDLE_MS);
      reply.setCookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: "strict", path: "/" });
      return reply.redirect("/", 303);
    },
  );
  app.post("/sign-out", { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = request.cookies[SESSION_COOKIE];
    if (id) sessions.delete(id);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect("/", 303);
  });
  return { valid };
}

/** The sign-in form, with a fresh CSRF token. */
export async function sendSignIn(reply: FastifyReply, problem?: string): Promise<FastifyReply> {
  const csrf = reply.generateCsrf();
  return reply.type("text/html; charset=utf-8").send(signInPage(csrf, problem).value);
}

/** Compared as digests, so that the comparison takes the same time whatever the lengths. */
function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
