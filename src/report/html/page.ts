import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { keptTexts } from '../outputs.js';

const require = createRequire(import.meta.url);
/** The table sorter (sortable-tablesort), inlined so the page needs nothing from the network. */
const sorter = () => readFileSync(require.resolve('sortable-tablesort'), 'utf8');
const sorterCss = () => readFileSync(require.resolve('sortable-tablesort/dist/sortable-base.min.css'), 'utf8').replace(/^\uFEFF/, '');

/** Text for HTML element content and attribute values. */
export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface Section {
  id: string;
  title: string;
  /** HTML, trusted: built by the report modules from escaped values and rendered SVG. */
  body: string;
}

export interface Trace {
  version: string;
  seed: number | string;
  replications: number;
  scenarios: { name: string; hash?: string; files: readonly string[]; texts: readonly { file: string; text: string }[] }[];
  /** Anything else that pins the run down: horizon, levels, criteria. */
  settings: [string, string][];
}

/** Latin from the system's own face; Chinese from whichever of the common CJK faces the reader's system has. */
export const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

const CSS = `
:root { --ink: #1d2733; --muted: #5b6776; --line: #d9dee4; --ok: #1a7f37; --bad: #b42318; --maybe: #9a6700; }
* { box-sizing: border-box; }
body { font: 14px/1.45 ${FONT_STACK}; color: var(--ink); margin: 0; background: #f6f7f9; }
header { background: #12344d; color: #fff; padding: 18px 28px; }
header h1 { margin: 0; font-size: 20px; font-weight: 600; }
header p { margin: 4px 0 0; color: #c8d6e2; }
nav { padding: 6px 28px; background: #fff; border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 2; }
nav a { margin-right: 16px; color: #12344d; text-decoration: none; font-size: 13px; }
main { padding: 12px 28px 40px; max-width: 1400px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 18px; margin: 14px 0; overflow-x: auto; }
section h2 { font-size: 16px; margin: 0 0 8px; }
p.note { color: var(--muted); font-size: 12.5px; margin: 6px 0; max-width: 100ch; }
.cards { display: flex; gap: 14px; flex-wrap: wrap; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 320px; flex: 1; }
.card .what { color: var(--muted); font-size: 12.5px; }
.card .value { font-size: 26px; font-weight: 600; }
.card .verdict { font-weight: 600; }
.reached { color: var(--ok); } .not-reached { color: var(--bad); } .uncertain { color: var(--maybe); }
table { border-collapse: collapse; font-size: 12.5px; }
th, td { padding: 3px 6px; border-bottom: 1px solid #eceff2; text-align: right; white-space: nowrap; vertical-align: middle; }
th { background: #f0f3f6; font-weight: 600; position: sticky; top: 0; white-space: normal; }
td.name, th.name { text-align: left; }
td.wrap { white-space: normal; min-width: 14em; }
td .zh { color: var(--muted); margin-left: 4px; }
tr:hover td { background: #f7fafc; }
pre { background: #f6f8fa; border: 1px solid var(--line); padding: 8px; font-size: 12px; overflow-x: auto; }
details summary { cursor: pointer; color: #12344d; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; font-size: 13px; }
dt { color: var(--muted); }
svg { max-width: 100%; height: auto; }
td svg { display: block; }
`;

/*
 * Vega writes each mark's description into aria-label; a <title> child makes the
 * browser show it on hover. Axes and legends keep theirs for screen readers only.
 */
const TOOLTIPS = `
document.querySelectorAll('svg [role="graphics-symbol"][aria-label]').forEach(function (el) {
  var kind = el.getAttribute('aria-roledescription');
  if (kind === 'axis' || kind === 'legend') return;
  var t = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  t.textContent = el.getAttribute('aria-label');
  el.appendChild(t);
});`;

/** A self-contained report page: inline CSS, inline SVG charts, two small inline scripts. */
export function htmlPage(title: string, subtitle: string, sections: Section[], trace: Trace): string {
  const all = [...sections, { id: 'trace', title: 'How this report was made', body: traceHtml(trace) }];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="waterway-sim ${esc(trace.version)}">
<title>${esc(title)}</title>
<style>${CSS}${sorterCss()}</style>
</head>
<body>
<header><h1>${esc(title)}</h1><p>${esc(subtitle)}</p></header>
<nav>${all.map((s) => `<a href="#${s.id}">${esc(s.title)}</a>`).join('')}</nav>
<main>
${all.map((s) => `<section id="${s.id}"><h2>${esc(s.title)}</h2>\n${s.body}\n</section>`).join('\n')}
</main>
<script>${sorter()}</script>
<script>${TOOLTIPS}</script>
</body>
</html>
`;
}

function traceHtml(t: Trace): string {
  const rows: [string, string][] = [
    ['waterway-sim', t.version],
    ['seed', String(t.seed)],
    ['replications', String(t.replications)],
    ...t.settings,
  ];
  const scenarios = t.scenarios.map(
    (s) =>
      `<details><summary>Scenario ${esc(s.name)}${s.hash ? ` (hash ${esc(s.hash)})` : ''}: ${s.files.map(esc).join(' → ')}</summary>${keptTexts(s.texts)
        .map((x) => `<p class="note">${esc(x.file)}</p><pre>${esc(x.text)}</pre>`)
        .join('')}</details>`,
  );
  return `<dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>\n${scenarios.join('\n')}`;
}

/** The CSS class of a capacity verdict's cell: green reachable, red not, amber undecided or unknown. */
export function verdictClass(v: string): 'reached' | 'not-reached' | 'uncertain' {
  return v === 'reachable' ? 'reached' : v === 'not reachable' ? 'not-reached' : 'uncertain';
}
