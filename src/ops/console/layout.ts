import { type Html, html } from "./html.ts";

/** The pages in the navigation, in order. */
const NAV = [
  ["/", "Overview"],
  ["/questions", "Questions"],
  ["/gaps", "Unanswered"],
  ["/try", "Try"],
  ["/articles", "Articles"],
  ["/feeds", "Feeds"],
  ["/pins", "Pins"],
  ["/feedback", "Feedback"],
] as const;

/** A console page: the navigation, the title, the body; `csrf` is the token for the sign-out form. */
export function page(title: string, path: string, csrf: string, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · citebot console</title>
<link rel="stylesheet" href="/assets/console.css">
<script src="/assets/console.js" defer></script>
</head>
<body>
<header>
<nav>${NAV.map(([href, name]) => html`<a href="${href}"${path === href ? html` aria-current="page"` : ""}>${name}</a>`)}</nav>
<form method="post" action="/sign-out" class="sign-out"><input type="hidden" name="_csrf" value="${csrf}"><button>Sign out</button></form>
</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}

/** The sign-in page: one password field for the token. */
export function signInPage(csrf: string, problem?: string): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · citebot console</title>
<link rel="stylesheet" href="/assets/console.css">
</head>
<body>
<main class="narrow">
<h1>citebot console</h1>
${problem ? html`<p class="problem" role="alert">${problem}</p>` : ""}
<form method="post" action="/sign-in">
<input type="hidden" name="_csrf" value="${csrf}">
<label>Console token <input type="password" name="token" autocomplete="current-password" required autofocus></label>
<button>Sign in</button>
</form>
</main>
</body>
</html>`;
}

/** What a form's post came to, said above the page it returns to. */
export interface Notice {
  ok: boolean;
  text: string;
}

/** A notice as the page shows it (announced to screen readers), or nothing. */
export function noticeHtml(notice: Notice | undefined): Html {
  return notice ? html`<p class="${notice.ok ? "ok" : "problem"}" role="status">${notice.text}</p>` : html``;
}

/** A hidden CSRF field for a form. */
export function csrfField(csrf: string): Html {
  return html`<input type="hidden" name="_csrf" value="${csrf}">`;
}

/** The console's style: readable from a phone's width up, no framework. */
export const CSS = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC",sans-serif;color:#1d232a;background:#f6f7f9}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;padding:.5rem 1rem;background:#1d3557}
nav{display:flex;flex-wrap:wrap;gap:.25rem;flex:1}
nav a{color:#fff;text-decoration:none;padding:.35rem .6rem;border-radius:4px}
nav a[aria-current]{background:#457b9d}
.sign-out button{background:none;border:1px solid #fff;color:#fff}
main{max-width:70rem;margin:0 auto;padding:1rem}
main.narrow{max-width:24rem;margin-top:10vh}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
table{width:100%;border-collapse:collapse;background:#fff}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #e3e6ea}
th{font-weight:600;background:#eef1f4}
td.n,th.n{text-align:right;white-space:nowrap}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.75rem}
.card{background:#fff;border:1px solid #e3e6ea;border-radius:6px;padding:.75rem}
.card b{display:block;font-size:1.5rem}
form.inline{display:inline}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-bottom:1rem}
label{display:flex;flex-direction:column;gap:.2rem;font-size:.9rem}
input,select,button,textarea{font:inherit;padding:.4rem .5rem;border:1px solid #b8c0c8;border-radius:4px;max-width:100%}
button{background:#1d3557;color:#fff;border-color:#1d3557;cursor:pointer}
button.secondary{background:#fff;color:#1d3557}
blockquote{margin:.25rem 0;padding:.25rem .75rem;border-left:3px solid #457b9d;background:#fff}
.quote{margin:.75rem 0;padding:.5rem;background:#fff;border:1px solid #e3e6ea;border-radius:6px}
.muted{color:#5c6670;font-size:.9rem}
.problem{color:#9b1c1c;background:#fde8e8;padding:.5rem;border-radius:4px}
.ok{color:#03543f;background:#def7ec;padding:.5rem;border-radius:4px}
.state-indexed{color:#03543f}.state-skipped{color:#9b1c1c}.state-waiting{color:#8a6100}
.pinned{font-weight:600;color:#8a6100}
.scroll{overflow-x:auto}
.features{font-size:.85rem;color:#5c6670}
@media (max-width:40rem){
  table.stack thead{display:none}
  table.stack tr{display:block;border-bottom:2px solid #e3e6ea;padding:.25rem 0}
  table.stack td{display:block;border:0;padding:.15rem .5rem}
  table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:600}
  td.n{text-align:left}
}
`;

/** A little progressive JavaScript: a confirmation before removing anything. */
export const JS = `
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) event.preventDefault();
});
`;
