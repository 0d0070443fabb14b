import { existsSync } from 'node:fs';
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
  const executablePath = await packaged.executablePath();
  return { browser: await chromium.launch({ executablePath, args: packaged.args, headless: true }), which: `${executablePath} (@sparticuz/chromium)` };
}
