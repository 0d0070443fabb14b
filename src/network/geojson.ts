import type { WaterwayNetwork } from './graph.js';

type Feature = { type: 'Feature'; geometry: { type: 'Point' | 'LineString'; coordinates: number[] | number[][] }; properties: Record<string, unknown> };

/**
 * The network in a year as GeoJSON (RFC 7946, WGS84 lon/lat): points for ports,
 * locks, junctions and the gateway; a line per segment. Properties carry class,
 * dimensions and status, so QGIS or geojson.io can style and inspect them.
 */
export function networkGeoJson(net: WaterwayNetwork): { type: 'FeatureCollection'; features: Feature[]; properties: Record<string, unknown> } {
  const features: Feature[] = [];
  for (const n of net.seeds.nodes) {
    const { lock, ports } = net.graph.getNodeAttributes(n.id);
    const props: Record<string, unknown> = { id: n.id, kind: n.kind, name: n.name.en, name_zh: n.name.zh };
    if (ports.length > 0) {
      const p = ports[0]!;
      Object.assign(props, {
        kind: 'port',
        port: p.id,
        tier: p.tier,
        mainLine: p.mainLine,
        berths: p.berths.map((b) => `${b.count} × ${b.cargo} @ ${Math.round(b.ratePerS * 3600)} ${b.rateUnit}/h`).join('; '),
      });
    }
    if (lock) {
      const open = net.openLines(lock);
      Object.assign(props, {
        kind: lock.kind,
        lock: lock.id,
        state: net.lockState(lock),
        headM: lock.headM,
        linesInService: open.length,
        lines: lock.lines.map((l) => `${l.id}: ${l.lengthM} × ${l.widthM} × ${l.sillDepthM} m, ${l.designVesselT} t, ${l.opened}${l.opened > net.year ? ' (not yet)' : ''}`).join('; '),
      });
    }
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [n.lon, n.lat] }, properties: props });
  }
  for (const s of net.seeds.segments) {
    const a = net.node(s.from)!, b = net.node(s.to)!;
    const cls = net.segmentClass(s);
    // The river's course where the seeds have one (courses.yaml), else straight between the nodes.
    const course = net.seeds.map?.courses.get(s.id)?.line;
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: course ? course.map((p) => [...p]) : [[a.lon, a.lat], [b.lon, b.lat]] },
      properties: {
        id: s.id,
        kind: 'segment',
        river: s.river.en,
        river_zh: s.river.zh,
        from: s.from,
        to: s.to,
        lengthKm: s.lengthM / 1000,
        class: cls,
        classByYear: s.classByYear.map((c) => `${c.year}: ${c.class}`).join(', '),
        maxDeadweightT: net.seeds.classes.get(cls)!.vessel.deadweightT,
        currentMps: s.currentMps,
        oneWay: s.oneWay,
      },
    });
  }
  return { type: 'FeatureCollection', features, properties: { network: net.seeds.id, year: net.year } };
}
