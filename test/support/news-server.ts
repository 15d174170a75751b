import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const PAGES = path.join(import.meta.dirname, "../ingest/pages");
const page = (name: string) => readFileSync(path.join(PAGES, name), "utf8");

/** A generated article page: `n` makes its text its own. */
export function generatedPage(n: number): string {
  const body = [1, 2, 3]
    .map(
      (p) =>
        `<p>第${n}号新闻的第${p}段：研究人员在第${n}次实验中记录了${n * 7 + p}个样本，并比较了不同方法的结果。</p>`,
    )
    .join("\n");
  return `<!DOCTYPE html><html><head><title>第${n}号新闻</title><meta property="og:type" content="article"><meta property="og:site_name" content="测试通讯社"><meta property="article:published_time" content="2025-07-${String((n % 28) + 1).padStart(2, "0")}T00:00:00Z"></head><body><article>${body}</article></body></html>`;
}

/** A local news site on 127.0.0.1: article pages of each shape, feeds, a robots.txt, and hostile pages. */
export interface NewsServer {
  url: string;
  /** Requests seen, as `METHOD path`. */
  requests: string[];
  /** Items of the generated feed `/feed-many.xml` (pages `/gen/1` … `/gen/N`). */
  setManyItems(n: number): void;
  /** How `/feed-busy.xml` answers: this status with `Retry-After: seconds`, or (undefined) an RSS feed of `/gen/50`. */
  setBusy(busy: { status: number; retryAfterSeconds: number } | undefined): void;
  close(): Promise<void>;
}

function rss(base: string, links: string[]): string {
  const items = links
    .map(
      (l, i) =>
        `<item><title>${i}</title><link>${base}${l}</link><pubDate>${new Date(Date.UTC(2025, 6, 1, 0, i)).toUTCString()}</pubDate></item>`,
    )
    .join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>测试</title><link>${base}</link>${items}</channel></rss>`;
}

/** Starts the site. */
export async function startNewsServer(): Promise<NewsServer> {
  const requests: string[] = [];
  let many = 0;
  let busy: { status: number; retryAfterSeconds: number } | undefined;
  const server: Server = createServer((req, res) => {
    const url = req.url ?? "/";
    requests.push(`${req.method} ${url}`);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const html = (body: string) =>
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
    const gen = /^\/gen\/(\d+)$/.exec(url);
    if (gen) return html(generatedPage(Number(gen[1])));
    switch (url) {
      case "/robots.txt":
        return void res
          .writeHead(200, { "content-type": "text/plain" })
          .end("User-agent: *\nDisallow: /private/\n");
      case "/article/jsonld":
        return html(page("jsonld.html"));
      case "/article/og?utm_source=feed":
      case "/article/og":
        return html(page("opengraph.html"));
      case "/paywall":
        return html(page("paywall.html"));
      case "/home":
        return html(page("home.html"));
      case "/private/secret":
        return html(page("jsonld.html"));
      case "/image.png":
        return void res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(100));
      case "/missing":
        return void res.writeHead(404, { "content-type": "text/html" }).end("not found");
      case "/to-metadata":
        return void res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      case "/huge": {
        // 20 MB, streamed without a Content-Length: the reader must stop it, not the header.
        res.writeHead(200, { "content-type": "text/html" });
        const chunk = Buffer.alloc(1 << 20, "<p>大</p>");
        let sent = 0;
        const write = () => {
          while (sent < 20 && res.write(chunk)) sent++;
          if (sent >= 20) res.end();
          else res.once("drain", write);
        };
        res.on("error", () => undefined);
        return write();
      }
      case "/slow":
        res.writeHead(200, { "content-type": "text/html" });
        res.write("<!DOCTYPE html><html><body><p>");
        return void setTimeout(() => res.end("</p></body></html>"), 30_000).unref();
      case "/feed.rss":
        return void res
          .writeHead(200, { "content-type": "application/rss+xml", etag: '"v1"' })
          .end(rss(base, ["/article/jsonld"]));
      case "/feed.atom":
        return void res
          .writeHead(200, { "content-type": "application/atom+xml" })
          .end(
            `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>x</id><updated>2025-07-03T00:00:00Z</updated><entry><title>B</title><id>y</id><link href="${base}/article/og?utm_source=feed"/><updated>2025-07-03T00:00:00Z</updated></entry></feed>`,
          );
      case "/feed.json":
        return void res.writeHead(200, { "content-type": "application/feed+json" }).end(
          JSON.stringify({
            version: "https://jsonfeed.org/version/1.1",
            title: "T",
            items: [{ id: "1", url: `${base}/gen/1`, date_published: "2025-07-02T00:00:00Z" }],
          }),
        );
      case "/feed-busy.xml":
        if (busy)
          return void res
            .writeHead(busy.status, {
              "content-type": "text/plain",
              "retry-after": String(busy.retryAfterSeconds),
            })
            .end("busy");
        return void res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss(base, ["/gen/50"]));
      case "/feed-many.xml": {
        if (req.headers["if-none-match"] === `"many-${many}"`) return void res.writeHead(304).end();
        const links = Array.from({ length: many }, (_, i) => `/gen/${i + 1}`);
        return void res
          .writeHead(200, { "content-type": "application/rss+xml", etag: `"many-${many}"` })
          .end(rss(base, links));
      }
      default:
        return void res.writeHead(404, { "content-type": "text/plain" }).end("no");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setManyItems: (n) => {
      many = n;
    },
    setBusy: (b) => {
      busy = b;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
