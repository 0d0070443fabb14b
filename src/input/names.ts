/**
 * Names as people write them: a port, lock or node given by its id, its English
 * or its Chinese name, in any case, with or without a word such as "lock" or
 * "港". Resolved at the edge (command line, scenario files) to the id that
 * everything inside uses; what is not found gets suggestions ranked on all three.
 */
import { closest, distance } from 'fastest-levenshtein';

/** Something a user may name. */
export interface Nameable {
  id: string;
  name: { en: string; zh: string };
  /** What it is: 'port', 'lock', 'node', 'gateway'… A kind's word ("Guigang lock", "贵港港") picks it. */
  kind: string;
  /** The id naming it stands for, where that is not its own (in a route, a port stands for its node). */
  target?: string;
  /** Other names it goes by (a lock's site: "Changzhou hub", "长洲水利枢纽"). */
  aliases?: readonly string[];
}

export interface NameContext {
  /** What is asked for, as messages say it: 'lock', 'port', 'port or node'. */
  what: string;
  /** Kinds in order of preference, for a name several things share (a route takes Guigang the port before Guigang the lock). */
  prefer?: readonly string[];
  /** Where to find them all, said when nothing is close and the list is too long to print: '`waterway-sim network`'. */
  listedBy?: string;
}

export type NameResolution = { ok: true; id: string; thing: Nameable } | { ok: false; problem: string };

/** Words that say what kind of thing a name is, as written after it. Longest first, so "港口" goes before "港". */
const KIND_WORDS: readonly { kind: string; word: string }[] = [
  ...['navigation lock', 'navigation hub', 'ship lock', 'ship lift', 'water hub', 'lock', 'locks', 'lift', 'hub', '通航设施', '航运枢纽', '水利枢纽', '升船机', '船闸', '枢纽'].map((word) => ({ kind: 'lock', word })),
  ...['harbour', 'harbor', 'port', '港口', '港区', '港'].map((word) => ({ kind: 'port', word })),
]
  .map((k) => ({ ...k, word: squash(k.word) }))
  .sort((a, b) => b.word.length - a.word.length);

/** The id that `text` names among `things`, or why it names none (unknown, or ambiguous in this context). */
export function resolveName(text: string, things: readonly Nameable[], ctx: NameContext): NameResolution {
  const q = fold(text);
  const sq = squash(text);
  if (sq === '') return { ok: false, problem: `expected a ${ctx.what} name, got '${text}'` };
  // Tiers, strictest first: the first that fits anything decides.
  const tiers: ((t: Nameable) => boolean)[] = [
    (t) => fold(t.id) === q,
    (t) => writtenNames(t).some((n) => fold(n) === q || fold(unglossed(n)) === q),
    (t) => keys(t).some((k) => squash(k) === sq),
  ];
  for (const fits of tiers) {
    const hits = things.filter(fits);
    if (hits.length > 0) return pick(text, hits, ctx);
  }
  // "Guigang lock", "贵港港", "Nanning port": the word picks the kind, the rest is the name.
  for (const { kind, word } of KIND_WORDS) {
    if (!sq.endsWith(word) || sq.length === word.length) continue;
    const core = sq.slice(0, -word.length);
    const hits = things.filter((t) => t.kind === kind && keys(t).some((k) => squash(k) === core));
    if (hits.length > 0) return pick(text, hits, ctx);
  }
  const hint = suggestNames(text, things);
  return { ok: false, problem: `unknown ${ctx.what} '${text}'${hint === '' && ctx.listedBy ? ` (${ctx.listedBy} lists them)` : hint}` };
}

/**
 * ` (did you mean 'x'?)` for the closest things, ranked on id, English and
 * Chinese name alike (edits over length; a name begun counts as 0.3): the
 * closest and any within twice its distance, at most half the letters wrong,
 * up to three, each shown in the form that came closest. When nothing is close,
 * the ids of a short list.
 */
export function suggestNames(text: string, things: readonly Nameable[]): string {
  const sq = squash(text);
  const scored = things.map((t, order) => {
    let best = { score: Infinity, key: t.id };
    for (const k of keys(t)) {
      const sk = squash(k);
      // A name begun ("hongkong" for "Hong Kong–Macau sea gateway") counts as close.
      const begun = sq.length >= 3 && sk.startsWith(sq) ? 0.3 : Infinity;
      const score = Math.min(begun, distance(sq, sk) / Math.max(sq.length, sk.length, 1));
      if (score < best.score) best = { score, key: k };
    }
    return { t, order, ...best };
  });
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  const best = scored[0]?.score ?? Infinity;
  const seen = new Set<string>();
  const close = scored.filter((s) => s.score <= 0.5 && s.score <= 2 * best + 1e-9 && !seen.has(targetOf(s.t)) && seen.add(targetOf(s.t))).slice(0, 3);
  if (close.length === 0) return things.length > 0 && things.length <= 20 ? ` (known: ${things.map((t) => t.id).join(', ')})` : '';
  const shown = close.map((s) => (squash(s.key) === squash(s.t.id) ? `'${s.t.id}'` : `'${s.key}' (${s.t.id})`));
  return ` (did you mean ${shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`}?)`;
}

/** ` (did you mean 'x'?)` for an id among plain ids (segments, commodities, lines…): the closest one. */
export function suggest(id: string, known: readonly string[]): string {
  if (known.length === 0) return '';
  return ` (did you mean '${closest(id, [...known])}'?)`;
}

/** A thing as messages name it: `lock 'guigang' (Guigang, 贵港)`, with its target where that differs. */
export function describeNameable(t: Nameable): string {
  const at = t.target !== undefined && t.target !== t.id ? ` at '${t.target}'` : '';
  return `${t.kind} '${t.id}' (${unglossed(t.name.en)}, ${unglossed(t.name.zh)})${at}`;
}

/** Among things that fit equally well, the context's preferred kind; two targets still left is ambiguous. */
function pick(text: string, hits: readonly Nameable[], ctx: NameContext): NameResolution {
  const rank = (t: Nameable) => {
    const i = ctx.prefer?.indexOf(t.kind) ?? -1;
    return i < 0 ? (ctx.prefer?.length ?? 0) : i;
  };
  const top = Math.min(...hits.map(rank));
  const best = hits.filter((t) => rank(t) === top);
  const targets = [...new Set(best.map(targetOf))];
  if (targets.length === 1) return { ok: true, id: targets[0]!, thing: best[0]! };
  const choices = targets.map((id) => describeNameable(best.find((t) => targetOf(t) === id)!));
  return { ok: false, problem: `'${text}' names more than one ${ctx.what}: ${choices.join('; ')}. Give the id` };
}

function targetOf(t: Nameable): string {
  return t.target ?? t.id;
}

function writtenNames(t: Nameable): string[] {
  return [t.name.en, t.name.zh, ...(t.aliases ?? [])];
}

function keys(t: Nameable): string[] {
  return [t.id, ...writtenNames(t).flatMap((n) => [unglossed(n), n])];
}

/** Case, width and spacing as they come: NFKC (full-width letters), lower case, single spaces. */
function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ');
}

/** A name without its gloss in brackets: "Sixianjiao (Xijiang–Beijiang junction, Sanshui)" → "Sixianjiao". */
function unglossed(s: string): string {
  return s.replace(/\s*[(（][^)）]*[)）]\s*$/, '').trim() || s;
}

/** The letters that tell names apart: no spaces, hyphens, dashes, dots or apostrophes. */
function squash(s: string): string {
  return fold(s).replace(/[\s\-_'’.·–—]/g, '');
}
