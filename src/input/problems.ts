/** One thing wrong with an input file, located as precisely as we can. */
export interface Problem {
  file: string;
  /** 1-based line, when the file is YAML/JSON and the node could be found. */
  line?: number;
  /** Path inside the file, e.g. `lines[0].width` or `[3].from`. */
  path: string;
  problem: string;
}

/** `file:line: path: problem`, the one format every input error is printed in. */
export function formatProblem(p: Problem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}` : p.file;
  // Printed on a terminal, and the path and the problem quote the file: no control characters, one line.
  return oneLine(p.path ? `${where}: ${p.path}: ${p.problem}` : `${where}: ${p.problem}`);
}

/** Input that cannot be used. Carries every problem found, not only the first. */
export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
  }
}

/**
 * Problems in reading order: file by file (those of `files` first, in that order, then the
 * others as they first appear), and within a file by line; a problem without a line (the
 * file's own, or one only a path places) before the lined ones. Stable otherwise.
 */
export function sortProblems(problems: readonly Problem[], files: readonly string[] = []): Problem[] {
  const order = new Map<string, number>();
  for (const f of [...files, ...problems.map((p) => p.file)]) if (!order.has(f)) order.set(f, order.size);
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => order.get(a.p.file)! - order.get(b.p.file)! || (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}

/** Renders a path of keys and indices as `a.b[2].c`. */
export function pathText(path: readonly (string | number)[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out ? `.${k}` : k;
  return out;
}

/** Control characters (C0, DEL, C1; ESC sequences lose their ESC) shown as `�` would be noise: they are dropped, a newline or tab becomes a space. */
function oneLine(text: string): string {
  return text.replace(/[\t\n\r]/g, ' ').replace(/\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?)?|[\x00-\x1f\x7f-\x9f]/g, '');
}
