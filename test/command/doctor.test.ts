// desk doctor over a database an import was killed in before indexing its tickets for search: it
// reports them, and --repair indexes them (both stores' imports index after the load). The kill
// is an import session left without its last flush, its store closed, as when the process dies.
import { describe, expect, it } from 'vitest';
import { writeImportRecords } from '../../src/importer/import-write.js';
import { openStore } from '../../src/store/open.js';
import { at } from '../store-contract/fixtures.js';
import { importRecord, writeOptions } from '../store-contract/import-session.js';
import { commandSandbox, type CommandSandbox } from './harness.js';

async function killedImport(box: CommandSandbox): Promise<void> {
  const store = await openStore(box.db, { create: true });
  const session = await store.beginImport();
  const titles = ['三楼打印机卡纸', 'VPN certificate expired', 'Mail bounces', '打印机没有墨了', 'Screen flickers'];
  await writeImportRecords(session, titles.map((title, i) => importRecord(i + 2, { title, created_at: at('11-02 09:00') + i * 60_000 })), writeOptions({ batchSize: 2 }));
  await store.close();
}

const checkOf = (report: any, name: string) => report.checks.find((c: any) => c.check === name);

describe('desk doctor and a killed import', () => {
  it('leaves the committed tickets to be found by search', async () => {
    const box = commandSandbox();
    await killedImport(box);
    const titles = async (text: string) => (await box.json(['search', text])).map((hit: any) => hit.ticket.title).sort();
    expect(await titles('打印机')).toEqual(['三楼打印机卡纸', '打印机没有墨了']);
    expect(await titles('certificate')).toEqual(['VPN certificate expired']);
    // The fifth row was in the batch the kill lost.
    expect(await titles('flickers')).toEqual([]);
  });

  it('reports the tickets left unindexed, with exit 1, and what to do', async () => {
    const box = commandSandbox();
    await killedImport(box);
    const text = await box.desk(['doctor']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('FAIL  search index 4 imported ticket(s) not indexed yet (searches find them by a scan; similar does not offer them)\n');
    expect(text.stdout).toContain('→ an import is indexing them, or was stopped first: unless one is running, `desk doctor --repair` (or the next import) indexes them\n');
    const report = JSON.parse((await box.desk(['doctor', '--json'])).stdout);
    expect(report.checks.filter((c: any) => !c.ok).map((c: any) => c.check)).toEqual(['search index']);
    expect(report.repaired).toEqual([]);
  });

  it('indexes them with --repair, saying so, and is healthy after', async () => {
    const box = commandSandbox();
    await killedImport(box);
    const repaired = await box.desk(['doctor', '--repair']);
    expect(repaired.code, repaired.stdout).toBe(0);
    expect(repaired.stdout).toContain('done  search index indexed 4 ticket(s) an import had left unindexed\n');
    expect(repaired.stdout).toMatch(/^ok +search index every ticket indexed$/m);
    const again = JSON.parse((await box.desk(['doctor', '--repair', '--json'])).stdout);
    expect([again.healthy, again.repaired, checkOf(again, 'search index')]).toEqual([true, [], { check: 'search index', ok: true, detail: 'every ticket indexed' }]);
    expect((await box.json(['search', '墨'])).map((hit: any) => hit.ticket.title)).toEqual(['打印机没有墨了']);
    expect((await box.json(['search', 'certificate'])).map((hit: any) => [hit.ticket.title, hit.score > 0])).toEqual([['VPN certificate expired', true]]);
  });
});
