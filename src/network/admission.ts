import type { ChannelClass, ClassId, Lock, LockLine, Segment, SeedNetwork, VesselSize } from './types.js';

/**
 * Which vessels a channel or chamber takes. One rule, used by validation,
 * routing and the model alike.
 * - A channel takes a vessel whose draught is no more than the depth available.
 *   Its class names the design vessel for planning, not a cap: ships of 4,500–7,500 t
 *   use Class I and II reaches of the Xijiang. A scenario that wants the class
 *   tonnage as a cap says so (admission.classTonnageCap).
 * - A chamber takes a vessel whose length, beam and draught fit its usable
 *   length, width and sill depth (the margins the model packs with come on top).
 */
export function channelAdmits(cls: ChannelClass, depthM: number, v: VesselSize, classTonnageCap = false): string | null {
  if (classTonnageCap && v.deadweightT > cls.vessel.deadweightT + 1e-9) return `Class ${cls.id} takes at most ${fmtT(cls.vessel.deadweightT)}`;
  if (v.draughtM > depthM + 1e-9) return `depth ${depthM} m is less than the ${+v.draughtM.toFixed(2)} m draught`;
  return null;
}

export function lineAdmits(line: LockLine, v: VesselSize): string | null {
  if (lineTakes(line, v)) return null;
  if (v.lengthM > line.lengthM) return `${v.lengthM} m long, chamber ${line.lengthM} m`;
  if (v.beamM > line.widthM) return `${v.beamM} m beam, chamber ${line.widthM} m wide`;
  if (v.draughtM > line.sillDepthM) return `${v.draughtM} m draught, sill ${line.sillDepthM} m`;
  return null;
}

/** Whether the line takes the vessel at all (lineAdmits without the reason: asked at every lockage's planning). */
export function lineTakes(line: LockLine, v: VesselSize): boolean {
  return v.lengthM <= line.lengthM && v.beamM <= line.widthM && v.draughtM <= line.sillDepthM;
}

/** Class of a segment in a year: the latest stated year ≤ Y, or the earliest stated. */
export function classInYear(seg: Segment, year: number): ClassId {
  let cls = seg.classByYear[0]!.class;
  for (const c of seg.classByYear) if (c.year <= year) cls = c.class;
  return cls;
}

export function segmentDepth(seg: Segment, cls: ChannelClass): number {
  return seg.depthM ?? cls.depthM;
}

/** Lines in service in a year. */
export function openLines(lock: Lock, year: number): LockLine[] {
  return lock.lines.filter((l) => l.opened <= year);
}

/**
 * A lock site in a year is either open river (no dam yet), passable through
 * its open lines, or closed (a dam with no line in service).
 */
export type LockState = 'open-river' | 'lines' | 'closed';

export function lockState(lock: Lock, year: number): LockState {
  if (openLines(lock, year).length > 0) return 'lines';
  return lock.damClosed !== undefined && lock.damClosed <= year ? 'closed' : 'open-river';
}

export function describeVessel(v: VesselSize): string {
  return `${fmtT(v.deadweightT)} (${v.lengthM} × ${v.beamM} × ${+v.draughtM.toFixed(2)} m)`;
}

function fmtT(t: number): string {
  return `${Math.round(t).toLocaleString('en')} t`;
}

export function classOf(seeds: SeedNetwork, id: ClassId): ChannelClass {
  const cls = seeds.classes.get(id);
  if (!cls) throw new Error(`channel class ${id} is not in classes.yaml`);
  return cls;
}
