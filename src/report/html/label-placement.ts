/**
 * Map labels that do not collide: each label, in order of importance, takes the first place
 * around its marker where it overlaps no marker and no label placed before it, close first and
 * then further out (drawn with a leader line). The report runs it when it writes the map, on
 * estimated text widths, and the page runs it again on load with the widths the reader's fonts
 * give (the function is inlined into the page as text, so it uses nothing outside itself).
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LabelRequest {
  /** The marker's centre, in the map's pixels. */
  x: number;
  y: number;
  /** The marker's half-size: labels keep clear of it. */
  r: number;
  /** The label's text size. */
  w: number;
  h: number;
}

export interface PlacedLabel extends Box {
  /** Whether it sits away from its marker (draw a leader line). */
  far: boolean;
  /** Whether no free place was found (it overlaps the least it could). */
  collides: boolean;
}

/** Places labels in the order given; `markers` are every marker's box, `frame` the area labels must stay inside. */
export function placeLabels(labels: readonly LabelRequest[], markers: readonly Box[], frame: Box): PlacedLabel[] {
  const gap = 2;
  const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inside = (b: Box) => b.x >= frame.x && b.y >= frame.y && b.x + b.w <= frame.x + frame.w && b.y + b.h <= frame.y + frame.h;
  // Right, left, above, below, then the diagonals: the usual order of preference on maps.
  const directions = [[1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [-1, -1], [1, 1], [-1, 1]];
  const taken: Box[] = [];
  const out: PlacedLabel[] = [];
  for (const l of labels) {
    let best: PlacedLabel | undefined;
    let bestCost = Infinity;
    for (const reach of [0, 12, 26, 42, 60]) {
      for (const [dx, dy] of directions) {
        // On the axes the label starts just clear of the marker; on the diagonals its corner does.
        const d = (dx !== 0 && dy !== 0 ? Math.max(l.r + 1, 0.8 * (l.r + gap)) : l.r + gap) + reach;
        const x = dx! > 0 ? l.x + d : dx! < 0 ? l.x - d - l.w : l.x - l.w / 2;
        const y = dy! > 0 ? l.y + d : dy! < 0 ? l.y - d - l.h : l.y - l.h / 2;
        const box = { x, y, w: l.w, h: l.h };
        if (!inside(box)) continue;
        const pad = { x: box.x - gap, y: box.y - gap, w: box.w + 2 * gap, h: box.h + 2 * gap };
        let cost = 0;
        for (const t of taken) cost += overlap(pad, t);
        for (const m of markers) cost += overlap(box, m);
        if (cost === 0) {
          best = { ...box, far: reach > 0, collides: false };
          break;
        }
        if (cost < bestCost) {
          bestCost = cost;
          best = { ...box, far: reach > 0, collides: true };
        }
      }
      if (best && !best.collides) break;
    }
    best ??= { x: l.x + l.r + gap, y: l.y - l.h / 2, w: l.w, h: l.h, far: false, collides: true };
    taken.push(best);
    out.push(best);
  }
  return out;
}

/** Whether two boxes share any area. */
export function boxesOverlap(a: Box, b: Box): boolean {
  return Math.min(a.x + a.w, b.x + b.w) > Math.max(a.x, b.x) && Math.min(a.y + a.h, b.y + b.h) > Math.max(a.y, b.y);
}
