import type { Command } from 'commander';
import { describe } from './commands.js';
import { InputError, formatProblem } from '../input/problems.js';
import { loadRunnable } from './scenario-options.js';
import { plain } from '../report/terminal.js';

/** `validate FILE...`: every problem of every file, as file:line: path: problem; exit 1 if any. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .argument('<files...>', 'scenario files')
    .description(describe('validate'))
    .action((files: string[]) => {
      let bad = 0;
      for (const file of files) {
        try {
          const { scenario } = loadRunnable(file);
          console.log(plain(`${file}: ok (${scenario.name}, network of ${scenario.year}, ${scenario.changes.length} change${scenario.changes.length === 1 ? '' : 's'}${scenario.hydrology.id === 'normal' ? '' : `, hydrological year ${scenario.hydrology.id}`})`));
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          bad += err.problems.length;
          for (const p of err.problems) process.stderr.write(`${formatProblem(p)}\n`);
        }
      }
      if (bad > 0) {
        process.stderr.write(`waterway-sim: ${bad} problem${bad === 1 ? '' : 's'} found\n`);
        process.exitCode = 1;
      }
    });
}
