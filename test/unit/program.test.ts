import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
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

describe('the declarations', () => {
  const commandsDir = new URL('../../src/cli/commands/', import.meta.url);
  const files = readdirSync(commandsDir);
  const modules = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.declaration.ts')).map((f) => f.replace(/\.ts$/, ''));

  it('gives every command module a declaration, and the program every declaration', () => {
    const listed = readFileSync(new URL('../../src/cli/commands.ts', import.meta.url), 'utf8');
    for (const module of modules) {
      expect(files, module).toContain(`${module}.declaration.ts`);
      expect(listed, module).toContain(`'./commands/${module}.declaration.js'`);
    }
  });

  it('loads each command from its own declaration, which imports nothing but types and the declaration helpers', () => {
    for (const module of modules) {
      const text = readFileSync(new URL(`${module}.declaration.ts`, commandsDir), 'utf8');
      const imports = [...text.matchAll(/^import (type )?.*from '([^']+)';$/gm)].filter(([, type]) => !type).map(([, , from]) => from);
      expect(imports, module).toEqual(['../declaration.js']);
      expect(text, module).toContain(`load: () => import('./${module}.js')`);
    }
  });

  it('leaves the flags to the declarations: program.ts adds none by hand', () => {
    const program = readFileSync(new URL('../../src/cli/program.ts', import.meta.url), 'utf8');
    expect(program).not.toContain('.option(');
    expect(program).not.toContain('as never');
  });

  it('reads a repeatable flag into a list and keeps declared defaults', () => {
    const parse = (argv: string[]) => {
      const program = buildProgram(world, hooks, argv);
      const command = program.commands[0]!;
      command.action(() => {});
      program.parse(argv, { from: 'user' });
      return command.opts();
    };
    expect(parse(['import', 'a.csv', '--map', '备注=description', '--map', '附件='])).toEqual({ map: ['备注=description', '附件='] });
    expect(parse(['list'])).toEqual({ sort: '-created_at', limit: '50' });
    expect(parse(['create', '--no-auto'])).toEqual({ auto: false });
    expect(parse(['handover'])).toEqual({ record: true });
  });
});
