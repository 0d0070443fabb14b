/**
 * Ctrl-C and kill: the process stops at once with its workers, and says what
 * it leaves behind. Outputs are written synchronously in one step (output-folder.ts),
 * so a signal lands before that step or after it, never inside it.
 */
let written: string[] = [];
let keptForResume: string | null = null;

export function noteWritten(dir: string): void {
  written.push(dir);
}

/** Finished replications kept in `dir` for `--resume`. */
export function noteResumable(dir: string | null): void {
  keptForResume = dir;
}

export function handleInterrupts(): void {
  const stop = (signal: NodeJS.Signals, code: number) => () => {
    const what = written.length > 0 ? `${written.join(', ')} complete` : 'no output written';
    const resume = keptForResume ? `; the replications finished so far are kept in ${keptForResume}: run the same command with --resume to go on` : '';
    process.stderr.write(`\nwaterway-sim: interrupted (${signal}); ${what}${resume}\n`);
    process.exit(code);
  };
  process.on('SIGINT', stop('SIGINT', 130));
  process.on('SIGTERM', stop('SIGTERM', 143));
}
