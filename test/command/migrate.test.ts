// desk migrate between two SQLite files (PostgreSQL both ways is test/e2e/migrate.test.ts): the
// copy, its table of counts and checksums, a second run that copies nothing, and the refusals.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { commandSandbox, type CommandSandbox } from './harness.js';

const EMPTY = 'e3b0c44298fc1c14';
/** SHA-256 of the one line of the sequences table, `{"name":"SD-202611","value":2}` and a newline. */
const SEQUENCES = 'f68f0d2679fdffce8233119d96d16edde3ae337671fa0e3aacb37b4a3b771bdb';

async function twoTickets(box: CommandSandbox): Promise<void> {
  for (const title of ['Printer jams', '打印机卡纸']) {
    expect((await box.desk(['create', '--title', title, '--requester', 'Li Lei', '--channel', 'phone', '--contact', '13800000000', '--no-auto'])).code).toBe(0);
  }
  expect((await box.desk(['note', '1', 'Called back'])).code).toBe(0);
}

describe('desk migrate', () => {
  it('copies the desk into a new file and shows every table counted and summed up in both', async () => {
    const box = commandSandbox();
    await twoTickets(box);
    const copy = join(box.dir, 'copy.db');
    const result = await box.desk(['migrate', '--to', 'copy.db']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([`from ${box.db}`, `to   ${copy}`, 'table            source   target   copied  checksum']);
    expect(lines[3]).toMatch(/^tickets {15}2 {8}2 {8}2 {2}[0-9a-f]{16}$/);
    expect(lines[4]).toMatch(/^events {16}3 {8}3 {8}3 {2}[0-9a-f]{16}$/);
    expect(lines.slice(5)).toEqual([
      `visits                0        0        0  ${EMPTY}`,
      `settlements           0        0        0  ${EMPTY}`,
      `closed_cycles         0        0        0  ${EMPTY}`,
      `links                 0        0        0  ${EMPTY}`,
      `handovers             0        0        0  ${EMPTY}`,
      `sequences             1        1        1  ${SEQUENCES.slice(0, 16)}`,
      `rotations             0        0        0  ${EMPTY}`,
      'verified: every table holds the same rows in both stores',
      '',
    ]);
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    const exported = await box.desk(['export', '--format', 'json', '--reveal']);
    expect((await box.desk(['--db', copy, 'export', '--format', 'json', '--reveal'])).stdout).toBe(exported.stdout);
    expect((await box.desk(['--db', copy, 'history', '1'])).stdout).toBe((await box.desk(['history', '1'])).stdout);
  });

  it('copies nothing when run again, and says so in --json with the whole checksums', async () => {
    const box = commandSandbox();
    await twoTickets(box);
    await box.json(['migrate', '--to', 'copy.db', '--batch-size', '1']);
    const again = await box.json(['migrate', '--to', 'copy.db']);
    expect(again).toMatchObject({ source: box.db, target: join(box.dir, 'copy.db'), verified: true });
    expect(again.tables.map((t: any) => [t.table, t.copied, t.source.rows, t.target.rows])).toEqual([
      ['tickets', 0, 2, 2], ['events', 0, 3, 3], ['visits', 0, 0, 0], ['settlements', 0, 0, 0],
      ['closed_cycles', 0, 0, 0], ['links', 0, 0, 0], ['handovers', 0, 0, 0], ['sequences', 0, 1, 1], ['rotations', 0, 0, 0],
    ]);
    expect(again.tables.find((t: any) => t.table === 'sequences')).toEqual({ table: 'sequences', copied: 0, source: { rows: 1, checksum: SEQUENCES }, target: { rows: 1, checksum: SEQUENCES } });
    for (const t of again.tables) expect(t.target.checksum).toBe(t.source.checksum);
  });

  it('goes on from what a stopped copy left: the rows after the last one there', async () => {
    const box = commandSandbox();
    await twoTickets(box);
    // What a copy killed after its first batch of one ticket leaves.
    const [source, target] = [await openStore(box.db, { create: false }), await openStore(join(box.dir, 'copy.db'), { create: true })];
    await target.writeTableRows('tickets', (await source.readTable('tickets', null, 1)).rows);
    await Promise.all([source.close(), target.close()]);
    const resumed = await box.json(['migrate', '--to', 'copy.db']);
    expect(resumed.tables.filter((t: any) => t.copied).map((t: any) => [t.table, t.copied])).toEqual([['tickets', 1], ['events', 3], ['sequences', 1]]);
    expect(resumed.verified).toBe(true);
  });

  it('refuses a target that holds another desk, leaving it as it was', async () => {
    const box = commandSandbox();
    await twoTickets(box);
    const other = join(box.dir, 'other.db');
    expect((await box.desk(['--db', other, 'create', '--title', 'Another desk', '--requester', 'Zhao', '--channel', 'web', '--no-auto'])).code).toBe(0);
    const before = await box.desk(['--db', other, 'export', '--format', 'json', '--reveal']);
    const refused = await box.desk(['migrate', '--to', other]);
    expect([refused.code, refused.stdout]).toEqual([2, '']);
    expect(refused.stderr).toBe(
      `desk: ${other} holds rows that are not this desk's: its 1 row(s) of tickets differ from the first ones of ${box.db}\n` +
        'hint: migrate into a new, empty database; a migrate that was stopped goes on only while the desk it copies has not changed since\n',
    );
    expect((await box.desk(['--db', other, 'export', '--format', 'json', '--reveal'])).stdout).toBe(before.stdout);
  });

  it('refuses a missing --to, a bad --batch-size, the source itself and a missing source', async () => {
    const box = commandSandbox();
    await twoTickets(box);
    expect(await box.desk(['migrate'])).toEqual({ code: 2, stdout: '', stderr: 'desk: migrate needs --to LOCATION\nhint: e.g. desk migrate --to postgres://desk@db.example/desk\n' });
    expect(await box.desk(['migrate', '--to', 'copy.db', '--batch-size', '0'])).toEqual({
      code: 2, stdout: '', stderr: 'desk: --batch-size: "0" is not a number from 1 to 100000\nhint: rows per transaction; the default is 5000\n',
    });
    expect(await box.desk(['migrate', '--to', box.db])).toEqual({ code: 2, stdout: '', stderr: `desk: --to names the database migrate copies from (${box.db})\nhint: give another database or file\n` });
    const missing = await box.desk(['--db', join(box.dir, 'none.db'), 'migrate', '--to', 'copy.db']);
    expect(missing.code).toBe(3);
    expect(() => statSync(join(box.dir, 'copy.db'))).toThrow();
  });
});
