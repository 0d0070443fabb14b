import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { LineCounter, isCollection, isNode, isScalar, parseDocument, visit, type Document } from 'yaml';
import { InputError, pathText, type Problem } from './problems.js';

/** Largest input file read, in bytes (5 MB): a scenario or seed file is a few kB. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

/** Most YAML aliases (`*name`) expanded in one file: enough for any real file, too few for an alias bomb. */
export const MAX_YAML_ALIASES = 1000;

/**
 * Reads a regular file of at most `limit` bytes as UTF-8. A FIFO, a device or a
 * folder is refused before anything is read (opened non-blocking, so a FIFO with
 * no writer does not hang), as is a larger file; every refusal is a problem.
 */
export function readBoundedText(file: string, displayName = file, limit = MAX_INPUT_BYTES): string {
  const refuse = (problem: string): never => {
    throw new InputError([{ file: displayName, path: '', problem }]);
  };
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return refuse(code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? String(err)})`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return refuse('is a folder, not a file');
    if (!st.isFile()) return refuse('is not a regular file (a pipe, a device or a socket); only regular files are read');
    if (st.size > limit) return refuse(`file too large: ${st.size.toLocaleString('en')} bytes, more than the limit of ${limit.toLocaleString('en')}`);
    // Read at most limit + 1 bytes whatever the size said: a file that grows while read is still bounded.
    let buf = Buffer.alloc(Math.min(st.size, limit) + 1);
    let got = 0;
    for (;;) {
      if (got === buf.length) {
        if (got > limit) return refuse(`file too large: more than the limit of ${limit.toLocaleString('en')} bytes`);
        const bigger = Buffer.alloc(Math.min(buf.length * 2, limit + 1));
        buf.copy(bigger, 0, 0, got);
        buf = bigger;
      }
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) return buf.subarray(0, got).toString('utf8');
      got += n;
    }
  } finally {
    closeSync(fd);
  }
}

/** A parsed YAML file that can say on which line any path inside it starts. */
export class YamlFile {
  private constructor(
    readonly file: string,
    /** The text as read (for reports that must be traceable). */
    readonly text: string,
    readonly data: unknown,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Reads and parses; a syntax error becomes an InputError with its line. */
  static read(file: string, displayName = file): YamlFile {
    return YamlFile.parse(readBoundedText(file, displayName), displayName);
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
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (err) {
      // yaml throws a ReferenceError for an alias bomb (or an alias to nothing): a problem in the file, not a bug.
      if (!(err instanceof ReferenceError)) throw err;
      const alias = firstAlias(doc);
      throw new InputError([
        {
          file,
          ...(alias !== undefined ? { line: lines.linePos(alias).line } : {}),
          path: '',
          problem: /too many|resource exhaustion|excessive/i.test(err.message)
            ? `YAML aliases expand too much (more than ${MAX_YAML_ALIASES} alias expansions); write the values out`
            : `YAML alias: ${err.message.split('\n')[0]}`,
        },
      ]);
    }
    return new YamlFile(file, text, data, doc, lines);
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

function firstAlias(doc: Document): number | undefined {
  let at: number | undefined;
  visit(doc, {
    Alias(_, node) {
      at = node.range?.[0];
      return visit.BREAK;
    },
  });
  return at;
}
