import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutputs } from '../../src/cli/output-folder.js';

describe('the output folder, written all or nothing', () => {
  it("replaces an earlier run's folder whole, so two runs' files never mix", () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'out-')), 'run');
    writeOutputs(dir, { 'summary.json': '{"run":1}', 'locks.csv': 'a\n', 'report.html': '<p>1' });
    writeOutputs(dir, { 'summary.json': '{"run":2}', 'locks.json': '[]' });
    expect(readdirSync(dir).sort()).toEqual(['.waterway-sim', 'locks.json', 'summary.json']);
    expect(readFileSync(join(dir, 'summary.json'), 'utf8')).toBe('{"run":2}');
    expect(readdirSync(join(dir, '..'))).toEqual(['run']);
  });

  it("refuses a folder holding someone else's files, and leaves it untouched", () => {
    const dir = mkdtempSync(join(tmpdir(), 'out-'));
    writeFileSync(join(dir, 'thesis.docx'), 'mine');
    mkdirSync(join(dir, 'photos'));
    expect(() => writeOutputs(dir, { 'summary.json': '{}' })).toThrow(/holds files waterway-sim did not write \((thesis\.docx, photos|photos, thesis\.docx)\); give another --out, or empty it$/);
    expect(readdirSync(dir).sort()).toEqual(['photos', 'thesis.docx']);
  });

  it('takes over a folder an earlier version wrote (no marker, only its own kinds of file)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'out-'));
    writeFileSync(join(dir, 'summary.json'), '{}');
    writeFileSync(join(dir, 'ports.csv'), 'x\n');
    writeOutputs(dir, { 'summary.json': '{"new":true}' });
    expect(readdirSync(dir).sort()).toEqual(['.waterway-sim', 'summary.json']);
  });
});
