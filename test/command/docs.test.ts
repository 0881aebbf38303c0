// What README and --help promise: every command and subcommand documented with an example, the
// quick start, the ticket object's fields in order, and the database demo and init make.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/helpers.js';
import { commandSandbox } from './harness.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The commands a help text lists under "Commands:", help itself left out. */
function commandNames(help: string): string[] {
  const section = help.split('Commands:')[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
}

/**
 * The commands README's command table documents, from the `desk …` of each row's first column:
 * a command, or for one of `groups` the subcommand it names ("sla check").
 */
function documentedCommands(groups: ReadonlySet<string>): string[] {
  const table = readme.split('\n## Commands\n')[1]!.split('\n### ')[0]!;
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `desk'))
    .flatMap((line) => {
      const first = line.split(/(?<!\\)\|/)[1]!;
      return [...first.matchAll(/`desk ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?/g)].map(([, name, sub]) => (groups.has(name!) && sub ? `${name} ${sub}` : name!));
    });
}

const exampleOf = (command: string) => new RegExp(`Examples:\\n\\s+\\$ (npx )?desk .*${command}`);

describe('documentation', () => {
  it('gives every command and subcommand --help with an example, and README a row for each and for no other', async () => {
    const box = commandSandbox();
    const help = await box.desk(['--help']);
    expect(help.code).toBe(0);
    const names = commandNames(help.stdout);
    expect(names.length).toBeGreaterThanOrEqual(19);
    const commands: string[] = [];
    const groups = new Set<string>();
    for (const name of names) {
      const own = await box.desk([name, '--help']);
      expect(own.code, name).toBe(0);
      expect(own.stdout, name).toMatch(exampleOf(name));
      const subcommands = commandNames(own.stdout);
      if (subcommands.length === 0) commands.push(name);
      else groups.add(name);
      for (const sub of subcommands) {
        const command = `${name} ${sub}`;
        const subHelp = await box.desk([name, sub, '--help']);
        expect(subHelp.code, command).toBe(0);
        expect(subHelp.stdout, command).toMatch(exampleOf(command));
        commands.push(command);
      }
    }
    expect([...groups]).toEqual(expect.arrayContaining(['rules', 'report', 'sla']));
    expect([...new Set(documentedCommands(groups))].sort()).toEqual(commands.sort());
  });

  it('keeps the quick start to the two lines of the design', () => {
    expect(readme).toContain('```sh\nnpm install && npx desk demo\nnpm test\n```');
  });

  it('documents every field of the JSON ticket object in order', async () => {
    const box = commandSandbox();
    // create's object adds the caller's earlier tickets (`caller`, documented on its own); list's is the ticket object alone.
    await box.json(['create', '--title', 't', '--requester', 'r', '--channel', 'web']);
    const [ticket] = await box.json(['list']);
    const documented = readme.split('The ticket object has these fields, in this order:')[1]!.split('\n- ')[0]!;
    const fields = [...documented.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]);
    expect(fields).toEqual(Object.keys(ticket));
  });

  it('prints --version and reports an unknown command or option with exit 2', async () => {
    const box = commandSandbox();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect((await box.desk(['--version'])).stdout.trim()).toBe(pkg.version);
    const bare = await box.desk([]);
    expect([bare.code, bare.stdout.startsWith('Usage: desk')]).toEqual([0, true]);
    const unknown = await box.desk(['creat']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('desk: unknown command "creat"\nhint: did you mean create?\n');
    const nothingLike = await box.desk(['frobnicate']);
    expect([nothingLike.code, nothingLike.stderr]).toEqual([2, 'desk: unknown command "frobnicate"\nhint: `desk --help` lists the commands\n']);
    const badFlag = await box.desk(['list', '--colour']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/^desk: unknown option "--colour"\nhint: /);
  });

  it('finds the command after global options, whatever their values are called', async () => {
    const box = commandSandbox();
    // "list" here is the actor's name, not the command.
    const shown = await box.desk(['--actor', 'list', '--tz', 'UTC', 'show', '--help']);
    expect([shown.code, shown.stdout.split('\n')[0]]).toEqual([0, 'Usage: desk show [options] <ticket>']);
    const nested = await box.desk(['--json', 'report', 'monthly', '--help']);
    expect([nested.code, nested.stdout.split('\n')[0]]).toEqual([0, 'Usage: desk report monthly [options]']);
    const viaHelp = await box.desk(['help', 'sla']);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toMatch(/Usage: desk sla[\s\S]*\n {2}check /);
    const all = (await box.desk(['--help'])).stdout;
    for (const name of ['create', 'show', 'list', 'import', 'rules', 'report', 'sla', 'demo']) expect(all).toMatch(new RegExp(`\\n {2}${name}\\b`));
  });
});

describe('demo and init', () => {
  it('demo builds a database from the fixtures and walks the lifecycle', async () => {
    const box = commandSandbox({ config: null });
    const fixtures = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'tickets.json'), 'utf8'));
    const demo = await box.desk(['demo', '--db', join(box.dir, 'demo.db')]);
    expect(demo.code).toBe(0);
    // The example rules classify and dispatch the sample tickets, and the steps name the rules.
    expect(demo.stdout).toMatch(/create → classify \(printer\) → dispatch desktop\/\w+ → respond → resolve → close ★\d/);
    expect(demo.stdout).toMatch(/create → classify \(complaint\) → dispatch complaints\/\w+/);
    expect(demo.stdout).toMatch(new RegExp(`${fixtures.length} tickets: `));
    const closedInFixtures = fixtures.filter((f: any) => f.status === 'closed').length;
    const closed = await box.json(['list', '--db', join(box.dir, 'demo.db'), '--status', 'closed', '--limit', '1000']);
    expect(closed).toHaveLength(closedInFixtures);
    const history = await box.json(['history', closed[0].number, '--db', join(box.dir, 'demo.db')]);
    expect(history.map((e: any) => e.kind).filter((k: string) => k !== 'notify')).toEqual(['create', 'classify', 'dispatch', 'respond', 'resolve', 'close']);
  });

  it('init writes the config scaffold without overwriting and fills a sample on request', async () => {
    const box = commandSandbox({ config: null });
    const config = join(box.dir, 'conf');
    const first = await box.json(['init', '--config', config, '--sample']);
    const names = first.written.map((f: string) => f.slice(config.length + 1)).sort();
    expect(names).toEqual([
      'desk.yaml', 'quality.yaml', 'routing.yaml', 'schema/desk.schema.json', 'schema/quality.schema.json', 'schema/routing.schema.json', 'schema/sla.schema.json', 'schema/teams.schema.json', 'sla.yaml', 'teams.yaml',
    ]);
    expect(first.created).toBe(true);
    expect(first.sample_tickets).toBeGreaterThan(0);
    const second = await box.json(['init', '--config', config]);
    expect(second.written).toEqual([]);
    expect(second.kept).toHaveLength(names.length);
    expect(second.created).toBe(false);
    expect(await box.json(['list', '--config', config, '--limit', '1000'])).toHaveLength(first.sample_tickets);
  });
});
