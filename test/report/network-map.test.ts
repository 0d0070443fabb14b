import { describe, expect, it } from 'vitest';
import { boxesOverlap, placeLabels, type Box } from '../../src/report/html/label-placement.js';
import { networkMapHtml, type MapInput } from '../../src/report/html/network-map.js';

const frame: Box = { x: 0, y: 0, w: 600, h: 400 };
const markerAt = (x: number, y: number, r = 6): Box => ({ x: x - r, y: y - r, w: 2 * r, h: 2 * r });

describe('label placement', () => {
  it('puts a lone label just right of its marker', () => {
    const [b] = placeLabels([{ x: 100, y: 100, r: 6, w: 50, h: 12 }], [markerAt(100, 100)], frame);
    expect(b!.x).toBeGreaterThan(106);
    expect(b!.x).toBeLessThan(112);
    expect(b!.y + b!.h / 2).toBe(100);
    expect(b!.far).toBe(false);
  });

  it('keeps a crowd of labels apart, clear of every marker and inside the frame', () => {
    // Twelve markers 14 px apart in a cross: far closer than the labels are wide.
    const points = [...Array(6).keys()].flatMap((i) => [[230 + 14 * i, 200], [300, 130 + 14 * i]]) as [number, number][];
    const labels = points.map(([x, y], i) => ({ x, y, r: 6, w: 60 + 3 * i, h: 13 }));
    const markers = points.map(([x, y]) => markerAt(x, y));
    const placed = placeLabels(labels, markers, frame);
    for (const [i, a] of placed.entries()) {
      expect(a.collides).toBe(false);
      expect(a.x >= frame.x && a.y >= frame.y && a.x + a.w <= frame.w && a.y + a.h <= frame.h).toBe(true);
      for (const m of markers) expect(boxesOverlap(a, m), `label ${i} on a marker`).toBe(false);
      for (const b of placed.slice(i + 1)) expect(boxesOverlap(a, b), `label ${i} on another`).toBe(false);
    }
    expect(placed.some((p) => p.far)).toBe(true);
  });

  it('says so when a label finds no free place', () => {
    const wall = [{ x: 0, y: 0, w: 600, h: 400 }];
    const [b] = placeLabels([{ x: 300, y: 200, r: 6, w: 40, h: 12 }], wall, frame);
    expect(b!.collides).toBe(true);
  });
});

describe('the network map', () => {
  const name = (en: string, zh: string) => ({ en, zh });
  const input: MapInput = {
    locks: [{ id: 'l', name: name('Changzhou', '长洲'), at: [111.19, 23.49], utilisation: 0.4, tip: 'Changzhou 长洲\nutilisation 40 ± 1 %' }],
    ports: [
      { id: 'z', name: name('Zhaoqing', '肇庆'), at: [112.47, 23.05], mainLine: true, mt: 40, tip: 'Zhaoqing' },
      { id: 'y', name: name('Yunfu', '云浮'), at: [112.06, 23.05], mainLine: true, mt: 10, tip: 'Yunfu' },
    ],
    channels: [
      { id: 'a', river: name('Xijiang', '西江'), line: [[111.19, 23.49], [111.6, 23.3], [112.06, 23.05]], fromCourse: true, tip: 'Xijiang a' },
      { id: 'b', river: name('Xijiang', '西江'), line: [[112.06, 23.05], [112.47, 23.05]], fromCourse: false, tip: 'Xijiang b' },
    ],
    coast: [],
    coastSource: 'none',
  };
  const html = networkMapHtml(input);
  const attr = (tag: string, name: string) => [...html.matchAll(new RegExp(`<${tag}[^>]*\\b${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);

  it('draws a channel along its course and one without a course straight, dashed', () => {
    const ds = [...html.matchAll(/<path class="channel( straight)?" d="([^"]*)"[^>]*aria-label/g)];
    expect(ds.map((d) => d[2]!.split('L').length)).toEqual([3, 2]);
    expect(ds.map((d) => Boolean(d[1]))).toEqual([false, true]);
  });

  it('has a scale bar true to the map: its km take as many pixels as the km between two ports on one parallel', () => {
    const [zx, yx] = [...html.matchAll(/<circle class="port" cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    // Zhaoqing and Yunfu, both at 23.05° N, 0.41° of longitude apart: 0.41° × 111.19 km × cos 23.05°.
    const pxPerKm = Math.abs(zx! - yx!) / (0.41 * 111.195 * Math.cos((23.05 * Math.PI) / 180));
    const km = Number(attr('g class="scale-bar"', 'data-km')[0]), px = Number(attr('g class="scale-bar"', 'data-px')[0]);
    expect(px / km / pxPerKm).toBeGreaterThan(0.99);
    expect(px / km / pxPerKm).toBeLessThan(1.01);
    expect(html).toContain('class="north-arrow"');
  });

  it('labels every lock and port with its English and Chinese name, and gives each marker its figures', () => {
    for (const t of ['Changzhou 长洲', 'Zhaoqing 肇庆', 'Yunfu 云浮', 'Xijiang 西江']) expect(html).toContain(`>${t}</text>`);
    expect(attr('path class="lock"', 'aria-label')).toEqual(['Changzhou 长洲\nutilisation 40 ± 1 %']);
    expect(html).toContain('id="map-details"');
  });

  it('names a font for Chinese on every system family it knows, and loads nothing', () => {
    for (const f of ['Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei']) expect(html).toContain(`"${f}"`);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});
