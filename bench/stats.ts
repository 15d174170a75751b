/** Small statistics helpers shared by the children and the report. */

/** The value below which a share `p` (0–1) of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

/** Latency figures of one run: what the targets are stated in. */
export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Questions per second of a sequential loop on one core (1000 / mean ms). */
  qps: number;
}

/** Summarises per-question times in milliseconds. */
export function latency(ms: readonly number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
    qps: mean > 0 ? 1000 / mean : Number.NaN,
  };
}

/** Resident memory in MB: the figure an operator sees in `top`. */
export function rssMb(): number {
  return process.memoryUsage().rss / 1e6;
}

/** Live heap in MB after a full collection when `--expose-gc` is on (else as is): what the data really needs. */
export function liveHeapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

/** A figure for the report, with thousands separators and `digits` decimals; "–" when it was not measured. */
export const f = (n: number | undefined, digits = 1) =>
  n === undefined || !Number.isFinite(n)
    ? "–"
    : n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A whole-number figure for the report. */
export const int = (n: number | undefined) => f(n, 0);
