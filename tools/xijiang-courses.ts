/**
 * Writes seeds/xijiang/courses.yaml: each channel segment's course, cut out of Natural Earth's
 * 1:10m river centre lines, and the coastline around the delta, for drawing the network on a map.
 *
 *   npx tsx tools/xijiang-courses.ts RIVERS.geojson COAST.geojson > seeds/xijiang/courses.yaml
 *
 * RIVERS is ne_10m_rivers_lake_centerlines and COAST ne_10m_coastline, as GeoJSON. A course runs
 * along the named rivers from the point nearest the segment's upstream node to the point nearest
 * its downstream node; the stretch near each end is then bent onto the node (the nodes' coordinates
 * are the model's, estimated to ±5–10 km, and the 10m lines are generalised). Where Natural Earth
 * has no centre line (the estuary legs), the course follows the waypoints below, marked as estimates.
 * On stderr: each course's length against the segment's seeded length.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UndirectedGraph } from 'graphology';
import { bidirectional } from 'graphology-shortest-path/dijkstra.js';
import { parse } from 'yaml';
import { distanceKm, lineLengthKm, type LonLat } from '../src/network/courses.js';

const [riversFile, coastFile] = process.argv.slice(2);
if (!riversFile || !coastFile) throw new Error('usage: tools/xijiang-courses.ts RIVERS.geojson COAST.geojson');
const SEEDS = join(import.meta.dirname, '..', 'seeds', 'xijiang');

/** Natural Earth's names of the rivers each segment (by its id's first word) runs along. "Quan" is Natural Earth's spelling of the Qian. */
const RIVERS: Record<string, string[]> = {
  yong: ['Yong', 'Yu'], yu: ['Yong', 'Yu'], xun: ['Xun'], xj: ['Xun', 'Xi'], dp: ['Xi'], pearl: ['Xi'], xjlow: ['Xi'],
  qian: ['Quan'], liu: ['Liu'], hs: ['Hongshui', 'Nanpan'], you: ['You'], zuo: ['Zuo'],
};

/** The estuary legs Natural Earth has no centre line for: waypoints from the end of its line to the gateway, read off the 10m coastline. */
const ESTUARY: Record<string, { via: LonLat[]; why: string }> = {
  'pearl-guangzhou-sea': {
    via: [[113.419, 23.063], [113.5, 23.05], [113.565, 22.98], [113.6, 22.88], [113.63, 22.78], [113.67, 22.65], [113.72, 22.5], [113.78, 22.35]],
    why: "Natural Earth's 'Xi' (the Guangzhou channel) to its end below Huangpu; then the Shiziyang, Humen and Lingdingyang to the gateway by waypoints in the water of Natural Earth's 10m coastline (estimate, ±3 km)",
  },
  'xjlow-sixianjiao-sea': {
    via: [[113.166, 22.576], [113.2, 22.5], [113.237, 22.45], [113.285, 22.37], [113.325, 22.3], [113.37, 22.24], [113.405, 22.19], [113.42, 22.1], [113.46, 22.03], [113.6, 22.04], [113.68, 22.17], [113.78, 22.35]],
    why: "Natural Earth's 'Xi' to its end where the Modaomen waterway opens (the 10m data draw the waterway as part of the coastline); then down the Modaomen to its mouth, south of Macau and up the Lingdingyang to the gateway by waypoints in the water of Natural Earth's 10m coastline (estimate, ±3 km)",
  },
};

type Geometry = { type: string; coordinates: unknown } | null;
type Collection = { features: { properties: Record<string, unknown>; geometry: Geometry }[] };
const linesOf = (g: Geometry): LonLat[][] => (!g ? [] : g.type === 'LineString' ? [g.coordinates as LonLat[]] : g.type === 'MultiLineString' ? (g.coordinates as LonLat[][]) : []);
const round = (p: LonLat): LonLat => [Math.round(p[0] * 1000) / 1000, Math.round(p[1] * 1000) / 1000];

