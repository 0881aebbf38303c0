import { describe, expect, it } from 'vitest';
import type { World } from '../../src/cli/context.js';

// The build defines the version; the tree needs one to be declared.
(globalThis as { DESK_VERSION?: string }).DESK_VERSION = '0.0.0-test';
const { buildProgram } = await import('../../src/cli/program.js');

const world: World = {
  io: { stdout: { write: () => true }, stderr: { write: () => true }, stdin: process.stdin, interactive: false, stdoutIsTTY: false },
  env: {},
  cwd: '/',
};
const hooks = { started: () => {}, finished: () => {} };
const declared = (argv?: string[]) => buildProgram(world, hooks, argv).commands.map((c) => c.name());

describe('the command tree', () => {
  const everything = declared();

  it('declares every command without a command line, and for one that names none', () => {
    expect(everything).toEqual(expect.arrayContaining(['create', 'show', 'list', 'import', 'rules', 'report', 'sla', 'completion', 'demo']));
    expect(declared([])).toEqual(everything);
    expect(declared(['--version'])).toEqual(everything);
    expect(declared(['help', 'sla'])).toEqual(everything);
    expect(declared(['shw', '42'])).toEqual(everything);
  });

  it('declares only the command named, found after global options and their values', () => {
    expect(declared(['show', '42'])).toEqual(['show']);
    // "list" and "sla" here are values of --actor and --tz, not commands.
    expect(declared(['--actor', 'list', '--json', '--tz', 'sla', 'show', '42'])).toEqual(['show']);
    expect(declared(['--db=list', 'history', '42'])).toEqual(['history']);
    expect(declared(['--config', 'report', '--no-color', 'import', 'a.csv'])).toEqual(['import']);
  });

  it('declares a group with all its subcommands', () => {
    const subcommands = (program: ReturnType<typeof buildProgram>) => program.commands.find((c) => c.name() === 'report')!.commands.map((c) => c.name());
    const named = buildProgram(world, hooks, ['report', 'monthly']);
    expect(named.commands.map((c) => c.name())).toEqual(['report']);
    expect(subcommands(named)).toEqual(subcommands(buildProgram(world, hooks)));
    expect(subcommands(named)).toContain('monthly');
  });
});
