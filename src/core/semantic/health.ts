import type { Logger } from "../logger.ts";
import { displayUrl, type Endpoint } from "./http.ts";

/** The two endpoints the semantic layer calls. */
export type Part = "embeddings" | "rerank";

/** Whether one endpoint answers, and what the layer says about it. */
export interface PartHealth {
  readonly healthy: boolean;
  /** A call failed: the first failure of an outage is logged (without secrets), the rest are not. */
  failed(error: unknown): void;
  /** A call answered: ends an outage, saying so once. */
  answered(): void;
}

/** An endpoint's health, healthy until a call fails; logs once when an outage starts and once when it ends. */
export function partHealth(part: Part, endpoint: Endpoint, logger: Logger): PartHealth {
  let healthy = true;
  const where = { part, url: displayUrl(endpoint.url), model: endpoint.model };
  return {
    get healthy() {
      return healthy;
    },
    failed(error) {
      if (!healthy) return;
      healthy = false;
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn(
        { ...where, reason },
        `${part} endpoint unavailable: answering with the lexical ranking until it is back`,
      );
    },
    answered() {
      if (healthy) return;
      healthy = true;
      logger.info(where, `${part} endpoint back: semantic re-ranking resumed`);
    },
  };
}
