import type { Passage, SearchIndex } from "../index/port.ts";
import type { ArticleInfo } from "../types.ts";
import type { EmbeddingsClient } from "./embeddings.ts";
import type { RetryOptions } from "./http.ts";
import { type VectorStore, vectorKey } from "./vector-store.ts";

/** A passage near the question, by the cosine of their vectors. */
export interface Near {
  id: number;
  passage: Passage;
  similarity: number;
}

/** What one refresh did. */
export interface RefreshReport {
  /** Passages indexed now. */
  passages: number;
  /** Texts sent to the endpoint. */
  embedded: number;
  /** Vectors forgotten: of passages no longer indexed (an article edited or removed). */
  collected: number;
}

/**
 * The vectors of the passages an index holds now, in memory, searched by brute force: a dot product per passage
 * (vectors are unit length). They lie one after another in one array, each passage in a slot, searched by
 * offset: about a quarter faster than a map of one array per passage (docs/semantic.md). Costs 4 × dimensions bytes per passage (410 MB at 100,000 passages of 1,024
 * dimensions) and, per question, passages × dimensions multiply-adds. `refresh` brings them in step with the
 * index: a passage's vector comes from the store when its text was embedded before, else from the endpoint,
 * in batches, each kept in the store as it arrives.
 */
export class PassageVectors {
  /** Slot `s`'s vector is `floats[s × dims, (s + 1) × dims)`; the slots in use are 0 to `ids.length − 1`. */
  private floats = new Float32Array(0);
  /** Each slot's passage id and passage. */
  private ids: number[] = [];
  private passages: Passage[] = [];
  private slotOf = new Map<number, number>();
  /** How many slots the floats may need in this refresh: the passages the index holds now. */
  private room = 0;
  private infos = new Map<string, ArticleInfo>();
  private version: string | undefined;
  private dims: number | undefined;
  private running: Promise<RefreshReport> | undefined;

  constructor(
    private readonly index: SearchIndex,
    private readonly client: EmbeddingsClient,
    private readonly store: VectorStore,
    private readonly retry: RetryOptions,
  ) {}

  /** Passages with a vector. */
  get size(): number {
    return this.ids.length;
  }

  /** The size of the vectors held, once any are. */
  get dimensions(): number | undefined {
    return this.dims;
  }

  /** An indexed article's metadata (the PostgreSQL index's retrieval only knows its candidates'). */
  article(file: string): ArticleInfo | undefined {
    return this.infos.get(file);
  }

  /**
   * Brings the vectors in step with the index's passages (nothing to do when its version is the one last seen).
   * Rejects with the endpoint's error when embedding fails; what was embedded until then is kept, the rest is
   * embedded at the next refresh. One refresh at a time: a call during one waits for it.
   */
  refresh(): Promise<RefreshReport> {
    this.running ??= this.bringInStep().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async bringInStep(): Promise<RefreshReport> {
    const { index } = this;
    if (!index.passages) return { passages: 0, embedded: 0, collected: 0 };
    if (this.version !== undefined && (await index.passagesVersion?.()) === this.version)
      return { passages: this.ids.length, embedded: 0, collected: 0 };
    const { version, passages } = await index.passages();
    const collected = await this.collect(version, passages);
    this.infos = new Map((await index.articles()).map((info) => [info.file, info]));
    const now = new Set(passages.map((p) => p.id));
    for (const id of [...this.slotOf.keys()]) if (!now.has(id)) this.drop(id);
    this.room = passages.length;
    const waiting = new Map<string, Array<{ id: number; passage: Passage }>>();
    for (const entry of passages) {
      if (this.slotOf.has(entry.id)) continue;
      const key = vectorKey(this.client.model, entry.passage.text);
      waiting.set(key, [...(waiting.get(key) ?? []), entry]);
    }
    const hold = (key: string, vector: Float32Array) => {
      if (this.dims !== undefined && vector.length !== this.dims)
        throw new Error(`a vector of ${vector.length} dimensions among vectors of ${this.dims}`);
      this.dims = vector.length;
      for (const { id, passage } of waiting.get(key) ?? []) this.hold(id, passage, vector);
      waiting.delete(key);
    };
    for (const [key, vector] of await this.store.load([...waiting.keys()])) hold(key, vector);
    const keys = [...waiting.keys()];
    const texts = keys.map((key) => waiting.get(key)?.[0]?.passage.text ?? "");
    const keyOf = new Map(texts.map((text, i) => [text, keys[i] as string]));
    await this.client.embed(texts, this.retry, async (batch, vectors) => {
      const entries = batch.map(
        (text, i) => [keyOf.get(text) as string, vectors[i] as Float32Array] as const,
      );
      await this.store.save(entries);
      for (const [key, vector] of entries) hold(key, vector);
    });
    this.version = version;
    return { passages: passages.length, embedded: texts.length, collected };
  }

  /** Puts `passage`'s vector in the next free slot (or its own, held already). */
  private hold(id: number, passage: Passage, vector: Float32Array): void {
    const dims = vector.length;
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.ids.length;
      const needed = (slot + 1) * dims;
      if (this.floats.length < needed) {
        // Sized once a refresh for every passage indexed now, not doubled: the floats are most of the memory.
        const grown = new Float32Array(Math.max(needed, this.room * dims));
        grown.set(this.floats);
        this.floats = grown;
      }
      this.ids.push(id);
      this.passages.push(passage);
      this.slotOf.set(id, slot);
    }
    this.passages[slot] = passage;
    this.floats.set(vector, slot * dims);
  }

