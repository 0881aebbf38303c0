// How the command line names a ticket, when ids and this month's numbers are different tickets:
// 13 tickets of October (ids 1–13) and 13 of November (ids 14–26, SD-202611-00001…00013).
import { describe, expect, it } from 'vitest';
import { commandSandbox, type CommandSandbox } from './harness.js';
import { importRows, importTwoMonths } from './two-months.js';

const AMBIGUOUS_13 =
  'desk: ticket 13 is ambiguous: id 13 is SD-202610-00013, number 13 of this month is SD-202611-00013\n' +
  "hint: write '#13' for the id, or 2611-13 for this month's number\n";

async function twoMonths(): Promise<CommandSandbox> {
  const box = commandSandbox();
  await importTwoMonths(box.desk, box.dir);
  return box;
}

const everything = async (box: CommandSandbox) => ({ tickets: await box.json(['list', '--limit', '100']), trail: await box.json(['history', '#13']), other: await box.json(['history', '2611-13']) });

describe('ticket references', () => {
  it('refuses a bare integer that is one ticket\'s id and another\'s number of this month, and changes nothing', async () => {
    const box = await twoMonths();
    const before = await everything(box);

    const shown = await box.desk(['show', '13']);
    expect([shown.code, shown.stdout, shown.stderr]).toEqual([2, '', AMBIGUOUS_13]);
    for (const args of [
      ['resolve', '13', '--solution', 'Replaced the toner'],
      ['note', '13', 'Called back'],
      ['classify', '13', '--type', 'fault'],
      ['classify', '13'],
      // One ambiguous reference among several stops them all.
      ['dispatch', '#1', '2611-2', '13', '--team', 'desktop'],
      ['dispatch', '#1', '13'],
      ['history', '13'],
      ['sla', 'explain', '13'],
      ['similar', '13'],
      ['--actor', 'chen', 'redact', '13', '--reason', 'privacy request'],
    ]) {
      const refused = await box.desk(args);
      expect([refused.code, refused.stdout, refused.stderr], args.join(' ')).toEqual([2, '', AMBIGUOUS_13]);
    }
    expect(await everything(box)).toEqual(before);
  });

  it('acts on the ticket meant by #id, the short number and the full number', async () => {
    const box = await twoMonths();
    expect(await box.json(['show', '#13'])).toMatchObject({ id: 13, number: 'SD-202610-00013', title: 'October 13' });
    for (const ref of ['2611-13', '202611-13', 'SD-202611-00013', 'sd-202611-13', 'SD-202611-013']) {
      expect(await box.json(['show', ref]), ref).toMatchObject({ id: 26, number: 'SD-202611-00013', title: 'November 13' });
    }
    expect(await box.json(['show', '2610-13'])).toMatchObject({ id: 13 });

    const [byId] = await box.json(['dispatch', '#13', '--team', 'desktop']);
    expect(byId.ticket).toMatchObject({ id: 13, number: 'SD-202610-00013', status: 'dispatched', team: 'desktop' });
    const byNumber = await box.json(['close', '2611-13', '--solution', 'Explained the leave form']);
    expect(byNumber).toMatchObject({ id: 26, number: 'SD-202611-00013', status: 'closed' });
    const full = await box.json(['note', 'sd-202611-12', 'Called back']);
    expect(full).toMatchObject({ id: 25, number: 'SD-202611-00012' });
    expect((await box.json(['history', 'SD-202611-00012'])).map((e: { kind: string }) => e.kind)).toEqual(['import', 'note']);
    expect((await box.json(['history', '#12'])).map((e: { kind: string }) => e.kind)).toEqual(['import']);
  });

  it('takes a bare integer when only one reading names a ticket, or both name the same one', async () => {
    const box = await twoMonths();
    // No November ticket 20 yet: 20 is the id.
    expect(await box.json(['show', '20'])).toMatchObject({ id: 20, number: 'SD-202611-00007' });
    expect((await box.json(['dispatch', '20', '--team', 'network']))[0].ticket).toMatchObject({ id: 20, team: 'network' });

    const november = commandSandbox();
    await importRows(november.desk, november.dir, [
      { id: 101, title: 'Printer jams', created_at: '2026-11-02 09:00' },
      { id: 2, title: 'VPN down', created_at: '2026-11-03 09:00' },
    ]);
    // No ticket has id 1: 1 is this month's number.
    expect(await november.json(['show', '1'])).toMatchObject({ id: 101, number: 'SD-202611-00001' });
    // Id 2 is number 2 of this month.
    expect(await november.json(['close', '2', '--solution', 'Renewed the certificate'])).toMatchObject({ id: 2, number: 'SD-202611-00002', status: 'closed' });
    expect((await november.json(['dispatch', '1', '--team', 'desktop']))[0].ticket).toMatchObject({ id: 101, team: 'desktop' });
  });

  it('reads "this month" in the desk\'s time zone at the time it acts', async () => {
    const box = await twoMonths();
    // 2026-11-30 20:00 UTC is already 1 December in Shanghai: 13 then has no December reading.
    const december = await box.desk(['show', '13', '--json'], { env: { DESK_NOW: '2026-11-30T20:00:00Z' } });
    expect(december.code, december.stderr).toBe(0);
    expect(JSON.parse(december.stdout)).toMatchObject({ id: 13, number: 'SD-202610-00013' });
    const november = await box.desk(['show', '13'], { env: { DESK_NOW: '2026-11-30T15:00:00Z' } });
    expect([november.code, november.stderr]).toEqual([2, AMBIGUOUS_13]);
  });

  it('names the accepted forms for a malformed reference, and keeps "no ticket" for a missing one', async () => {
    const box = await twoMonths();
    const accepted = "hint: write a number (SD-202611-00042 or 2611-42), '#42' for the id, or 42 when that is unambiguous\n";
    for (const ref of ['abc', '#x', '2611-']) {
      const bad = await box.desk(['resolve', ref, '--solution', 'x']);
      expect([bad.code, bad.stdout, bad.stderr], ref).toEqual([2, '', `desk: "${ref}" is not a ticket reference\n${accepted}`]);
    }
    const month = await box.desk(['show', '2613-1']);
    expect([month.code, month.stderr]).toEqual([2, `desk: "2613-1": 13 is not a month\n${accepted}`]);
    const missing = 'hint: list tickets with `desk list`\n';
    for (const [ref, name] of [['99', '99'], ['#99', '#99'], ['2611-99', 'SD-202611-00099'], ['SD-202609-00001', 'SD-202609-00001']]) {
      const none = await box.desk(['show', ref!]);
      expect([none.code, none.stderr], ref).toEqual([3, `desk: no ticket ${name}\n${missing}`]);
    }
  });
});
