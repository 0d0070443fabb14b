import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';

/** Flags for a Chromium named by CHROMIUM_PATH (a system build such as Debian's). */
const SYSTEM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];

/**
 * A headless Chromium for the report's browser tests and the README screenshot: the one
 * CHROMIUM_PATH names, else the build that the npm package @sparticuz/chromium carries inside
 * itself (unpacked to the temporary folder on first use), so `npm test` needs no browser
 * installed by hand.
 */
export async function launchChromium(): Promise<{ browser: Browser; which: string }> {
  const { chromium } = await import('playwright-core');
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (!existsSync(given)) throw new Error(`CHROMIUM_PATH=${given}: no such file (unset it to use the Chromium that npm installed)`);
    return { browser: await chromium.launch({ executablePath: given, args: SYSTEM_ARGS }), which: given };
  }
  const packaged = (await import('@sparticuz/chromium')).default;
  const executablePath = await unpackedChromium(packaged.executablePath.bind(packaged));
  return { browser: await chromium.launch({ executablePath, args: packaged.args, headless: true }), which: `${executablePath} (@sparticuz/chromium)` };
}

/**
 * The package unpacks its browser (and the libraries beside it) into the temporary folder and
 * reuses what it finds there, even files another version left: unpack into a folder of our own
 * per version instead.
 */
async function unpackedChromium(executablePath: () => Promise<string>): Promise<string> {
  // The package exports no package.json: find it above its entry point.
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const manifest = join(entry.slice(0, entry.lastIndexOf('@sparticuz/chromium') + '@sparticuz/chromium'.length), 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const dir = join(tmpdir(), `waterway-sim-chromium-${version}`);
  mkdirSync(dir, { recursive: true });
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await executablePath();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}
