import type { Command } from 'commander';
import { describe } from './commands.js';
import { resolveName } from '../input/names.js';
import { PLACE, placeNames } from '../network/names.js';
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
  const place = "port, node or lock: id, English or Chinese name, any case (a name a port shares with a lock is the port: 'Guigang', '贵港'; 'Guigang lock', '贵港船闸' is the lock)";
  addNetworkOptions(program.command('route').argument('<from>', place).argument('<to>', place).description(describe('route')))
    .option('--vessel <class>', 'vessel class id from fleet.yaml (default: the largest dry-cargo class that has a route)')
    .option('--empty', 'sail empty (faster through the water)')
    .option('--json', 'print as JSON')
    .action(async (fromText: string, toText: string, opts: Options) => {
      const { net, scenario } = await openNetwork(opts);
      const [from, to] = [fromText, toText].map((text) => {
        const r = resolveName(text, placeNames(net.seeds), PLACE);
        if (!r.ok) throw new UserError(r.problem);
        return r.id;
      }) as [string, string];
      if (from === to) throw new UserError(`'${fromText}' and '${toText}' are the same place, ${net.node(from)?.name.en ?? from} (${from}): a route needs two`);
      const { vessel, r, chosen } = pick(net, from, to, { ...opts, classTonnageCap: scenario?.classTonnageCap ?? false });
      if (opts.json) {
        process.stdout.write(JSON.stringify({ year: net.year, scenario: scenario?.name ?? null, loaded: !opts.empty, ...r }, null, 2) + '\n');
        return;
      }
      print(net, r, vessel, !opts.empty, chosen, scenario?.name);
    });
}

function pick(net: WaterwayNetwork, from: string, to: string, opts: Options & { classTonnageCap: boolean }): { vessel: VesselClass; r: Route; chosen: boolean } {
  // A scenario that caps vessels at the reach's class tonnage routes them so.
  const speed = (v: VesselClass) => ({ ...v, speedMps: opts.empty ? v.speedEmptyMps : v.speedLoadedMps, classTonnageCap: opts.classTonnageCap });
  if (opts.vessel) {
    const vessel = net.seeds.fleet.find((v) => v.id === opts.vessel);
    if (!vessel) throw new UserError(`--vessel: unknown vessel class '${opts.vessel}'; the fleet has ${net.seeds.fleet.map((v) => v.id).join(', ')}`);
    try {
      return { vessel, r: route(net, from, to, speed(vessel)), chosen: false };
    } catch (err) {
      if (err instanceof NoRouteError) throw new UserError(err.message);
      throw err;
    }
  }
  const dry = net.seeds.fleet.filter((v) => v.cargo.includes('dry-bulk')).sort((a, b) => b.deadweightT - a.deadweightT);
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

function print(net: WaterwayNetwork, r: Route, v: VesselClass, loaded: boolean, chosen: boolean, scenario: string | undefined): void {
  // Node names lose their parenthetical gloss here, to keep the table narrow.
  const name = (id: string) => (net.node(id)?.name.en ?? id).replace(/ \(.*\)$/, '');
  const h = (s: number) => (s / 3600).toFixed(1);
  console.log(plain(`${name(r.from)} → ${name(r.to)}, ${v.id} (${v.deadweightT} t, ${v.lengthM} × ${v.beamM} × ${v.draughtM} m), ${loaded ? 'loaded' : 'empty'}, network of ${net.year}${scenario ? ` as ${scenario} runs it` : ''}${chosen ? ' — the largest dry-cargo class with a route' : ''}`));
  console.log(`  ${(r.lengthM / 1000).toFixed(0)} km; sailing ${h(r.sailS)} h + ${r.locks.length} lockage${r.locks.length === 1 ? '' : 's'} ${h(r.lockS)} h (nominal, no waiting) = ${h(r.travelS)} h`);
  console.log(plain(`  locks passed: ${r.locks.length ? r.locks.map((l) => `${l.name.en} (lines ${l.lines.join(', ')})`).join(' → ') : 'none'}`));
  console.log('');
  const rows: (string | number)[][] = [['from', 'to', 'river', 'segment', 'dir', 'class', 'km', 'h']];
  for (const l of r.legs) rows.push([name(l.from), name(l.to), l.river.en, l.segment, l.direction, l.classId, (l.lengthM / 1000).toFixed(0), h(l.sailS)]);
  console.log(table(rows, [false, false, false, false, false, false, true, true]).replace(/^/gm, '  '));
}

