import { Agent, request } from "undici";

/**
 * JSON over HTTP to a model endpoint, as the OpenAI-compatible APIs want it: a bearer key, a time limit, and
 * retries with exponential backoff that honour `Retry-After`. Error messages name the endpoint without its
 * credentials and never hold the key.
 */

/** One model endpoint: the API base (`http://localhost:11434/v1`), the model, and its key if it needs one. */
export interface Endpoint {
  url: string;
  model: string;
  apiKey?: string | undefined;
}

/** Why a call to an endpoint failed. `retryable`: worth trying again (network, time limit, 429, 5xx). */
export class EndpointError extends Error {
  override name = "EndpointError";
  constructor(
    message: string,
    readonly retryable: boolean,
    /** What `Retry-After` asked for, in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** How a call is retried. */
export interface RetryOptions {
  /** Times a retryable failure is tried again. Default 0. */
  retries?: number;
  /** First wait, doubled each time (with up to half again of jitter). Default 500 ms. */
  backoffMs?: number;
  /** Longest wait, whatever `Retry-After` asks. Default 30 s. */
  maxWaitMs?: number;
  /** Ends the waits and the request at once. */
  signal?: AbortSignal | undefined;
  /** Time limit of each request. Default 30 s. */
  timeoutMs?: number;
}

/** An endpoint URL fit for a message or a log line: no user name, password, query or fragment. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(an invalid URL)";
  }
}

/** POSTs `body` as JSON to `base` + `route`, retrying as `options` say; resolves with the parsed response. */
export async function postJson(
  endpoint: Endpoint,
  route: string,
  body: unknown,
  options: RetryOptions = {},
): Promise<unknown> {
  const { retries = 0, backoffMs = 500, maxWaitMs = 30_000, signal } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await postOnce(endpoint, route, body, options.timeoutMs ?? 30_000, signal);
    } catch (error) {
      const failure = asEndpointError(error, endpoint, route);
      if (!failure.retryable || attempt >= retries || signal?.aborted) throw failure;
      const backoff = backoffMs * 2 ** attempt * (1 + Math.random() / 2);
      await sleep(Math.min(maxWaitMs, failure.retryAfterMs ?? backoff), signal);
    }
  }
}

/**
 * The connections to the model endpoints, kept open between calls (a question's request must not wait for a
 * TCP handshake). undici's `request` rather than `fetch`: it hands the request to the socket as soon as the
 * event loop turns once (see `SemanticLayer.prepare`), where `fetch` takes several turns, and it costs less
 * per call. Idle connections do not keep the process alive.
 */
const connections = new Agent({ keepAliveTimeout: 60_000 });

async function postOnce(
  endpoint: Endpoint,
  route: string,
  body: unknown,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;
  const limit = AbortSignal.timeout(Math.max(1, Math.ceil(timeoutMs)));
  const response = await request(`${endpoint.url.replace(/\/+$/, "")}${route}`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
    signal: signal ? AbortSignal.any([signal, limit]) : limit,
    dispatcher: connections,
  });
  const where = `${displayUrl(endpoint.url)}${route}`;
  if (response.statusCode < 200 || response.statusCode >= 300) {
    await response.body.dump().catch(() => undefined);
    const retryable = response.statusCode === 429 || response.statusCode >= 500;
    const header = response.headers["retry-after"];
    const retryAfterMs = retryAfter(Array.isArray(header) ? (header[0] ?? null) : (header ?? null));
    throw new EndpointError(`${where} answered HTTP ${response.statusCode}`, retryable, retryAfterMs);
  }
  try {
    return await response.body.json();
  } catch (error) {
    if (limit.aborted || signal?.aborted) throw error;
    throw new EndpointError(`${where} answered something that is not JSON`, false);
  }
}

/** Any failure of a request as an `EndpointError`: a network error or a time limit is retryable. */
function asEndpointError(error: unknown, endpoint: Endpoint, route: string): EndpointError {
  if (error instanceof EndpointError) return error;
  const where = `${displayUrl(endpoint.url)}${route}`;
  const name = (error as Error | undefined)?.name;
  if (name === "TimeoutError" || name === "AbortError")
    return new EndpointError(`${where} did not answer in time`, true);
  // The error's code says why (ECONNREFUSED, UND_ERR_SOCKET...), never holding the key.
  const failure = error as { code?: string; message?: string; cause?: { code?: string } } | undefined;
  const why = failure?.code ?? failure?.cause?.code ?? failure?.message;
  return new EndpointError(`${where} cannot be reached${why ? ` (${why})` : ""}`, true);
}

/** `Retry-After` in milliseconds: seconds, or an HTTP date; undefined when absent or unreadable. */
export function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
