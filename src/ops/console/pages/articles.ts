import type { FastifyInstance, FastifyReply } from "fastify";
import { ARTICLE_EXTENSIONS } from "../../../core/corpus/read-corpus.ts";
import { FileProblem, listArticles, readArticleFile, removeArticle, saveArticle } from "../corpus-files.ts";
import { html, safeHref } from "../html.ts";
import { csrfField, type Notice, noticeHtml } from "../layout.ts";
import type { ConsoleContext } from "../server.ts";

/**
 * Articles: every file of the corpus directory with its metadata and state (indexed, or skipped and why), an
 * article's paragraphs, uploading one (written into the directory, where the watcher picks it up) and removing
 * one (moved out of the directory, its pins with it).
 */
export function articlePages(app: FastifyInstance, context: ConsoleContext): void {
  const list = async (reply: FastifyReply, notice?: Notice) => {
    const loaded = context.loaded();
    const indexed = loaded ? await loaded.qa.articles().catch(() => []) : [];
    const entries = await listArticles(context.corpusDir, indexed, context.maxArticleBytes);
    return context.send(
      reply,
      "Articles",
      "/articles",
      (csrf) => html`
${noticeHtml(notice)}
<form method="post" action="/articles/upload?_csrf=${encodeURIComponent(csrf)}" enctype="multipart/form-data" class="filters">
<label>Add an article (${ARTICLE_EXTENSIONS.join(" ")}; Markdown with front matter, text or HTML) <input type="file" name="article" required accept="${ARTICLE_EXTENSIONS.join(",")}"></label>
<button>Upload</button>
</form>
<p class="muted">${entries.filter((e) => e.state === "indexed").length} indexed of ${entries.length} files${loaded ? "" : " (the index is still loading)"}.</p>
<div class="scroll"><table class="stack" id="articles"><thead><tr><th>Title</th><th>Publisher</th><th>Date</th><th>File</th><th>State</th><th></th></tr></thead><tbody>
${entries.map((e) => {
  const href = safeHref(e.info?.url);
  const title = e.info?.title ?? "";
  return html`<tr>
<td data-label="Title">${href ? html`<a href="${href}" rel="noreferrer">${title}</a>` : title}</td>
<td data-label="Publisher">${e.info?.publisher ?? ""}</td><td data-label="Date">${e.info?.date ?? ""}</td>
<td data-label="File"><a href="/articles/view?file=${encodeURIComponent(e.file)}">${e.file}</a></td>
<td data-label="State" class="state-${e.state}">${e.state}${e.reason ? html`: ${e.reason}` : ""}</td>
<td><form method="post" action="/articles/remove" data-confirm="Move this article out of the corpus directory?">${csrfField(csrf)}<input type="hidden" name="file" value="${e.file}"><button class="secondary">Remove</button></form></td></tr>`;
})}
</tbody></table></div>`,
    );
  };

  app.get("/articles", async (_request, reply) => list(reply));

  app.get("/articles/view", async (request, reply) => {
    const file = (request.query as { file?: string }).file ?? "";
    const article = await readArticleFile(context.corpusDir, file, context.maxArticleBytes).catch(
      (error: unknown) => {
        throw new FileProblem(error instanceof Error ? error.message : String(error), 404);
      },
    );
    return context.send(
      reply,
      file,
      "/articles",
      () => html`<h2>${article.title}</h2>
<p class="muted">${article.publisher ?? ""} · ${article.date ?? ""} · ${article.paragraphs.length} paragraphs, which the index cuts into passages of at most 300 characters.</p>
<ol id="paragraphs">${article.paragraphs.map((p) => html`<li><blockquote>${p}</blockquote></li>`)}</ol>`,
    );
  });

  app.post("/articles/upload", { preHandler: app.csrfProtection }, async (request, reply) => {
    const part = await request.file();
    if (!part) return list(reply.code(400), { ok: false, text: "Choose a file to upload." });
    const content = await part.toBuffer().catch((error: { code?: string }) => {
      if (error.code === "FST_REQ_FILE_TOO_LARGE") return undefined;
      throw error;
    });
    try {
      if (!content || part.file.truncated)
        throw new FileProblem(
          `${part.filename} is larger than ${context.maxArticleBytes.toLocaleString("en")} bytes (MAX_ARTICLE_BYTES).`,
          413,
        );
      await saveArticle(context.corpusDir, part.filename, content, context.maxArticleBytes);
    } catch (error) {
      if (!(error instanceof FileProblem)) throw error;
      return list(reply.code(error.status), { ok: false, text: error.message });
    }
    context.logger.info({ file: part.filename }, "article uploaded through the console");
    return list(reply, {
      ok: true,
      text: `${part.filename} was added; it is searchable once indexed (seconds).`,
    });
  });

  app.post("/articles/remove", { preHandler: app.csrfProtection }, async (request, reply) => {
    const file = (request.body as { file?: string }).file ?? "";
    try {
      await removeArticle(context.corpusDir, context.removedDir, file);
    } catch (error) {
      if (!(error instanceof FileProblem)) throw error;
      return list(reply.code(error.status), { ok: false, text: error.message });
    }
    const pins = await context.store.removePinsOf(file);
    await context.loaded()?.pins.refresh();
    context.logger.info({ file, pins }, "article removed through the console");
    return list(reply, {
      ok: true,
      text: `${file} was moved to ${context.removedDir}${pins ? `; ${pins} pins removed` : ""}.`,
    });
  });
}
