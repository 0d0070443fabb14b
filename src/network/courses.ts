/**
 * courses.yaml: where each channel runs, as a line of points, and the coastline, for drawing
 * the network on a map. The model never reads them (distances are the segments' lengths).
 */
import type { Problem } from '../input/problems.js';
import type { YamlFile } from '../input/yaml-file.js';
import { suggest } from '../input/names.js';
import type { NetworkMap, Provenance, SeedNetwork } from './types.js';

/** [longitude, latitude] in WGS84 degrees, as GeoJSON orders them. */
export type LonLat = [number, number];

/** How far a course's end may lie from its segment's node. */
export const COURSE_END_TOLERANCE_KM = 5;

/** The mean Earth radius (IUGG), for distances and map scales. */
export const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance (haversine). */
export function distanceKm(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad, dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function lineLengthKm(line: readonly LonLat[]): number {
  let km = 0;
  for (let i = 1; i < line.length; i++) km += distanceKm(line[i - 1]!, line[i]!);
  return km;
}

const point = { type: 'array', minItems: 2, maxItems: 2, items: [{ type: 'number', minimum: -180, maximum: 180 }, { type: 'number', minimum: -90, maximum: 90 }], description: '[lon, lat] in WGS84 degrees' };
const line = { type: 'array', minItems: 2, items: point };

export const coursesSchema = {
  type: 'object',
  required: ['courses'],
  additionalProperties: false,
  properties: {
    courses: {
      type: 'array',
      items: {
        type: 'object',
        required: ['segment', 'line'],
        additionalProperties: false,
        properties: { segment: { type: 'string', minLength: 1 }, line, source: { type: 'string', minLength: 1 }, estimate: { type: 'string', minLength: 1 }, note: { type: 'string' } },
        oneOf: [{ required: ['source'] }, { required: ['estimate'] }],
        description: 'a course needs exactly one of source: "<where the line comes from>" or estimate: "<how it was drawn>"',
      },
    },
    coast: {
      type: 'object',
      required: ['source', 'lines'],
      additionalProperties: false,
      properties: { source: { type: 'string', minLength: 1 }, lines: { type: 'array', items: line } },
    },
  },
};

type RawCourse = { segment: string; line: LonLat[]; source?: string; estimate?: string };

/** The checked file as the network's map. */
export function convertMap(data: unknown): NetworkMap {
  const raw = data as { courses: RawCourse[]; coast?: { source: string; lines: LonLat[][] } };
  const provenance = (c: RawCourse): Provenance => (c.source !== undefined ? { source: c.source } : { estimate: c.estimate! });
  return {
    courses: new Map(raw.courses.map((c) => [c.segment, { line: c.line, provenance: provenance(c) }])),
    coast: raw.coast ? { lines: raw.coast.lines, source: raw.coast.source } : { lines: [], source: '' },
  };
}

/** Every course names a segment, once, and runs from its upstream node to its downstream node. */
export function checkCourses(seeds: SeedNetwork, file: YamlFile): Problem[] {
  const problems: Problem[] = [];
  const nodes = new Map(seeds.nodes.map((n) => [n.id, [n.lon, n.lat] as LonLat]));
  const segments = new Map(seeds.segments.map((s) => [s.id, s]));
  const seen = new Set<string>();
  (file.data as { courses: RawCourse[] }).courses.forEach((c, i) => {
    const s = segments.get(c.segment);
    if (!s) return void problems.push(file.problem(['courses', i, 'segment'], `unknown segment '${c.segment}'${suggest(c.segment, [...segments.keys()])}`));
    if (seen.has(c.segment)) problems.push(file.problem(['courses', i, 'segment'], `a second course for segment '${c.segment}'`));
    seen.add(c.segment);
    const from = nodes.get(s.from), to = nodes.get(s.to);
    if (!from || !to) return; // an unknown node is reported against segments.yaml
    const start = c.line[0]!, end = c.line[c.line.length - 1]!;
    const off = (p: LonLat, n: LonLat) => distanceKm(p, n);
    const tol = COURSE_END_TOLERANCE_KM;
    if (off(start, to) <= tol && off(end, from) <= tol && off(start, from) > tol) {
      problems.push(file.problem(['courses', i, 'line'], `runs from '${s.to}' to '${s.from}': a course runs downstream, from the segment's 'from' node to its 'to' node (reverse its points)`));
      return;
    }
    if (off(start, from) > tol) problems.push(file.problem(['courses', i, 'line', 0], `starts ${off(start, from).toFixed(1)} km from node '${s.from}', where segment '${s.id}' starts (at most ${tol} km)`));
    if (off(end, to) > tol) problems.push(file.problem(['courses', i, 'line', c.line.length - 1], `ends ${off(end, to).toFixed(1)} km from node '${s.to}', where segment '${s.id}' ends (at most ${tol} km)`));
  });
  return problems;
}
