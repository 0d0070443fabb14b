import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { cliCommand } from '../helpers.js';

const exec = promisify(execFile);
const cli = (args: string[]) => exec(process.execPath, [...cliCommand(), ...args]).then((r) => ({ code: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => e);

describe('waterway-sim, without a command loaded', () => {
  it('--help lists every command with its description; --version prints the package version', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    const flat = help.stdout.replace(/\s+/g, ' ');
    for (const c of COMMANDS) expect(flat).toContain(`${c.name} ${c.description.replace(/\s+/g, ' ').slice(0, 40)}`);
    const version = await cli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("a command's own --help shows its options (the command is loaded when named); a mistyped one is refused with a suggestion", async () => {
    const run = await cli(['run', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--backend <where>');
    expect(run.stdout).toContain('--no-capacity');
    const typo = await cli(['runn']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toBe("error: unknown command 'runn'\n(Did you mean run?)\n");
  });
});
