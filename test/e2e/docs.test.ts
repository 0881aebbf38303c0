import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sandbox } from './helpers.js';

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
  it('gives every command and subcommand --help with an example, and README a row for each and for no other', () => {
    const box = sandbox();
    const help = box.desk(['--help']);
    expect(help.code).toBe(0);
    const names = commandNames(help.stdout);
    expect(names.length).toBeGreaterThanOrEqual(19);
    const commands: string[] = [];
    const groups = new Set<string>();
    for (const name of names) {
      const own = box.desk([name, '--help']);
      expect(own.code, name).toBe(0);
      expect(own.stdout, name).toMatch(exampleOf(name));
      const subcommands = commandNames(own.stdout);
      if (subcommands.length === 0) commands.push(name);
      else groups.add(name);
      for (const sub of subcommands) {
        const command = `${name} ${sub}`;
        const subHelp = box.desk([name, sub, '--help']);
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

  it('documents every field of the JSON ticket object in order', () => {
    const box = sandbox();
    const ticket = box.json(['create', '--title', 't', '--requester', 'r', '--channel', 'web']);
    const documented = readme.split('The ticket object has these fields, in this order:')[1]!.split('\n- ')[0]!;
    const fields = [...documented.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]);
    expect(fields).toEqual(Object.keys(ticket));
  });

  it('prints --version and reports an unknown command or option with exit 2', () => {
    const box = sandbox();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(box.desk(['--version']).stdout.trim()).toBe(pkg.version);
    const bare = box.desk([]);
    expect([bare.code, bare.stdout.startsWith('Usage: desk')]).toEqual([0, true]);
    const unknown = box.desk(['creat']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('desk: unknown command "creat"\nhint: did you mean create?\n');
    const nothingLike = box.desk(['frobnicate']);
    expect([nothingLike.code, nothingLike.stderr]).toEqual([2, 'desk: unknown command "frobnicate"\nhint: `desk --help` lists the commands\n']);
    const badFlag = box.desk(['list', '--colour']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/^desk: unknown option "--colour"\nhint: /);
  });

  it('finds the command after global options, whatever their values are called', () => {
    const box = sandbox();
    // "list" here is the actor's name, not the command.
    const shown = box.desk(['--actor', 'list', '--tz', 'UTC', 'show', '--help']);
    expect([shown.code, shown.stdout.split('\n')[0]]).toEqual([0, 'Usage: desk show [options] <ticket>']);
    const nested = box.desk(['--json', 'report', 'monthly', '--help']);
    expect([nested.code, nested.stdout.split('\n')[0]]).toEqual([0, 'Usage: desk report monthly [options]']);
    const viaHelp = box.desk(['help', 'sla']);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toMatch(/Usage: desk sla[\s\S]*\n {2}check /);
    const all = box.desk(['--help']).stdout;
    for (const name of ['create', 'show', 'list', 'import', 'rules', 'report', 'sla', 'demo']) expect(all).toMatch(new RegExp(`\\n {2}${name}\\b`));
  });
});

describe('start-up', () => {
  // `desk --help` must not pay for SQLite, YAML, prompts or tables, and a read command not for
  // YAML or schemas once the settings are cached: the files a run loads are listed by a preload
  // that writes Node's module cache (bundles of dist/vendor/, native addons, node_modules) at exit.
  it('loads no heavy module before a command needs it', () => {
    const box = sandbox();
    const hook = join(box.dir, 'loaded.cjs');
    const list = join(box.dir, 'loaded.json');
    writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));`);
    const loaded = (args: string[]) => {
      expect(box.desk(args, { env: { NODE_OPTIONS: `--require ${hook}` } }).code).toBe(0);
      return (JSON.parse(readFileSync(list, 'utf8')) as string[]).map((file) => relative(ROOT, file)).filter((file) => file !== relative(ROOT, hook));
    };
    // Nothing beyond the bundle itself (which bin/desk.js compiles without require()).
    expect(loaded(['--help'])).toEqual([]);
    // The first command writes the settings cache; a ticket makes the list print a row.
    expect(box.desk(['create', '--title', 'Printer jams', '--requester', 'Zhang San', '--channel', 'phone']).code).toBe(0);
    const afterList = loaded(['list', '--status', 'open']);
    expect(afterList).toContainEqual(expect.stringMatching(/better_sqlite3\.node$/));
    expect(afterList.filter((file) => file.includes('vendor/') || file.includes('luxon'))).toEqual([]);
    // The check itself sees a vendor bundle when one is used.
    expect(loaded(['rules', 'check'])).toContain('dist/vendor/yaml.cjs');
  });

  it('keeps the compiled bundle in a code cache, and starts without it when the cache is damaged', () => {
    const box = sandbox();
    const cache = join(box.dir, 'cache');
    const env = { XDG_CACHE_HOME: cache };
    const codeCaches = () => readdirSync(join(cache, 'desk')).filter((name) => name.endsWith('.v8'));
    mkdirSync(join(cache, 'desk'), { recursive: true });
    writeFileSync(join(cache, 'desk', 'main-0.0.0-1-1.v8'), 'from an older build');
    const first = box.desk(['--version'], { env });
    expect(first.code).toBe(0);
    // One cache, of this build: the older build's is gone.
    const [written] = codeCaches();
    expect(codeCaches()).toEqual([written]);
    expect(written).not.toBe('main-0.0.0-1-1.v8');
    const { size, mtimeMs } = statSync(join(cache, 'desk', written!));
    expect(size).toBeGreaterThan(10_000);
    expect(box.desk(['--version'], { env }).stdout).toBe(first.stdout);
    // Taken by V8, so not written again.
    expect(statSync(join(cache, 'desk', written!)).mtimeMs).toBe(mtimeMs);
    writeFileSync(join(cache, 'desk', written!), Buffer.alloc(size, 7));
    const damaged = box.desk(['create', '--title', 'Printer jams', '--requester', 'Zhang San', '--channel', 'phone', '--json'], { env });
    expect([damaged.code, damaged.stderr]).toEqual([0, '']);
    expect(JSON.parse(damaged.stdout).title).toBe('Printer jams');
    // Rejected by V8 and written again.
    expect(readFileSync(join(cache, 'desk', written!)).equals(Buffer.alloc(size, 7))).toBe(false);
  });
});

describe('demo and init', () => {
  it('demo builds a database from the fixtures and walks the lifecycle', () => {
    const box = sandbox({ config: null });
    const fixtures = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'tickets.json'), 'utf8'));
    const demo = box.desk(['demo', '--db', join(box.dir, 'demo.db')]);
    expect(demo.code).toBe(0);
    // The example rules classify and dispatch the sample tickets, and the steps name the rules.
    expect(demo.stdout).toMatch(/create → classify \(printer\) → dispatch desktop\/\w+ → respond → resolve → close ★\d/);
    expect(demo.stdout).toMatch(/create → classify \(complaint\) → dispatch complaints\/\w+/);
    expect(demo.stdout).toMatch(new RegExp(`${fixtures.length} tickets: `));
    const closedInFixtures = fixtures.filter((f: any) => f.status === 'closed').length;
    const closed = box.json(['list', '--db', join(box.dir, 'demo.db'), '--status', 'closed', '--limit', '1000']);
    expect(closed).toHaveLength(closedInFixtures);
    const history = box.json(['history', closed[0].number, '--db', join(box.dir, 'demo.db')]);
    expect(history.map((e: any) => e.kind).filter((k: string) => k !== 'notify')).toEqual(['create', 'classify', 'dispatch', 'respond', 'resolve', 'close']);
  });

  it('init writes the config scaffold without overwriting and fills a sample on request', () => {
    const box = sandbox({ config: null });
    const config = join(box.dir, 'conf');
    const first = box.json(['init', '--config', config, '--sample']);
    const names = first.written.map((f: string) => f.slice(config.length + 1)).sort();
    expect(names).toEqual(['desk.yaml', 'routing.yaml', 'schema/desk.schema.json', 'schema/routing.schema.json', 'schema/sla.schema.json', 'schema/teams.schema.json', 'sla.yaml', 'teams.yaml']);
    expect(first.created).toBe(true);
    expect(first.sample_tickets).toBeGreaterThan(0);
    const second = box.json(['init', '--config', config]);
    expect(second.written).toEqual([]);
    expect(second.kept).toHaveLength(names.length);
    expect(second.created).toBe(false);
    expect(box.json(['list', '--config', config, '--limit', '1000'])).toHaveLength(first.sample_tickets);
  });
});
