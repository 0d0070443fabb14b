import { UserError } from './errors.js';

/** A whole number in 1..max given on the command line. */
export function parseCount(text: string, flag: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UserError(`${flag}: expected a whole number from 1 to ${max}, got '${text}'`);
  return n;
}

/** Seeds are kept as given: a number stays a number, anything else a string. */
export function parseSeed(text: string): number | string {
  if (text.trim() === '') throw new UserError('--seed: expected a number or a word, got an empty string');
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}
