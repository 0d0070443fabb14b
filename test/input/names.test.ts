import { describe, expect, it } from 'vitest';
import { resolveName, type Nameable, type NameResolution } from '../../src/input/names.js';
import { loadSeeds } from '../../src/network/index.js';
import { LOCK, PLACE, PORT, ZONE, lockNames, placeNames, portNames, zoneNames } from '../../src/network/names.js';
import { SEEDS } from '../network/seed-fixture.js';

const seeds = loadSeeds(SEEDS, 'seeds/xijiang');
const id = (r: NameResolution) => (r.ok ? r.id : `refused: ${r.problem}`);
const problem = (r: NameResolution) => (r.ok ? `resolved to ${r.id}` : r.problem);

describe('a name resolves as people write it', () => {
  it('by id, English name or Chinese name, in any case, width or spacing', () => {
    for (const text of ['nanning', 'Nanning', 'NANNING', '  Nanning ', '南宁', 'Ｎａｎｎｉｎｇ']) expect(id(resolveName(text, portNames(seeds), PORT)), text).toBe('nanning');
    for (const text of ['changzhou', 'Changzhou', '长洲']) expect(id(resolveName(text, lockNames(seeds), LOCK)), text).toBe('changzhou');
  });

  it('a lock also by its site’s name, and a node by its name without the gloss in brackets', () => {
    expect(id(resolveName('Changzhou hub', lockNames(seeds), LOCK))).toBe('changzhou');
    expect(id(resolveName('长洲水利枢纽', lockNames(seeds), LOCK))).toBe('changzhou');
    // nodes.yaml: "Sixianjiao (Xijiang–Beijiang junction, Sanshui)"
    expect(id(resolveName('Sixianjiao', placeNames(seeds), PLACE))).toBe('sixianjiao');
    expect(id(resolveName('思贤滘', placeNames(seeds), PLACE))).toBe('sixianjiao');
  });

  it('with a word for its kind after it: "Datengxia lock", "贵港船闸", "Nanning port", "贵港港"', () => {
    expect(id(resolveName('Datengxia lock', lockNames(seeds), LOCK))).toBe('datengxia');
    expect(id(resolveName('贵港船闸', lockNames(seeds), LOCK))).toBe('guigang');
    expect(id(resolveName('Nanning port', portNames(seeds), PORT))).toBe('nanning');
    expect(id(resolveName('贵港港', portNames(seeds), PORT))).toBe('guigang');
    expect(id(resolveName('Guigang-Port', portNames(seeds), PORT))).toBe('guigang');
  });

  it('a port where a port is asked for, a lock where a lock is: "Guigang lock" is no port', () => {
    expect(problem(resolveName('Guigang lock', portNames(seeds), PORT))).toMatch(/^unknown port 'Guigang lock'/);
    expect(problem(resolveName('Nanning port', lockNames(seeds), LOCK))).toMatch(/^unknown lock 'Nanning port'/);
  });

  it('demand zones take the sea gateway by id or name as well as the ports', () => {
    expect(id(resolveName('hk-macau', zoneNames(seeds), ZONE))).toBe('hk-macau');
    expect(id(resolveName('港澳出海口', zoneNames(seeds), ZONE))).toBe('hk-macau');
  });
});

describe('a name several things share', () => {
  // seeds: the port Guigang (node guigang) and the lock Guigang (node guigang-lock) are both "Guigang", "贵港"; so are the port and the lift Baise.
  it('is resolved by the context: a lock argument takes the lock, a port argument the port', () => {
    for (const text of ['Guigang', '贵港', 'guigang']) {
      const r = resolveName(text, lockNames(seeds), LOCK);
      expect(r.ok && [r.id, r.thing.kind], text).toEqual(['guigang', 'lock']);
      expect(id(resolveName(text, portNames(seeds), PORT)), text).toBe('guigang');
    }
  });

  it('in a route, is the port; the lock with its word, or its site’s name or id', () => {
    expect(id(resolveName('贵港', placeNames(seeds), PLACE))).toBe('guigang');
    expect(id(resolveName('Baise', placeNames(seeds), PLACE))).toBe('baise');
    for (const text of ['Guigang lock', '贵港船闸', 'Guigang navigation hub', 'guigang-lock']) expect(id(resolveName(text, placeNames(seeds), PLACE)), text).toBe('guigang-lock');
    expect(id(resolveName('百色升船机', placeNames(seeds), PLACE))).toBe('baise-hub');
  });

  it('is refused, naming every choice, when the context cannot tell them apart', () => {
    const twins: Nameable[] = [
      { id: 'guigang-old', name: { en: 'Guigang', zh: '贵港' }, kind: 'port' },
      { id: 'guigang-new', name: { en: 'Guigang New Port', zh: '贵港' }, kind: 'port' },
    ];
    const p = problem(resolveName('贵港', twins, PORT));
    expect(p).toMatch(/^'贵港' names more than one port: /);
    expect(p).toContain("port 'guigang-old' (Guigang, 贵港)");
    expect(p).toContain("port 'guigang-new' (Guigang New Port, 贵港)");
    expect(p).toMatch(/Give the id$/);
    expect(id(resolveName('Guigang', twins, PORT))).toBe('guigang-old'); // the English names differ
  });
});

describe('a wrong name gets suggestions ranked on id, English and Chinese name', () => {
  it('a mistyped id suggests the id', () => {
    expect(problem(resolveName('changzou', lockNames(seeds), LOCK))).toBe("unknown lock 'changzou' (did you mean 'changzhou'?)");
    expect(problem(resolveName('guangzou', placeNames(seeds), PLACE))).toBe("unknown port or node 'guangzou' (did you mean 'guangzhou'?)");
  });

  it('a mistyped Chinese name suggests the Chinese name, with its id', () => {
    // 长州 against 长洲: one character of two wrong; no other lock's name is as close.
    expect(problem(resolveName('长州', lockNames(seeds), LOCK))).toBe("unknown lock '长州' (did you mean '长洲' (changzhou)?)");
    expect(problem(resolveName('南凝', portNames(seeds), PORT))).toBe("unknown port '南凝' (did you mean '南宁' (nanning)?)");
  });

  it('the closest first, whichever of the three it is close in; a name begun counts as close', () => {
    const things: Nameable[] = [
      { id: 'y1', name: { en: 'Wuzhen', zh: '乌镇' }, kind: 'port' },
      { id: 'x1', name: { en: 'Wuzhou', zh: '梧州' }, kind: 'port' },
      { id: 'z1', name: { en: 'Zhaoqing', zh: '肇庆' }, kind: 'port' },
    ];
    // 'wuzhoe': one edit from 'wuzhou' (e→u), two from 'wuzhen' (o→e, e→n), six or more from the rest.
    expect(problem(resolveName('Wuzhoe', things, PORT))).toBe("unknown port 'Wuzhoe' (did you mean 'Wuzhou' (x1) or 'Wuzhen' (y1)?)");
    expect(problem(resolveName('hongkong', zoneNames(seeds), ZONE))).toBe("unknown port or gateway 'hongkong' (did you mean 'Hong Kong–Macau sea gateway' (hk-macau)?)");
  });

  it('nothing close: the ids of a short list, or where to find a long one', () => {
    expect(problem(resolveName('xyz', lockNames(seeds), LOCK))).toBe(`unknown lock 'xyz' (known: ${seeds.locks.map((l) => l.id).join(', ')})`);
    expect(problem(resolveName('xyz', placeNames(seeds), PLACE))).toBe("unknown port or node 'xyz' (`waterway-sim network` lists them)");
  });
});