  /** Frees `id`'s slot: the last slot's passage moves into it, so that the slots in use stay 0 to n − 1. */
  private drop(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const last = this.ids.length - 1;
    const dims = this.dims ?? 0;
    if (slot !== last) {
      this.floats.copyWithin(slot * dims, last * dims, (last + 1) * dims);
      const moved = this.ids[last] as number;
      this.ids[slot] = moved;
      this.passages[slot] = this.passages[last] as Passage;
      this.slotOf.set(moved, slot);
    }
    this.ids.pop();
    this.passages.pop();
    this.slotOf.delete(id);
  }

  /**
   * Has the store forget the vectors of every passage but `passages` (an edited article's old ones, a removed
   * article's), when they are the whole index still: not while it is being brought in step, when it lists part.
   */
  private async collect(version: string, passages: ReadonlyArray<{ passage: Passage }>): Promise<number> {
    const { index } = this;
    if (index.inStep && !(await index.inStep())) return 0;
    if (index.inStep && (await index.passagesVersion?.()) !== version) return 0;
    return this.store.retain(new Set(passages.map((p) => vectorKey(this.client.model, p.passage.text))));
  }

  /** The cosine of a passage's vector with `question`'s; undefined for a passage without one yet. */
  similarity(question: Float32Array, id: number): number | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : dot(question, this.floats, slot * question.length);
  }

  /** The `k` passages nearest `question` among those `accept` allows, leaving out the ids in `except`. */
  nearest(
    question: Float32Array,
    k: number,
    accept: ((file: string) => boolean) | undefined,
    except: ReadonlySet<number>,
  ): Near[] {
    if (k <= 0) return [];
    const best: Near[] = [];
    const { floats, ids, passages } = this;
    const dims = question.length;
    for (let slot = 0; slot < ids.length; slot++) {
      const id = ids[slot] as number;
      if (except.has(id)) continue;
      const similarity = dot(question, floats, slot * dims);
      if (best.length === k && similarity <= (best[k - 1] as Near).similarity) continue;
      const passage = passages[slot] as Passage;
      if (accept && !accept(passage.file)) continue;
      // Kept sorted, best first: the newcomer takes the last place, then moves up past the passages it beats.
      if (best.length < k) best.push({ id, passage, similarity });
      else best[k - 1] = { id, passage, similarity };
      for (let i = best.length - 1; i > 0 && (best[i - 1] as Near).similarity < similarity; i--)
        [best[i - 1], best[i]] = [best[i] as Near, best[i - 1] as Near];
    }
    return best;
  }
}

/**
 * `a` times the vector of `a.length` floats at `at` in `floats`, in four running sums: the loop is most of a
 * question's cost at 100,000 passages, and this halves it.
 */
function dot(a: Float32Array, floats: Float32Array, at: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = a.length - (a.length % 4);
  for (let i = 0; i < n; i += 4) {
    const j = at + i;
    s0 += (a[i] as number) * (floats[j] as number);
    s1 += (a[i + 1] as number) * (floats[j + 1] as number);
    s2 += (a[i + 2] as number) * (floats[j + 2] as number);
    s3 += (a[i + 3] as number) * (floats[j + 3] as number);
  }
  for (let i = n; i < a.length; i++) s0 += (a[i] as number) * (floats[at + i] as number);
  return s0 + s1 + s2 + s3;
}
