import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Whether dist/ holds a build of every source newer than the source itself
 * (as after `npm ci` or `npm run build`): then tests may start the CLI and the
 * worker threads from it, which is what users run and starts in half the time.
 */
export function freshDist(root = '.'): boolean {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  return sources(join(root, 'src')).every((ts) => {
    const js = join(root, 'dist', ts.slice(root.length === 1 ? 0 : root.length + 1).replace(/\.ts$/, '.js'));
    return existsSync(js) && statSync(js).mtimeMs > statSync(ts).mtimeMs;
  });
}
