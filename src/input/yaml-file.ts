import { readFileSync } from 'node:fs';
import { LineCounter, isCollection, isNode, isScalar, parseDocument, visit, type Document } from 'yaml';
import { InputError, pathText, type Problem } from './problems.js';

/** A parsed YAML file that can say on which line any path inside it starts. */
export class YamlFile {
  private constructor(
    readonly file: string,
    readonly data: unknown,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Reads and parses; a syntax error becomes an InputError with its line. */
  static read(file: string, displayName = file): YamlFile {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? String(err)})`;
      throw new InputError([{ file: displayName, path: '', problem: why }]);
    }
    return YamlFile.parse(text, displayName);
  }

  static parse(text: string, file: string): YamlFile {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      throw new InputError(
        doc.errors.map((e) => ({
          file,
          line: e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line,
          path: '',
          problem: `YAML syntax: ${e.message.split('\n')[0]}`,
        })),
      );
    }
    // yaml would stringify such a key and print a Node warning; to a planner it is a typo to point at.
    const oddKeys: Problem[] = [];
    visit(doc, {
      Pair(_, pair) {
        const key = pair.key;
        if (isCollection(key) || (isScalar(key) && key.value !== null && typeof key.value === 'object')) {
          const at = key.range?.[0];
          oddKeys.push({ file, ...(at !== undefined ? { line: lines.linePos(at).line } : {}), path: '', problem: 'a key that is not plain text but a list, a mapping or tagged data (a stray "{", "[", "- " or "!!"?)' });
        }
      },
    });
    if (oddKeys.length > 0) throw new InputError(oddKeys);
    return new YamlFile(file, doc.toJS({ maxAliasCount: 1000 }), doc, lines);
  }

  /** Line of the deepest existing node along `path`. */
  lineOf(path: readonly (string | number)[]): number | undefined {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return undefined;
  }

  problem(path: readonly (string | number)[], problem: string): Problem {
    // A problem with the whole document (empty, or not a mapping) is placed at its start.
    const line = this.lineOf(path) ?? (path.length === 0 ? 1 : undefined);
    return line === undefined ? { file: this.file, path: pathText(path), problem } : { file: this.file, line, path: pathText(path), problem };
  }
}
