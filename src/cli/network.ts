import type { Command } from 'commander';
import { describe } from './commands.js';
import { networkGeoJson, openLines, type ClassId, type LockagePolicy, type WaterwayNetwork } from '../network/index.js';
import { addNetworkOptions, openNetwork, type NetworkOptions } from './network-options.js';
import type { ResolvedScenario } from '../scenario/load.js';
import { UserError } from './errors.js';
import { plain, table } from '../report/terminal.js';
import { prepareOutputFile, writeFileAtomic } from './output-folder.js';

/** The plan's 2020 channel targets (Pearl River–Xijiang Economic Belt plan, 2014, ch. 4 s. 1). */
export const PLAN_2020_KM: Partial<Record<ClassId, number>> = { I: 502, II: 696, III: 819 };
export const PLAN_2020_KM_III_AND_ABOVE = 2017;

interface Options extends NetworkOptions {
  json?: boolean;
  geojson?: string;
}

export function registerNetwork(program: Command): void {
  addNetworkOptions(program.command('network').argument('[scenario]', 'scenario file: print the network exactly as it runs it (the same as --scenario)').description(describe('network')))
    .option('--json', 'print as JSON')
    .option('--geojson <file>', 'write the network as GeoJSON (opens in QGIS or geojson.io)')
    .action(async (file: string | undefined, opts: Options) => {
      if (file !== undefined && opts.scenario !== undefined && file !== opts.scenario) throw new UserError(`two scenarios given, '${file}' and --scenario '${opts.scenario}': give one`);
      if (opts.geojson !== undefined) prepareOutputFile(opts.geojson, '--geojson');
      const { net, scenario } = await openNetwork({ ...opts, ...(file !== undefined ? { scenario: file } : {}) });
      if (opts.geojson) {
        writeFileAtomic(opts.geojson, JSON.stringify(networkGeoJson(net), null, 1) + '\n', '--geojson');
        console.log(`wrote ${opts.geojson}: ${net.seeds.nodes.length} points, ${net.seeds.segments.length} lines (${statedAs(net, scenario)})`);
        return;
      }
      const summary = networkSummary(net, scenario);
      if (opts.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      else printSummary(net, summary);
    });
}

/** Which network this is: a scenario's as it runs it, or the seeds as they stand, and in which year. */
function statedAs(net: WaterwayNetwork, s: ResolvedScenario | undefined): string {
  if (!s) return `the seeds as they stand in ${net.year}, no scenario's changes`;
  const year = net.year === s.year ? `${net.year}` : `${net.year} (the scenario's year is ${s.year})`;
  const hydrology = s.hydrology.id === 'normal' ? '' : `; hydrological year ${s.hydrology.id}, whose depths and withdrawn lines apply by month in a run`;
  return `as ${s.name} runs it (${s.files[0]}): ${s.changes.length > 0 ? 'its changes applied' : 'the seeds unchanged'}, in ${year}${hydrology}`;
}

export function networkSummary(net: WaterwayNetwork, scenario?: ResolvedScenario) {
  const km = net.kmByClass();
  const classes = [...net.seeds.classes.keys()];
  const kmIIIPlus = (['I', 'II', 'III'] as ClassId[]).reduce((s, c) => s + (km.get(c) ?? 0), 0);
  return {
    network: net.seeds.id,
    name: net.seeds.name,
    year: net.year,
    /** The scenario the network is stated as, or null for the seeds as they stand. */
    scenario: scenario ? { name: scenario.name, file: scenario.files[0]!, year: scenario.year, changes: scenario.changes.length, hydrology: scenario.hydrology.id } : null,
    statedAs: statedAs(net, scenario),
    nodes: net.seeds.nodes.map((n) => ({ id: n.id, kind: n.kind, name: n.name, lat: n.lat, lon: n.lon })),
    ports: net.ports.map((p) => ({ id: p.id, name: p.name, tier: p.tier, mainLine: p.mainLine, node: p.node, berths: p.berths })),
    kmByClass: Object.fromEntries(classes.filter((c) => km.has(c)).map((c) => [c, round1(km.get(c)!)])),
    kmClassIIIAndAbove: round1(kmIIIPlus),
    plan2020: { kmByClass: PLAN_2020_KM, kmClassIIIAndAbove: PLAN_2020_KM_III_AND_ABOVE },
    locks: net.locks.map((l) => ({
      id: l.id,
      name: l.name,
      kind: l.kind,
      node: l.node,
      state: net.lockState(l),
      headM: l.headM,
      lockage: net.lockageRule(l),
      lines: l.lines.map((ln) => ({
        id: ln.id,
        lengthM: ln.lengthM,
        widthM: ln.widthM,
        sillDepthM: ln.sillDepthM,
        designVesselT: ln.designVesselT,
        opened: ln.opened,
        inService: ln.opened <= net.year,
      })),
    })),
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function printSummary(net: WaterwayNetwork, s: ReturnType<typeof networkSummary>): void {
  const count = (k: string) => net.seeds.nodes.filter((n) => n.kind === k).length;
  console.log(plain(`${s.name.en} (${s.name.zh}), ${s.statedAs}`));
  console.log(
    `  ${s.nodes.length} nodes (${count('port-site')} port sites, ${count('junction')} junctions, ${count('lock-site')} lock sites, ${count('gateway')} gateway), ` +
      `${net.seeds.segments.length} segments, ${s.locks.length} locks with ${s.locks.reduce((n, l) => n + l.lines.length, 0)} lines, ${s.ports.length} ports`,
  );
  console.log('\nPorts');
  console.log(indent(table([['port', 'name', '', 'tier', 'main line', 'berths'], ...s.ports.map((p) => [p.id, p.name.en, p.name.zh, p.tier, p.mainLine ? 'yes' : 'no', p.berths.map((b) => `${b.count} ${b.cargo}`).join(', ')])])));
  console.log(`\nInland channel by class (km), against the plan's 2020 targets`);
  const rows: (string | number)[][] = [['class', `model ${s.year}`, 'plan 2020']];
  for (const [c, km] of Object.entries(s.kmByClass)) rows.push([c, km.toFixed(0), PLAN_2020_KM[c as ClassId]?.toString() ?? '']);
  rows.push(['III and above', s.kmClassIIIAndAbove.toFixed(0), `> ${PLAN_2020_KM_III_AND_ABOVE}`]);
  console.log(indent(table(rows, [false, true, true])));
  console.log(`\nLocks and their lines (chambers) in ${s.year}`);
  const lockRows: (string | number)[][] = [['lock', 'name', '', 'state', 'lockage rule', 'line', 'L × W × sill (m)', 'design', 'opened']];
  for (const l of s.locks) {
    const lock = net.lock(l.id)!;
    const inService = new Set(openLines(lock, net.year).map((x) => x.id));
    l.lines.forEach((ln, i) =>
      lockRows.push([
        i === 0 ? l.id : '',
        i === 0 ? l.name.en : '',
        i === 0 ? l.name.zh : '',
        i === 0 ? l.state : '',
        i === 0 ? lockageText(l.lockage) : '',
        ln.id,
        `${ln.lengthM} × ${ln.widthM} × ${ln.sillDepthM}`,
        `${ln.designVesselT} t`,
        `${ln.opened}${inService.has(ln.id) ? '' : ' (not yet)'}`,
      ]),
    );
    if (l.lines.length === 0) lockRows.push([l.id, l.name.en, l.name.zh, l.state, lockageText(l.lockage), '—', '', '', '']);
  }
  console.log(indent(table(lockRows)));
}

/** A lock's lockage rule in a few words, as it applies in the year. */
function lockageText(p: LockagePolicy): string {
  const rule =
    p.rule === 'fill' ? `fill ${Math.round(100 * p.fillShare)}%, hold ≤ ${p.maxHoldS / 3600} h` : p.rule === 'timetable' ? `every ${p.intervalS / 60} min from ${p.offsetS / 60} min` : 'immediate';
  return `${rule}${p.priority === 'points' ? ', points' : ''}`;
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}
