/**
 * Packing vessels into a lock chamber, as rows across its width: vessels in a
 * row lie side by side; rows follow one another along the chamber. A row is as
 * long as its longest vessel.
 *
 * The heuristic is first fit in arrival order: each vessel goes into the first
 * row with room for its beam whose length (stretched to this vessel if longer)
 * still fits the chamber, or opens a new row at the back. Arrival order, not
 * decreasing size, because waiting vessels are served first come, first served;
 * smaller vessels further back may still fill gaps.
 */

/** Safety margins, in metres. Estimates: see the README section on locks. */
export interface PackingMargins {
  /** Between a vessel and its neighbour or the chamber wall, across the width. */
  beamM: number;
  /** Between rows, and at the gates, along the length. */
  lengthM: number;
}

export const DEFAULT_MARGINS: PackingMargins = { beamM: 0.4, lengthM: 2 };

/** Sums of margins and beams carry rounding: 3 × (10.8 + 0.4) + 0.4 is 34.000000000000004. */
const EPS_M = 1e-9;

export interface Rect {
  lengthM: number;
  beamM: number;
}

interface Row {
  lengthM: number;
  widthUsedM: number;
}

/** A chamber being filled; reuse it for many lockages with reset(). */
export class ChamberPacking {
  // Rows in use are rows[0..rowsUsed): the records stay for the next lockage, so packing allocates nothing.
  private rows: Row[] = [];
  private rowsUsed = 0;
  private usedLengthM = 0;
  /** Total vessel area in the chamber, m². */
  areaM2 = 0;
  count = 0;

  constructor(
    public chamberLengthM: number,
    public chamberWidthM: number,
    public margins: PackingMargins = DEFAULT_MARGINS,
  ) {}

  reset(chamberLengthM = this.chamberLengthM, chamberWidthM = this.chamberWidthM): void {
    this.chamberLengthM = chamberLengthM;
    this.chamberWidthM = chamberWidthM;
    this.rowsUsed = 0;
    this.usedLengthM = this.margins.lengthM; // the margin at the first gate
    this.areaM2 = 0;
    this.count = 0;
  }

  /** Could this vessel ever fit the empty chamber? */
  fitsEmpty(v: Rect): boolean {
    return v.lengthM + 2 * this.margins.lengthM <= this.chamberLengthM + EPS_M && v.beamM + 2 * this.margins.beamM <= this.chamberWidthM + EPS_M;
  }

  /** Places the vessel if it fits, and says whether it did. */
  tryAdd(v: Rect): boolean {
    const m = this.margins;
    const need = v.beamM + m.beamM;
    for (let r = 0; r < this.rowsUsed; r++) {
      const row = this.rows[r]!;
      if (row.widthUsedM + need > this.chamberWidthM + EPS_M) continue;
      const grow = Math.max(0, v.lengthM - row.lengthM);
      if (this.usedLengthM + grow > this.chamberLengthM + EPS_M) continue;
      row.widthUsedM += need;
      row.lengthM += grow;
      this.usedLengthM += grow;
      this.place(v);
      return true;
    }
    const rowLength = v.lengthM + m.lengthM;
    if (this.usedLengthM + rowLength > this.chamberLengthM + EPS_M || m.beamM + need > this.chamberWidthM + EPS_M) return false;
    this.openRow(v.lengthM, m.beamM + need);
    this.usedLengthM += rowLength;
    this.place(v);
    return true;
  }

  /**
   * Places a vessel that fits the chamber only without the margins, alone: the chamber is then
   * full, so nothing joins it (a lone vessel needs only to fit the chamber itself).
   */
  placeAlone(v: Rect): void {
    this.openRow(this.chamberLengthM, this.chamberWidthM);
    this.usedLengthM = this.chamberLengthM;
    this.place(v);
  }

  get rowCount(): number {
    return this.rowsUsed;
  }

  private openRow(lengthM: number, widthUsedM: number): void {
    const row = this.rows[this.rowsUsed];
    if (row) {
      row.lengthM = lengthM;
      row.widthUsedM = widthUsedM;
    } else this.rows.push({ lengthM, widthUsedM });
    this.rowsUsed++;
  }

  private place(v: Rect): void {
    this.areaM2 += v.lengthM * v.beamM;
    this.count++;
  }
}
