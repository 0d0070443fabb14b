import type { Command } from 'commander';
import { describe } from './commands.js';
import { suggest } from '../network/changes.js';
import { NoRouteError, route, type Route, type VesselClass, type WaterwayNetwork } from '../network/index.js';
import { UserError } from './errors.js';
import { addNetworkOptions, openNetwork, type NetworkOptions } from './network-options.js';
import { plain, table } from '../report/terminal.js';

interface Options extends NetworkOptions {
  vessel?: string;
  empty?: boolean;
  json?: boolean;
}

export function registerRoute(program: Command): void {
  addNetworkOptions(program.command('route').argument('<from>', 'port or node id').argument('<to>', 'port or node id').description(describe('route')))
    .option('--vessel <class>', 'vessel class id from fleet.yaml (default: the largest dry-cargo class that has a route)')
    .option('--empty', 'sail empty (faster through the water)')
    .option('--json', 'print as JSON')
    .action((from: string, to: string, opts: Options) => {
      const net = openNetwork(opts);
      for (const id of [from, to]) {
        if (!net.graph.hasNode(id)) throw new UserError(`unknown port or node '${id}'${suggest(id, net.graph.nodes())}`);
      }
      const { vessel, r, chosen } = pick(net, from, to, opts);
      if (opts.json) {
        process.stdout.write(JSON.stringify({ year: net.year, loaded: !opts.empty, ...r }, null, 2) + '\n');
        return;
      }
      print(net, r, vessel, !opts.empty, chosen);
    });
}

function pick(net: WaterwayNetwork, from: string, to: string, opts: Options): { vessel: VesselClass; r: Route; chosen: boolean } {
  const speed = (v: VesselClass) => ({ ...v, speedMps: opts.empty ? v.speedEmptyMps : v.speedLoadedMps });
  if (opts.vessel) {
    const vessel = net.seed.fleet.find((v) => v.id === opts.vessel);
    if (!vessel) throw new UserError(`--vessel: unknown vessel class '${opts.vessel}'; the fleet has ${net.seed.fleet.map((v) => v.id).join(', ')}`);
    try {
      return { vessel, r: route(net, from, to, speed(vessel)), chosen: false };
    } catch (err) {
      if (err instanceof NoRouteError) throw new UserError(err.message);
      throw err;
    }
  }
  const dry = net.seed.fleet.filter((v) => v.cargo.includes('dry-bulk')).sort((a, b) => b.deadweightT - a.deadweightT);
  let last: NoRouteError | undefined;
  for (const vessel of dry) {
    try {
      return { vessel, r: route(net, from, to, speed(vessel)), chosen: true };
    } catch (err) {
      if (!(err instanceof NoRouteError)) throw err;
      last = err;
    }
  }
  throw new UserError(last ? last.message : 'the fleet has no dry-cargo vessel class');
}

function print(net: WaterwayNetwork, r: Route, v: VesselClass, loaded: boolean, chosen: boolean): void {
  // Node names lose their parenthetical gloss here, to keep the table narrow.
  const name = (id: string) => (net.node(id)?.name.en ?? id).replace(/ \(.*\)$/, '');
  const h = (s: number) => (s / 3600).toFixed(1);
  console.log(plain(`${name(r.from)} → ${name(r.to)}, ${v.id} (${v.deadweightT} t, ${v.lengthM} × ${v.beamM} × ${v.draughtM} m), ${loaded ? 'loaded' : 'empty'}, network of ${net.year}${chosen ? ' — the largest dry-cargo class with a route' : ''}`));
  console.log(`  ${(r.lengthM / 1000).toFixed(0)} km; sailing ${h(r.sailS)} h + ${r.locks.length} lockage${r.locks.length === 1 ? '' : 's'} ${h(r.lockS)} h (nominal, no waiting) = ${h(r.travelS)} h`);
  console.log(plain(`  locks passed: ${r.locks.length ? r.locks.map((l) => `${l.name.en} (lines ${l.lines.join(', ')})`).join(' → ') : 'none'}`));
  console.log('');
  const rows: (string | number)[][] = [['from', 'to', 'river', 'segment', 'dir', 'class', 'km', 'h']];
  for (const l of r.legs) rows.push([name(l.from), name(l.to), l.river.en, l.segment, l.direction, l.classId, (l.lengthM / 1000).toFixed(0), h(l.sailS)]);
  console.log(table(rows, [false, false, false, false, false, false, true, true]).replace(/^/gm, '  '));
}

