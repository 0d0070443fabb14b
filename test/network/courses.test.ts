import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WaterwayNetwork, loadSeeds, networkGeoJson } from '../../src/network/index.js';
import { SEEDS, brokenSeeds, seedProblems } from './seed-fixture.js';

/** Haversine on a 6371 km sphere, written out here so the check does not lean on the loader's own. */
function km(a: number[], b: number[]): number {
  const r = Math.PI / 180;
  const h = Math.sin(((b[1]! - a[1]!) * r) / 2) ** 2 + Math.cos(a[1]! * r) * Math.cos(b[1]! * r) * Math.sin(((b[0]! - a[0]!) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
const lengthKm = (line: number[][]) => line.slice(1).reduce((s, p, i) => s + km(line[i]!, p), 0);

describe("the Xijiang channels' courses (courses.yaml)", () => {
  const seeds = loadSeeds(SEEDS, 'seeds/xijiang');
  const courses = seeds.map!.courses;
  const node = (id: string) => seeds.nodes.find((n) => n.id === id)!;

  it('give every segment a course that runs from its upstream node to its downstream node', () => {
    expect([...courses.keys()].sort()).toEqual(seeds.segments.map((s) => s.id).sort());
    for (const s of seeds.segments) {
      const line = courses.get(s.id)!.line;
      expect(km(line[0]!, [node(s.from).lon, node(s.from).lat]), `${s.id} start`).toBeLessThan(0.2);
      expect(km(line.at(-1)!, [node(s.to).lon, node(s.to).lat]), `${s.id} end`).toBeLessThan(0.2);
    }
  });

  it('follow the rivers: every course bends (more than two points), and each says where it comes from', () => {
    for (const [id, c] of courses) {
      expect(c.line.length, id).toBeGreaterThan(2);
      expect(Number(c.provenance.source !== undefined) + Number(c.provenance.estimate !== undefined), id).toBe(1);
    }
    // The estuary legs have no Natural Earth centre line: drawn from known points, so estimates.
    expect(courses.get('pearl-guangzhou-sea')!.provenance.estimate).toMatch(/Humen/);
    expect(courses.get('xjlow-sixianjiao-sea')!.provenance.estimate).toMatch(/Modaomen/);
  });

  // Single segments can differ a lot: their nodes' coordinates are estimates (±5–10 km) and a lock
  // placed off the river splits the course elsewhere than its seeded distances do. Along a whole
  // river the errors cancel, and what remains is Natural Earth's generalisation cutting meanders.
  const chains: [string, string[]][] = [
    ['main line Nanning–Guangzhou', ['yong-nanning-yongning', 'yu-yongning-xijin', 'yu-xijin-guigang', 'yu-guigang-guiganglock', 'yu-guiganglock-guipinglock', 'yu-guipinglock-guiping', 'xun-guiping-pingnan', 'xun-pingnan-changzhou', 'xj-changzhou-wuzhou', 'xj-wuzhou-yunfu', 'xj-yunfu-zhaoqing', 'xj-zhaoqing-sixianjiao', 'dp-sixianjiao-foshan', 'dp-foshan-guangzhou']],
    ['Hongshui, Longtan–Shilong', ['hs-longtan-yantan', 'hs-yantan-dahua', 'hs-dahua-bailongtan', 'hs-bailongtan-letan', 'hs-letan-qiaogong', 'hs-qiaogong-laibin', 'hs-laibin-shilong']],
    ['Liu and Qian, Liuzhou–Guiping', ['liu-liuzhou-honghua', 'liu-honghua-shilong', 'qian-shilong-datengxia', 'qian-datengxia-guiping']],
    ['You, Baise–Songcun', ['you-baise-naji', 'you-naji-yuliang', 'you-yuliang-jinjitan', 'you-jinjitan-songcun']],
    ['Zuo, Chongzuo–Songcun', ['zuo-chongzuo-shanxiu', 'zuo-shanxiu-songcun']],
    ['Xijiang lower reaches to the sea', ['xjlow-sixianjiao-sea']],
  ];
  it.each(chains)('are as long as the seeded segments along the %s, within 30%', (_name, ids) => {
    const seeded = ids.reduce((s, id) => s + seeds.segments.find((x) => x.id === id)!.lengthM / 1000, 0);
    const drawn = ids.reduce((s, id) => s + lengthKm(courses.get(id)!.line), 0);
    expect(drawn / seeded).toBeGreaterThan(0.7);
    expect(drawn / seeded).toBeLessThan(1.3);
  });

  it('are the channels\' geometry in network.geojson', () => {
    const geo = networkGeoJson(new WaterwayNetwork(seeds, 2020));
    const lines = geo.features.filter((f) => f.geometry.type === 'LineString');
    expect(lines).toHaveLength(seeds.segments.length);
    for (const f of lines) expect(f.geometry.coordinates).toEqual(courses.get(f.properties.id as string)!.line);
  });

  it('are read afresh when courses.yaml changes (the seed cache keys on it too)', () => {
    const dir = brokenSeeds(() => {});
    expect(loadSeeds(dir).map!.courses.get('yong-nanning-yongning')!.line[1]).toEqual([108.336, 22.811]);
    writeFileSync(join(dir, 'courses.yaml'), readFileSync(join(dir, 'courses.yaml'), 'utf8').replace('[108.336, 22.811]', '[108.34, 22.9]'));
    expect(loadSeeds(dir).map!.courses.get('yong-nanning-yongning')!.line[1]).toEqual([108.34, 22.9]);
  });

  it('leave the model alone: a seed folder without courses.yaml draws straight lines and loads the same network', () => {
    const dir = brokenSeeds((f) => f.raw('courses', () => 'courses: []\n'));
    const bare = loadSeeds(dir, 'seeds/bare');
    expect(bare.map!.courses.size).toBe(0);
    expect(bare.segments.map((s) => s.lengthM)).toEqual(seeds.segments.map((s) => s.lengthM));
    const line = networkGeoJson(new WaterwayNetwork(bare, 2020)).features.find((f) => f.properties.id === 'xj-wuzhou-yunfu')!;
    expect(line.geometry.coordinates).toEqual([[node('wuzhou').lon, node('wuzhou').lat], [node('yunfu').lon, node('yunfu').lat]]);
  });
});

describe('broken courses give clear errors: file:line: path: problem', () => {
  /** Replaces the first course's points (the Yong at Nanning, from nanning to yongning). */
  const withFirstLine = (line: string) =>
    brokenSeeds((f) => f.raw('courses', (t) => t.replace(/(- segment: yong-nanning-yongning\n\s+source: "[^"]*"\n\s+line: )\[[^\]]*(\][^\]]*)*\]\n/, `$1${line}\n`)));

  it('a course that starts far from its segment\'s upstream node, with the distance', () => {
    const p = seedProblems(withFirstLine('[[108.6, 22.82], [108.45, 22.8], [108.5, 22.76]]'));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^seeds\/broken\/courses\.yaml:\d+: courses\[0\]\.line\[0\]: starts 2\d\.\d km from node 'nanning', where segment 'yong-nanning-yongning' starts \(at most 5 km\)$/);
  });

  it('a course drawn upstream, with the fix', () => {
    const p = seedProblems(withFirstLine('[[108.5, 22.76], [108.45, 22.8], [108.32, 22.82]]'));
    expect(p).toEqual([expect.stringMatching(/courses\.yaml:\d+: courses\[0\]\.line: runs from 'yongning' to 'nanning': a course runs downstream.*reverse its points/)]);
  });

  it('a course without a source or an estimate', () => {
    const p = seedProblems(brokenSeeds((f) => f.raw('courses', (t) => t.replace('- segment: yong-nanning-yongning\n    source:', '- segment: yong-nanning-yongning\n    where:'))));
    expect(p).toEqual([
      expect.stringMatching(/courses\.yaml:\d+: courses\[0\]: a course needs exactly one of source: .* or estimate: /),
      expect.stringMatching(/courses\.yaml:\d+: courses\[0\]\.where: unknown key 'where' \(allowed: segment, line, source, estimate, note\)/),
    ]);
  });

  it('an unknown segment, with did-you-mean', () => {
    const p = seedProblems(brokenSeeds((f) => f.raw('courses', (t) => t.replace('- segment: yong-nanning-yongning', '- segment: yong-nanning-yongnin'))));
    expect(p).toEqual([expect.stringMatching(/courses\.yaml:\d+: courses\[0\]\.segment: unknown segment 'yong-nanning-yongnin' \(did you mean 'yong-nanning-yongning'\?\)/)]);
  });
});