const nodeList = parse(readFileSync(join(SEEDS, 'nodes.yaml'), 'utf8')) as { id: string; kind: string; lon: number; lat: number }[];
const nodes = new Map(nodeList.map((n) => [n.id, [n.lon, n.lat] as LonLat]));
const junctions = new Set(nodeList.filter((n) => n.kind === 'junction').map((n) => n.id));
const segments = parse(readFileSync(join(SEEDS, 'segments.yaml'), 'utf8')) as { id: string; from: string; to: string; length: { value: number; unit: string } }[];
const lons = [...nodes.values()].map((p) => p[0]), lats = [...nodes.values()].map((p) => p[1]);
const box = { west: Math.min(...lons) - 0.4, east: Math.max(...lons) + 0.4, south: Math.min(...lats) - 0.35, north: Math.max(...lats) + 0.35 };
const inBox = (p: LonLat) => p[0] >= box.west && p[0] <= box.east && p[1] >= box.south && p[1] <= box.north;

/* The rivers as a graph of their vertices; lines that meet within a kilometre are joined. */
const graph = new UndirectedGraph<{ at: LonLat }, { river: string; km: number }>();
const key = (p: LonLat) => `${p[0].toFixed(5)},${p[1].toFixed(5)}`;
const rivers = JSON.parse(readFileSync(riversFile, 'utf8')) as Collection;
const wanted = new Set(Object.values(RIVERS).flat());
for (const f of rivers.features) {
  const river = String(f.properties.name);
  if (!wanted.has(river)) continue;
  for (const line of linesOf(f.geometry)) {
    if (!line.some(inBox)) continue;
    for (let i = 0; i + 1 < line.length; i++) {
      const a = line[i]!, b = line[i + 1]!;
      graph.mergeNode(key(a), { at: a });
      graph.mergeNode(key(b), { at: b });
      if (key(a) !== key(b)) graph.mergeEdge(key(a), key(b), { river, km: distanceKm(a, b) });
    }
  }
}
const ends = graph.filterNodes((n) => graph.degree(n) === 1);
for (const e of ends) {
  const at = graph.getNodeAttribute(e, 'at');
  let best: [string, number] | undefined;
  graph.forEachNode((n, { at: p }) => {
    const d = distanceKm(at, p);
    if (n !== e && !graph.hasEdge(e, n) && d < 1 && (!best || d < best[1])) best = [n, d];
  });
  if (best) graph.mergeEdge(e, best[0], { river: graph.getEdgeAttributes(graph.edges(e)[0]!).river, km: best[1] });
}

/** The nearest point to p on an edge of the given rivers, as the edge and the point. */
function nearest(p: LonLat, riverNames: string[]): { edge: string; point: LonLat; km: number } {
  let best = { edge: '', point: p, km: Infinity };
  graph.forEachEdge((edge, attrs, _s, _t, sa, ta) => {
    if (!riverNames.includes(attrs.river)) return;
    const q = closestOnSegment(p, sa.at, ta.at);
    const km = distanceKm(p, q);
    if (km < best.km) best = { edge, point: q, km };
  });
  return best;
}

function closestOnSegment(p: LonLat, a: LonLat, b: LonLat): LonLat {
  const k = Math.cos((p[1] * Math.PI) / 180);
  const dx = (b[0] - a[0]) * k, dy = b[1] - a[1];
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, (((p[0] - a[0]) * k) * dx + (p[1] - a[1]) * dy) / len));
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}

/** Each node's point on the rivers: the nearest on any river of the segments that meet there, so that courses meeting at a node meet on the rivers too. */
const riversAt = new Map<string, Set<string>>();
for (const s of segments) for (const n of [s.from, s.to]) for (const r of RIVERS[s.id.split('-')[0]!] ?? []) (riversAt.get(n) ?? riversAt.set(n, new Set()).get(n)!).add(r);
const snapped = new Map([...riversAt].map(([n, names]) => [n, (junctions.has(n) && confluence(nodes.get(n)!, [...names])) || nearest(nodes.get(n)!, [...names])]));

