// Start-up of the built binary: what `desk` loads before a command needs it, and V8's code cache
// of the bundle (bin/desk.js).
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_UNDER_TEST } from '../store-under-test.js';
import { ROOT, sandbox } from './helpers.js';

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
    // The store's driver, and nothing else of weight.
    const driver = STORE_UNDER_TEST === 'sqlite' ? /better_sqlite3\.node$/ : /^dist\/vendor\/pg\.cjs$/;
    expect(afterList).toContainEqual(expect.stringMatching(driver));
    expect(afterList.filter((file) => !driver.test(file) && (file.includes('vendor/') || file.includes('luxon')))).toEqual([]);
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
