// What the built Redoc page gets after `redocly build-docs`, so it works offline and its overview reads well:
// - Redoc's sidebar logo comes from https://cdn.redoc.ly (a request to another host on every page load, a broken
//   image offline): replaced by a small inline SVG of the same words, so the page requests nothing from elsewhere.
// - The overview's code blocks (markdown in info.description) get highlighting and a Copy button, like Redoc's own
//   code samples, and wrap instead of being cut off at the middle column's edge.
// - Redoc's own samples (right column) leave room for their copy icon above the first line, and wrap too: the
//   `baseUrl` line and its note would otherwise end behind the column's edge.
const REDOC_LOGOS = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"];

const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="52" height="16" viewBox="0 0 52 16">' +
  '<text x="0" y="12" font-family="sans-serif" font-size="12" font-weight="bold" fill="#808080">Redocly</text></svg>';
export const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(LOGO_SVG)}`;

// The overview's code blocks are the only `pre[data-language]` Redoc leaves as plain text (its own samples come
// highlighted, with their own Copy button). Each gets `data-planky-code`: wrapped lines (the middle column is
// ~480 px wide at 1440 px, and a block must not hide half a command behind a sideways scroll), comments, strings
// and keywords coloured, and a Copy button that copies the text exactly as written.
const STYLE = `<style id="planky-site-extras">
pre[data-planky-code] { position: relative; padding-top: 32px !important; }
pre[data-planky-code], pre[data-planky-code] code { white-space: pre-wrap !important; overflow-wrap: break-word; }
pre[data-planky-code] .planky-copy { position: absolute; top: 4px; right: 4px; font: 12px sans-serif;
  padding: 2px 8px; border: 1px solid rgba(255,255,255,.4); border-radius: 3px; background: rgba(0,0,0,.3);
  color: #fff; cursor: pointer; }
[data-component-name="CodeBlock/CodeBlock"] pre[data-testid="source-code"] { padding-top: 32px !important; }
[data-component-name="CodeBlock/CodeBlock"] pre[data-testid="source-code"] code {
  white-space: pre-wrap !important; overflow-wrap: break-word; }
pre[data-planky-code] .token.comment { color: #6e7781; font-style: italic; }
pre[data-planky-code] .token.string { color: #0a3069; }
pre[data-planky-code] .token.keyword { color: #cf222e; }
</style>`;

const SCRIPT = `<script id="planky-site-extras-script">
(() => {
  const KEYWORDS = "import|from|export|const|let|async|await|function|return|if|else|for|of|new|throw|try|catch|type|interface";
  const TOKENS = new RegExp(
    "((?:^|(?<=\\\\s))(?:\\\\/\\\\/|#)[^\\\\n]*)" + // comments: // and shell #, at a line's start or after a space
      "|(\\"(?:[^\\"\\\\\\\\\\\\n]|\\\\\\\\.)*\\"|'[^'\\\\n]*'|\`(?:[^\`\\\\\\\\]|\\\\\\\\.)*\`)" + // strings
      "|\\\\b(" + KEYWORDS + ")\\\\b",
    "gm",
  );
  const escape = (text) => text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]);
  const highlight = (source) => {
    let html = "";
    let last = 0;
    for (const match of source.matchAll(TOKENS)) {
      const kind = match[1] ? "comment" : match[2] ? "string" : "keyword";
      html += escape(source.slice(last, match.index)) + '<span class="token ' + kind + '">' + escape(match[0]) + "</span>";
      last = match.index + match[0].length;
    }
    return html + escape(source.slice(last));
  };
  const enhance = () => {
    for (const pre of document.querySelectorAll("pre[data-language]:not([data-planky-code])")) {
      if (pre.children.length > 0) continue; // Redoc's own, already highlighted
      const source = pre.textContent;
      pre.setAttribute("data-planky-code", "");
      pre.innerHTML = '<code class="planky-code">' + highlight(source) + "</code>";
      const button = document.createElement("button");
      button.type = "button";
      button.className = "planky-copy";
      button.textContent = "Copy";
      button.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(source);
          button.textContent = "Copied";
        } catch {
          button.textContent = "Select and copy";
        }
        setTimeout(() => { button.textContent = "Copy"; }, 1500);
      });
      pre.appendChild(button);
    }
  };
  new MutationObserver(enhance).observe(document.documentElement, { childList: true, subtree: true });
  enhance();
})();
</script>`;

/** The built page with the extras above; throws if Redoc's markup changed so that one of them no longer applies. */
export function withSiteExtras(html) {
  let result = html;
  for (const logo of REDOC_LOGOS) {
    if (!result.includes(logo)) throw new Error(`site-extras: the Redoc bundle no longer references ${logo}`);
    result = result.replaceAll(logo, INLINE_LOGO);
  }
  if (!result.includes("</head>") || !result.includes("</body>")) throw new Error("site-extras: no </head> or </body>");
  return result.replace("</head>", `${STYLE}\n</head>`).replace(/<\/body>(?![\s\S]*<\/body>)/, `${SCRIPT}\n</body>`);
}