/** A junction is where Natural Earth's rivers meet: the nearest vertex within 12 km where three of their lines join. */
function confluence(p: LonLat, riverNames: string[]): Hit | undefined {
  let best: Hit | undefined;
  graph.forEachNode((n, { at }) => {
    const edges = graph.edges(n).filter((e) => riverNames.includes(graph.getEdgeAttribute(e, 'river')));
    const km = distanceKm(p, at);
    if (edges.length >= 3 && km < 12 && (!best || km < best.km)) best = { edge: edges[0]!, point: at, km };
  });
  return best;
}

type Hit = ReturnType<typeof nearest>;
/** The course along the rivers between two points on them. */
function alongRivers(a: Hit, b: Hit, riverNames: string[]): LonLat[] {
  if (a.edge === b.edge) return [a.point, b.point];
  const names = [...riverNames, graph.getEdgeAttribute(a.edge, 'river'), graph.getEdgeAttribute(b.edge, 'river')];
  const g = graph.copy();
  const split = (hit: Hit, name: string) => {
    const [s, t] = g.extremities(hit.edge);
    const river = g.getEdgeAttribute(hit.edge, 'river');
    g.addNode(name, { at: hit.point });
    g.addEdge(s, name, { river, km: distanceKm(g.getNodeAttribute(s, 'at'), hit.point) });
    g.addEdge(name, t, { river, km: distanceKm(hit.point, g.getNodeAttribute(t, 'at')) });
  };
  split(a, 'FROM');
  split(b, 'TO');
  const path = bidirectional(g, 'FROM', 'TO', (_e, attrs) => (names.includes(attrs.river) ? attrs.km : Infinity));
  if (!path) throw new Error(`no course along ${names.join(', ')} between [${a.point}] and [${b.point}]`);
  return path.map((n) => g.getNodeAttribute(n, 'at'));
}

/** Bends the stretch near each end so the course starts at `from` and ends at `to`, fading out along the course. */
function bendOnto(line: LonLat[], from: LonLat, to: LonLat | null): LonLat[] {
  const out = line.map((p) => [...p] as LonLat);
  const totalKm = lineLengthKm(line);
  const shift = (order: number[], target: LonLat) => {
    const first = out[order[0]!]!;
    const d: LonLat = [target[0] - first[0], target[1] - first[1]];
    const reachKm = Math.min(Math.max(3 * distanceKm(first, target), 8), 0.45 * totalKm);
    let km = 0;
    for (let j = 0; j < order.length; j++) {
      if (j > 0) km += distanceKm(line[order[j - 1]!]!, line[order[j]!]!);
      if (km >= reachKm) break;
      const w = 0.5 * (1 + Math.cos((Math.PI * km) / reachKm));
      out[order[j]!] = [out[order[j]!]![0] + w * d[0], out[order[j]!]![1] + w * d[1]];
    }
  };
  const idx = out.map((_, i) => i);
  shift(idx, from);
  if (to) shift([...idx].reverse(), to);
  return out;
}

/** Drops points closer than 50 m to the one before. */
const thin = (line: LonLat[]) => line.map(round).filter((p, i, all) => i === 0 || i === all.length - 1 || distanceKm(p, all[i - 1]!) > 0.05);

