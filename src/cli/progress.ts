/**
 * A long command's progress, on stderr only (stdout carries the results, so `run > out.txt`
 * stays clean): a bar on a terminal, with an ETA once a unit is done; off a terminal (a pipe,
 * a log, nohup, CI) a line every WATERWAY_SIM_PROGRESS_S seconds (default 10) and one at the
 * end; nothing with --quiet. cli-progress draws both: its no-TTY mode is the timed line.
 */
import cliProgress, { type Options, type Params, type SingleBar } from 'cli-progress';
import { UserError } from './errors.js';
import { plain } from '../report/plain.js';

/** Seconds between progress lines off a terminal, unless WATERWAY_SIM_PROGRESS_S says otherwise. */
export const PROGRESS_INTERVAL_S = 10;

/** WATERWAY_SIM_PROGRESS_S, checked: 0.1 to 86,400 seconds, else a UserError (exit 1). */
export function progressIntervalS(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.WATERWAY_SIM_PROGRESS_S;
  if (text === undefined || text.trim() === '') return PROGRESS_INTERVAL_S;
  const s = Number(text.trim());
  if (!Number.isFinite(s) || s < 0.1 || s > 86_400) throw new UserError(`WATERWAY_SIM_PROGRESS_S: expected the seconds between progress lines, 0.1 to 86,400, got '${plain(text)}'`);
  return s;
}

/** "45 s", "1 min 10 s", "2 h 5 min": whole seconds under an hour, whole minutes from there. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
  const min = Math.round(s / 60);
  return min % 60 === 0 ? `${min / 60} h` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** Where a job stands: what the bar and the lines show. Times are Date.now() milliseconds. */
export interface ProgressState {
  label: string;
  /** Units of this stage; null when open-ended (a capacity search runs levels until its bracket closes). */
  total: number | null;
  done: number;
  unit: string;
  /** What the count alone does not say, e.g. a search's levels judged. */
  detail: string;
  /** The stage's start, and the units done then (taken from a resume store): the rate counts only units run since. */
  sinceMs: number;
  sinceDone: number;
  /** When `done` last grew. */
  lastMs: number;
  finished: boolean;
}

/**
 * Seconds left at `nowMs`: the units left at the rate of those run in this stage, counted down
 * since the last one finished. Null until a unit has finished (there is no rate before), and
 * for an open-ended stage.
 */
export function secondsLeft(s: ProgressState, nowMs: number): number | null {
  if (s.total === null) return null;
  const ran = s.done - s.sinceDone;
  const tookMs = s.lastMs - s.sinceMs;
  if (!(ran > 0) || !(tookMs > 0)) return null;
  return Math.max(0, ((s.total - s.done) * tookMs) / ran - (nowMs - s.lastMs)) / 1000;
}

/**
 * The progress text: with `bar` (a terminal) `label [bar] 12/64 replications | ETA 1 min 10 s`,
 * else `label: 12/64 replications, 1 min 10 s left`; the ETA only once there is one. An
 * open-ended stage says how long it has run; a finished one how long it took.
 */
export function progressText(s: ProgressState, nowMs: number, bar?: string): string {
  const done = Math.floor(s.done);
  const count = (s.total === null ? `${done} ${done === 1 ? s.unit.replace(/s$/, '') : s.unit}` : `${done}/${s.total} ${s.unit}`) + (s.detail ? `, ${s.detail}` : '');
  const head = bar !== undefined && s.total !== null ? `${s.label} [${bar}] ` : `${s.label}: `;
  if (s.finished) return `${head}${count} in ${formatDuration((nowMs - s.sinceMs) / 1000)}`;
  const left = secondsLeft(s, nowMs);
  if (left !== null) return bar !== undefined ? `${head}${count} | ETA ${formatDuration(left)}` : `${head}${count}, ${formatDuration(left)} left`;
  return s.total === null ? `${head}${count}, ${formatDuration((nowMs - s.sinceMs) / 1000)} so far` : `${head}${count}`;
}

export interface QuietOption {
  /** Commander's --quiet: no progress. */
  quiet?: boolean;
}

/**
 * A job's progress on stderr, in stages (a sweep, then its relief; each search of a study),
 * each ending on its own line with what it did and how long it took. `stop()` ends the last,
 * in a `finally`.
 */
export class Progress {
  private readonly bar: SingleBar | null;
  private state: ProgressState | null = null;
  private readonly showCursor = () => this.stream.write('\x1B[?25h');

  constructor(opts: QuietOption, private readonly stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env) {
    const tty = stream.isTTY === true;
    this.bar = opts.quiet
      ? null
      : new cliProgress.SingleBar({
          stream,
          format: (options: Options, params: Params) => (this.state ? progressText(this.state, Date.now(), tty ? cliProgress.Format.BarFormat(params.progress, options) : undefined) : ''),
          // Off a terminal cli-progress writes the text as a line every notTTYSchedule ms, and once at start and stop.
          noTTYOutput: true,
          notTTYSchedule: progressIntervalS(env) * 1000,
          hideCursor: tty,
          // A terminal keeps the finished bar on its line; off one, clearing only skips an empty line.
          clearOnComplete: !tty,
        });
  }

  /** Starts a stage of `total` units (null: open-ended), ending the one before. */
  stage(label: string, total: number | null, unit = 'replications'): void {
    if (!this.bar) return;
    this.stop();
    const now = Date.now();
    this.state = { label, total, done: 0, unit, detail: '', sinceMs: now, sinceDone: 0, lastMs: now, finished: false };
    // A Ctrl-C exits at once (interrupt.ts): the terminal gets its cursor back all the same.
    if (this.stream.isTTY) process.once('exit', this.showCursor);
    this.bar.start(total ?? 1, 0);
  }

  /** Units done so far in this stage (a fraction while a queued job reports part of its batch). */
  update(done: number, detail?: string): void {
    const s = this.state;
    if (!this.bar || !s) return;
    if (done !== s.done) s.lastMs = Date.now();
    s.done = done;
    if (detail !== undefined) s.detail = detail;
    this.bar.update(s.total === null ? 0 : Math.min(done, s.total));
  }

  /** Units of this stage taken from a resume store, not run now: left out of the rate. */
  reused(count: number): void {
    if (this.state) this.state.sinceDone += count;
  }

  /** Ends the stage: its last line says what was done, and in how long when all of it was. */
  stop(): void {
    if (!this.bar?.isActive || !this.state) return;
    this.state.finished = this.state.total === null || this.state.done >= this.state.total;
    this.bar.stop();
    process.removeListener('exit', this.showCursor);
  }
}

/**
 * Progress callbacks for capacity searches, open-ended (levels until the bracket closes):
 * replications run and levels judged; each search `onSearch` names is a stage of its own.
 */
export function searchProgress(progress: Progress, label: string) {
  let levels = 0, before = 0, current = 0, last = '', started = false;
  const detail = () => (levels === 0 ? '' : `${levels} level${levels === 1 ? '' : 's'} judged (last ×${last})`);
  const start = (what?: string) => {
    levels = before = current = 0;
    started = true;
    progress.stage(what ? `${label}, ${what}` : label, null);
  };
  return {
    onSearch: (what: string) => start(what),
    onProgress: (done: number, total: number) => {
      if (!started) start();
      current = total;
      progress.update(before + done, detail());
    },
    onEvaluation: (e: { multiplier: number; sustainable: boolean }) => {
      if (!started) start();
      levels++;
      before += current;
      current = 0;
      last = `${e.multiplier} ${e.sustainable ? 'sustained' : 'not sustained'}`;
      progress.update(before, detail());
    },
  };
}
