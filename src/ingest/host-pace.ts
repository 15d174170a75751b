/**
 * Spaces requests to one host at least `intervalMs` apart (a polite crawler's pace): `wait(host)` resolves when
 * this request may go. Requests to other hosts do not wait for each other.
 */
export function createHostPace(intervalMs: number) {
  const next = new Map<string, number>();
  return {
    async wait(host: string): Promise<void> {
      const now = Date.now();
      const at = Math.max(now, next.get(host) ?? 0);
      next.set(host, at + intervalMs);
      if (next.size > 10_000) for (const [h, t] of next) if (t < now) next.delete(h);
      if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
    },
  };
}