const courses: { segment: string; provenance: string; line: LonLat[] }[] = [];
const report: string[] = ['segment                          seeded km  course km  ratio  ends moved km'];
for (const s of segments) {
  const names = RIVERS[s.id.split('-')[0]!];
  if (!names) throw new Error(`no rivers named for segment ${s.id}`);
  const from = nodes.get(s.from)!, to = nodes.get(s.to)!;
  const estuary = ESTUARY[s.id];
  const a = snapped.get(s.from)!, b = estuary ? nearest(estuary.via[0]!, names) : snapped.get(s.to)!;
  const cut = alongRivers(a, b, names);
  const line = thin(estuary ? [...bendOnto(cut, from, null), ...estuary.via.slice(1), to] : bendOnto(cut, from, to));
  const moved = estuary ? [a.km] : [a.km, b.km];
  const worst = Math.max(...moved);
  const features = [...new Set(names)].map((n) => `'${n}'`).join(' and ');
  const base = `Natural Earth 1:10m rivers_lake_centerlines (public domain), ${features}, cut between the points nearest the segment's nodes`;
  const movedText = moved.map((k) => k.toFixed(1)).join(' and ');
  const provenance = estuary
    ? `estimate: "${estuary.why}; the upstream end bent ${movedText} km onto its node"`
    : worst <= 2
      ? `source: "${base}; ends bent ${movedText} km onto the nodes"`
      : `estimate: "${base}, the stretch near each end bent onto its node (moved ${movedText} km): the node's coordinates are estimated (±5–10 km) and the 10m line is generalised (a vertex every 2–3 km), so the course there is drawn, not surveyed"`;
  courses.push({ segment: s.id, provenance, line });
  const seededKm = s.length.unit === 'km' ? s.length.value : s.length.value / 1000;
  const km = lineLengthKm(line);
  report.push(`${s.id.padEnd(32)} ${seededKm.toFixed(0).padStart(9)} ${km.toFixed(0).padStart(10)} ${(km / seededKm).toFixed(2).padStart(6)}  ${movedText}`);
}

/* The coastline inside the box, simplified to about 300 m, without the smallest islands. */
const coast = JSON.parse(readFileSync(coastFile, 'utf8')) as Collection;
const coastLines: LonLat[][] = [];
for (const f of coast.features) {
  for (const line of linesOf(f.geometry)) {
    let run: LonLat[] = [];
    const flush = () => {
      const simple = simplify(run, 0.3).map(round);
      if (simple.length > 2 && lineLengthKm(simple) > 8) coastLines.push(simple);
      run = [];
    };
    for (const p of line) {
      if (inBox(p)) run.push(p);
      else if (run.length) flush();
    }
    if (run.length) flush();
  }
}

/** Douglas–Peucker with a tolerance in km. */
function simplify(line: LonLat[], tolKm: number): LonLat[] {
  if (line.length < 3) return line;
  let worst = 0, at = 0;
  for (let i = 1; i < line.length - 1; i++) {
    const d = distanceKm(line[i]!, closestOnSegment(line[i]!, line[0]!, line[line.length - 1]!));
    if (d > worst) (worst = d), (at = i);
  }
  if (worst <= tolKm) return [line[0]!, line[line.length - 1]!];
  return [...simplify(line.slice(0, at + 1), tolKm).slice(0, -1), ...simplify(line.slice(at), tolKm)];
}

const flow = (line: LonLat[], indent: string) => {
  const rows: string[] = [];
  for (let i = 0; i < line.length; i += 6) rows.push(line.slice(i, i + 6).map((p) => `[${p[0]}, ${p[1]}]`).join(', '));
  return `[\n${rows.map((r) => `${indent}  ${r}`).join(',\n')},\n${indent}]`;
};
const out = [
  '# Channel courses and the coastline, for drawing the network on a map (seeds/FORMAT.md, "courses.yaml").',
  "# The model does not read them: distances are segments.yaml's lengths. Written by tools/xijiang-courses.ts",
  '# from Natural Earth 1:10m physical data (public domain); see SOURCES.md, "Map courses". Points are [lon, lat], WGS84.',
  'courses:',
  ...courses.map((c) => `  - segment: ${c.segment}\n    ${c.provenance}\n    line: ${flow(c.line, '    ')}`),
  'coast:',
  `  source: "Natural Earth 1:10m coastline (public domain), clipped to ${box.west.toFixed(2)}–${box.east.toFixed(2)}° E, ${box.south.toFixed(2)}–${box.north.toFixed(2)}° N and simplified to 0.3 km; pieces under 8 km left out"`,
  '  lines:',
  ...coastLines.map((l) => `    - ${flow(l, '      ')}`),
];
process.stdout.write(`${out.join('\n')}\n`);
process.stderr.write(`${report.join('\n')}\n`);
