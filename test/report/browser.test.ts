import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../bench/browser.js';
import { cliCommand } from '../helpers.js';

/**
 * The HTML reports, loaded in a real browser: the Chromium that npm installs with
 * @sparticuz/chromium, or the one CHROMIUM_PATH names. WATERWAY_SIM_SKIP_BROWSER=1 skips
 * them, and vitest counts them as skipped.
 */
const SKIP = process.env.WATERWAY_SIM_SKIP_BROWSER === '1';
const ARTEFACTS = resolve('test-artifacts');

const exec = promisify(execFile);
const cli = (...args: string[]) => exec(process.execPath, [...cliCommand(), ...args], { maxBuffer: 64 << 20 });
const fixture = (name: string) => join('test', 'fixtures', 'scenarios', name);

/** Whether fontconfig knows a font with Chinese glyphs (Debian: fonts-noto-cjk); without one, Chinese cannot render. */
function hasCjkFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

interface Loaded {
  page: Page;
  errors: string[];
}

describe.skipIf(SKIP)('report.html in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  const chain = join(dir, 'chain'), narrow = join(dir, 'narrow'), cmp = join(dir, 'compare'), bn = join(dir, 'bottlenecks'), xijiang = join(dir, 'xijiang');
  let browser: Browser;
  const stderr: string[] = [];
  let summary: { mainLine: Record<string, { mean: number; halfWidth: number } | number>; locks: { id: string; name: { en: string }; utilisation: { mean: number } }[] };

  beforeAll(async () => {
    // Launched before the CLI runs start: unpacking the packaged browser sets TMPDIR for a moment.
    browser = (await launchChromium()).browser;
    stderr.push(...(await Promise.all([cli('run', fixture('chain.yaml'), '--replications', '2', '--no-capacity', '--quiet', '--out', chain), cli('run', fixture('chain-narrow-2.yaml'), '--replications', '2', '--no-capacity', '--quiet', '--out', narrow)])).map((r) => r.stderr));
    // compare reads the two earlier runs' summaries: no simulation of its own.
    // The fixture's locks start each lockage at once, so the Dutch 30 min puts capacity markers on its curves.
    stderr.push(...(await Promise.all([cli('compare', chain, narrow, '--out', cmp), cli('bottlenecks', fixture('chain.yaml'), '--levels', '1:2:0.5', '--replications', '2', '--threshold-min', '30', '--no-takeover', '--quiet', '--out', bn)])).map((r) => r.stderr));
    // The whole Xijiang network, for its map: a month of the record's year is enough.
    await cli('run', fixture('record-month.yaml'), '--replications', '1', '--no-capacity', '--quiet', '--out', xijiang);
    summary = JSON.parse(readFileSync(join(chain, 'summary.json'), 'utf8'));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a report from disk and collects console errors and uncaught exceptions. */
  async function open(file: string): Promise<Loaded> {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    // Anything fetched from outside the file itself would break offline use.
    page.on('request', (r) => !r.url().startsWith('file:') && errors.push(`request to ${r.url()}`));
    await page.goto(`file://${resolve(file)}`);
    return { page, errors };
  }

  it('is written without a warning from the chart compiler (or anything else on stderr)', () => {
    expect(stderr).toEqual(['', '', '', '']);
  });

  it('loads offline with no console errors and no requests, and is saved as a screenshot', async () => {
    const { page, errors } = await open(join(chain, 'report.html'));
    mkdirSync(ARTEFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTEFACTS, 'report-run.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(existsSync(join(ARTEFACTS, 'report-run.png'))).toBe(true);
  });

  it('shows the verdict figures of summary.json: mean ± CI half-width and P(reached)', async () => {
    const { page } = await open(join(chain, 'report.html'));
    const m = summary.mainLine as { tonnes: { mean: number; halfWidth: number }; teu: { mean: number; halfWidth: number }; pTonnesReached: number; pTeuReached: number };
    const pm = (s: { mean: number; halfWidth: number }, d: number) => `${(s.mean / 1e6).toFixed(d)} ± ${(s.halfWidth / 1e6).toFixed(d)}`;
    expect(await page.textContent('#verdict-tonnes .figure')).toBe(pm(m.tonnes, 1));
    expect(await page.textContent('#verdict-tonnes .p')).toBe(`P(reached) = ${(100 * m.pTonnesReached).toFixed(0)}%`);
    expect(await page.textContent('#verdict-teu .figure')).toBe(pm(m.teu, 2));
    expect(await page.textContent('#verdict-teu .p')).toBe(`P(reached) = ${(100 * m.pTeuReached).toFixed(0)}%`);
    expect(await page.textContent('#verdict-tonnes .target')).toBe('300');
  });

  it('draws one map marker per lock, each with a hover tooltip naming the lock', async () => {
    const { page } = await open(join(chain, 'report.html'));
    const markers = page.locator('#map [aria-roledescription="lock"]');
    expect(await markers.count()).toBe(summary.locks.length);
    const tips = await markers.evaluateAll((els) => els.map((e) => e.querySelector('title')?.textContent ?? ''));
    for (const l of summary.locks) expect(tips.some((t) => t.startsWith(l.name.en) && /utilisation: \d+ ± \d+ %/.test(t))).toBe(true);
    expect(await page.locator('#map [aria-roledescription="port"]').count()).toBeGreaterThan(0);
  });

  describe('the Xijiang map', () => {
    const boxes = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height, text: e.textContent ?? e.getAttribute('aria-label') ?? '' }; }));
    const overlap = (a: { x: number; y: number; w: number; h: number }, b: typeof a) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 0.5;

    it('draws the channels along the rivers, with a scale bar and a north arrow', async () => {
      const { page, errors } = await open(join(xijiang, 'report.html'));
      expect(errors).toEqual([]);
      const points = await page.locator('#map path[aria-roledescription="channel"]').evaluateAll((els) => els.map((e) => e.getAttribute('d')!.split('L').length));
      expect(points.length).toBeGreaterThanOrEqual(30);
      for (const n of points) expect(n).toBeGreaterThan(2);
      for (const sel of ['#map .scale-bar', '#map .north-arrow']) expect((await boxes(page, sel))[0]!.w).toBeGreaterThan(10);
      expect(await page.textContent('#map .scale-bar')).toMatch(/\d+ km/);
      await page.locator('#map').screenshot({ path: join(ARTEFACTS, 'report-map.png') });
    });

    it("places every label clear of the other labels and of every marker, as the reader's fonts draw them", async () => {
      const { page } = await open(join(xijiang, 'report.html'));
      const labels = await boxes(page, '#map text.map-label');
      const markers = await boxes(page, '#map .port, #map .lock');
      const locks = JSON.parse(readFileSync(join(xijiang, 'summary.json'), 'utf8')).locks as { name: { en: string; zh: string } }[];
      for (const l of locks) expect(labels.some((b) => b.text === `${l.name.en} ${l.name.zh}`), l.name.en).toBe(true);
      const clashes: string[] = [];
      for (const [i, a] of labels.entries()) {
        for (const b of labels.slice(i + 1)) if (overlap(a, b)) clashes.push(`${a.text} / ${b.text}`);
        for (const m of markers) if (overlap(a, m)) clashes.push(`${a.text} on ${m.text.split('\n')[0]}`);
      }
      expect(clashes).toEqual([]);
    });

    it("shows a lock's figures in the panel under the map when it is tapped", async () => {
      // Left open like the other pages: the packaged Chromium runs in one process, and closing a context ends it.
      const page = await browser.newPage({ hasTouch: true, viewport: { width: 900, height: 800 } });
      await page.goto(`file://${resolve(join(xijiang, 'report.html'))}`);
      const lock = page.locator('#map [aria-roledescription="lock"]').first();
      await lock.tap();
      const details = (await page.textContent('#map-details'))!;
      expect(details).toBe(await lock.getAttribute('aria-label'));
      expect(details).toMatch(/\nutilisation: \d+ ± (\d+|∞) %\n/);
    });

    it.skipIf(!hasCjkFont())('renders Chinese names in a font that has their glyphs', async () => {
      const { page } = await open(join(xijiang, 'report.html'));
      const cdp = await page.context().newCDPSession(page);
      const { root } = await cdp.send('DOM.getDocument');
      await cdp.send('CSS.enable');
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#map text.lock-label' });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      const text = (await page.textContent('#map text.lock-label'))!;
      const han = [...text].filter((c) => /\p{Script=Han}/u.test(c)).length;
      expect(han).toBeGreaterThan(0);
      const cjk = fonts.filter((f) => /CJK|Han Sans|PingFang|YaHei|WenQuanYi|Hei|Song|Fallback/i.test(f.familyName));
      expect(cjk.reduce((n, f) => n + f.glyphCount, 0), JSON.stringify(fonts)).toBeGreaterThanOrEqual(han);
    });
  });

  it('sorts the lock table by a clicked column, descending then ascending', async () => {
    const { page } = await open(join(chain, 'report.html'));
    const order = () => page.locator('#lock-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lock')));
    const byUtilisation = [...summary.locks].sort((a, b) => b.utilisation.mean - a.utilisation.mean).map((l) => l.id);
    expect(byUtilisation).toHaveLength(2);
    const busy = page.locator('#lock-table thead th', { hasText: 'busy %' });
    await busy.click();
    await expect.poll(order).toEqual(byUtilisation);
    await busy.click();
    await expect.poll(order).toEqual([...byUtilisation].reverse());
    expect(await busy.getAttribute('aria-sort')).toBe('ascending');
  });

  it('compare: a grouped bar per scenario and port, and a heat-map cell per scenario × lock', async () => {
    const { page, errors } = await open(join(cmp, 'report.html'));
    expect(errors).toEqual([]);
    expect(await page.locator('#verdict-table tbody tr').count()).toBe(2);
    const cells = await page.locator('#waits [aria-roledescription="heat-map cell"]').count();
    expect(cells).toBe(2 * summary.locks.length);
    await page.screenshot({ path: join(ARTEFACTS, 'report-compare.png'), fullPage: true });
  });

  it('bottlenecks: a delay-curve panel per lock with the threshold and capacity markers; the ranking table', async () => {
    const { page, errors } = await open(join(bn, 'report.html'));
    expect(errors).toEqual([]);
    expect(await page.locator('#ranking-table tbody tr').count()).toBe(2);
    expect(await page.locator('#curves path[aria-roledescription="delay curve"]').count()).toBe(2);
    expect(await page.locator('#curves [aria-roledescription="capacity by waiting"]').count()).toBeGreaterThanOrEqual(1);
    expect(await page.textContent('#findings')).toContain('First bottleneck: Narrow lock');
    await page.screenshot({ path: join(ARTEFACTS, 'report-bottlenecks.png'), fullPage: true });
  });
});
