import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';

import { commandSandbox, type CommandSandbox } from './harness.js';

const AT = (time: string) => ({ env: { DESK_NOW: `2026-11-${time}+08:00` } });

/** A desk with tickets in every state, with the fields and texts that trip exports up. */
async function busyDesk(): Promise<CommandSandbox> {
  const box = commandSandbox();
  const run = async (args: string[], time: string) => {
    const result = await box.desk(args, AT(time));
    if (result.code !== 0) throw new Error(`desk ${args.join(' ')}: ${result.stderr}`);
    return result.stdout.trim();
  };
  const closed = await run(['create', '--title', '=HYPERLINK("http://evil.example","click")', '--requester', '王芳', '--channel', 'phone', '--department', '财务部',
    '--contact', '+86 138 1234 5678', '--description', 'Line one, "quoted"\nLine two\n\n  indented', '--type', 'fault', '--category', 'hardware/printer',
    '--urgency', 'urgent', '--external-id', 'EXT-1', '--impact', 'department'], '02T09:00:00');
  await run(['dispatch', closed, '--team', 'desktop', '--to', 'sun', '--with', 'network'], '02T09:05:00');
  await run(['respond', closed, '--message', 'on the way'], '02T09:20:00');
  await run(['escalate', closed, '--reason', 'needs a vendor'], '02T10:00:00');
  await run(['assist', closed, '--team', 'network', '--reply', 'switch port replaced', '--actor', 'wu'], '02T11:00:00');
  await run(['resolve', closed, '--solution', '-5 degrees in the server room: replaced the fan', '--steps', '@step one', '--remaining', "'nothing'"], '02T15:00:00');
  await run(['close', closed, '--satisfaction', '4', '--callback', 'Works now'], '03T10:00:00');
  const pending = await run(['create', '--title', 'VPN 无法连接', '--requester', 'David Miller', '--channel', 'email', '--contact', 'david.miller@example.com', '--auto'], '04T09:00:00');
  await run(['respond', pending], '04T09:10:00');
  await run(['pending', pending, '--reason', 'waiting for the requester'], '04T10:00:00');
  const reopened = await run(['create', '--title', 'Printer jams again', '--requester', 'Li', '--channel', 'onsite', '--team', 'desktop'], '05T09:00:00');
  await run(['close', reopened, '--solution', 'cleared'], '05T09:30:00');
  await run(['reopen', reopened, '--reason', 'jams again'], '06T09:00:00');
  await run(['create', '--title', 'Bare ticket', '--requester', 'Z', '--channel', 'web'], '07T09:00:00');
  return box;
}

async function listAll(box: CommandSandbox) {
  const result = await box.desk(['list', '--limit', '1000', '--reveal', '--sort', 'number', '--json'], AT('25T12:00:00'));
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('desk export', () => {
  it.each(['csv', 'ndjson', 'json'])('round-trips through %s into an empty database, every field as it was', async (format) => {
    const box = await busyDesk();
    const file = join(box.dir, `export.${format}`);
    const exported = await box.desk(['export', '--reveal', '--out', file], AT('25T12:00:00'));
    expect([exported.code, exported.stdout]).toEqual([0, `4 ticket(s) → ${file}\n`]);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const copy = commandSandbox();
    const imported = await copy.desk(['import', file, '--json'], AT('25T12:00:00'));
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ format, read: 4, inserted: 4, rejected: 0 });
    expect(await listAll(copy)).toEqual(await listAll(box));
    // Read back again, it adds nothing.
    expect(JSON.parse((await copy.desk(['import', file, '--json'], AT('25T12:00:00'))).stdout)).toMatchObject({ inserted: 0, skipped: 4 });
  });

  it.each(['csv', 'ndjson'])('keeps the pause of a pending ticket through %s: resuming the copy moves its deadlines alike', async (format) => {
    const box = await busyDesk();
    const file = join(box.dir, `export.${format}`);
    expect((await box.desk(['export', '--reveal', '--out', file], AT('25T12:00:00'))).code).toBe(0);
    const copy = commandSandbox();
    expect((await copy.desk(['import', file], AT('25T12:00:00'))).code).toBe(0);
    const pending = async (desk: CommandSandbox) => JSON.parse((await desk.desk(['list', '--status', 'pending', '--json'], AT('25T12:00:00'))).stdout)[0];
    expect((await pending(copy)).paused_at).toBe('2026-11-04T10:00:00+08:00');
    const resume = async (desk: CommandSandbox) => {
      const resumed = await desk.desk(['resume', (await pending(desk)).number, '--json'], AT('26T10:00:00'));
      expect(resumed.code, resumed.stderr).toBe(0);
      const t = JSON.parse(resumed.stdout);
      return [t.response_due_at, t.dispatch_due_at, t.resolve_due_at, t.update_due_at, t.paused_at];
    };
    const original = await resume(box);
    // Created Wed 4 Nov 09:00 with 24 working hours to resolve, pending from 10:00: 23 of them
    // were left. Resumed Thu 26 Nov 10:00: 6.5 h that day, 7.5 Friday, 7.5 Monday, 1.5 Tuesday.
    expect(original[2]).toBe('2026-12-01T10:30:00+08:00');
    expect(await resume(copy)).toEqual(original);
  });

  it('writes CSV that a spreadsheet cannot run, with contacts masked unless --reveal', async () => {
    const box = await busyDesk();
    const masked = await box.desk(['export'], AT('25T12:00:00'));
    expect(masked.code).toBe(0);
    const rows = Papa.parse<Record<string, string>>(masked.stdout, { header: true, skipEmptyLines: true }).data;
    // The columns of --json, then the ticket's links.
    expect(Object.keys(rows[0]!)).toEqual([...Object.keys((await listAll(box))[0]), 'links']);
    const first = rows.find((r) => r.external_id === 'EXT-1')!;
    expect(first.title).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(first.solution).toBe("'-5 degrees in the server room: replaced the fan");
    expect(first.steps).toBe("'@step one");
    expect(first.remaining).toBe("''nothing'");
    expect(first.contact).toBe('861****5678'); // masked to digits: nothing left to neutralise
    expect(first.collaborators).toBe('network');
    expect(first.description).toBe('Line one, "quoted"\nLine two\n\n  indented');
    expect(rows.find((r) => r.requester === 'David Miller')!.contact).toBe('d***@example.com');
    // No cell of the whole export starts a formula.
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const revealed = Papa.parse<Record<string, string>>((await box.desk(['export', '--reveal'], AT('25T12:00:00'))).stdout, { header: true, skipEmptyLines: true }).data;
    expect(revealed.find((r) => r.external_id === 'EXT-1')!.contact).toBe("'+86 138 1234 5678");
  });

  it('takes the filters of list and writes NDJSON and JSON objects shaped like --json', async () => {
    const box = await busyDesk();
    const ndjson = await box.desk(['export', '--format', 'ndjson', '--status', 'open'], AT('25T12:00:00'));
    const lines = ndjson.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((t) => t.title).sort()).toEqual(['Bare ticket', 'Printer jams again', 'VPN 无法连接']);
    const listed = await box.json(['list', '--status', 'open', '--limit', '100']);
    expect(lines.sort((a, b) => a.id - b.id)).toEqual(listed.sort((a: any, b: any) => a.id - b.id).map((t: any) => ({ ...t, links: [] })));
    const json = JSON.parse((await box.desk(['export', '--format', 'json', '--search', 'VPN'], AT('25T12:00:00'))).stdout);
    expect(json.map((t: any) => t.title)).toEqual(['VPN 无法连接']);
    expect((await box.desk(['export', '--format', 'json', '--team', 'nobody'], AT('25T12:00:00'))).stdout).toBe('[]\n');
  });

  it('writes GB18030 with a BOM-less encoding for Chinese Excel, or UTF-8 with --bom', async () => {
    const box = await busyDesk();
    const gb = join(box.dir, 'gb.csv');
    expect((await box.desk(['export', '--encoding', 'gb18030', '--out', gb])).code).toBe(0);
    const back = commandSandbox();
    const imported = await back.desk(['import', gb, '--encoding', 'gb18030', '--json'], AT('25T12:00:00'));
    expect(JSON.parse(imported.stdout)).toMatchObject({ inserted: 4 });
    expect((await back.json(['list', '--search', '无法连接'])).map((t: any) => t.title)).toEqual(['VPN 无法连接']);
    const bom = join(box.dir, 'bom.csv');
    await box.desk(['export', '--bom', '--out', bom]);
    expect([...readFileSync(bom).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('refuses what it cannot do with exit 2, and a missing database with 3', async () => {
    const box = await busyDesk();
    expect((await box.desk(['export', '--format', 'xlsx'])).stderr).toMatch(/^desk: --format: unknown value "xlsx"/);
    expect((await box.desk(['export', '--out', join(box.dir, 'no', 'such', 'dir', 'x.csv')])).code).toBe(2);
    expect((await box.desk(['export', '--db', join(box.dir, 'missing.db')])).code).toBe(3);
  });
});

describe('links through an export and an import', () => {
  async function linkedDesk(): Promise<CommandSandbox> {
    const box = commandSandbox();
    const run = async (args: string[], time: string) => {
      const result = await box.desk(args, AT(time));
      if (result.code !== 0) throw new Error(`desk ${args.join(' ')}: ${result.stderr}`);
    };
    for (const [title, time] of [['Burst main on Elm St', '02T09:00:00'], ['No water at no. 3', '02T09:10:00'], ['No water at no. 5', '02T09:20:00'], ['Low pressure', '02T09:30:00']] as const) {
      await run(['create', '--title', title, '--requester', 'Caller', '--channel', 'phone', '--team', 'facilities'], time);
    }
    await run(['link', '1', '2', '--as', 'parent'], '02T09:40:00');
    await run(['link', '4', '1', '--as', 'related'], '02T09:45:00');
    await run(['merge', '3', '--into', '2', '--reason', 'same house'], '02T09:50:00');
    return box;
  }

  it.each(['csv', 'ndjson', 'json'])('keeps every link, from both ends, through %s: the copy exports the same bytes', async (format) => {
    const box = await linkedDesk();
    const file = join(box.dir, `export.${format}`);
    expect((await box.desk(['export', '--reveal', '--out', file], AT('25T12:00:00'))).code).toBe(0);
    const ndjson = (await box.desk(['export', '--format', 'ndjson', '--reveal'], AT('25T12:00:00'))).stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(ndjson.map((t) => t.links.map((l: any) => `${l.as} ${l.ticket}`))).toEqual([
      ['parent_of SD-202611-00002', 'related SD-202611-00004'],
      ['child_of SD-202611-00001', 'merged_from SD-202611-00003'],
      ['merged_into SD-202611-00002'],
      ['related SD-202611-00001'],
    ]);
    expect(ndjson[0].links[0]).toEqual({ as: 'parent_of', ticket: 'SD-202611-00002', linked_at: '2026-11-02T09:40:00+08:00', linked_by: 'tester' });

    const copy = commandSandbox();
    const imported = await copy.desk(['import', file, '--json'], AT('25T12:00:00'));
    expect([imported.code, imported.stderr]).toEqual([0, '']);
    const again = join(copy.dir, `again.${format}`);
    expect((await copy.desk(['export', '--reveal', '--out', again], AT('25T12:00:00'))).code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(file, 'utf8'));
    const shown = await copy.json(['show', 'SD-202611-00002'], AT('25T12:00:00'));
    expect(shown.links.map((l: any) => [l.as, l.number, l.linked_by])).toEqual([['child_of', 'SD-202611-00001', 'tester'], ['merged_from', 'SD-202611-00003', 'tester']]);
    // Imported again, nothing doubles.
    expect((await copy.desk(['import', file], AT('25T12:00:00'))).code).toBe(0);
    expect((await copy.json(['show', 'SD-202611-00002'], AT('25T12:00:00'))).links).toHaveLength(2);
  });

  it('leaves out a link to a ticket the desk does not have, saying so', async () => {
    const box = commandSandbox();
    const file = join(box.dir, 'links.csv');
    writeFileSync(file, `number,title,requester,channel,created_at,links\nSD-202611-00007,Burst main,Caller,phone,2026-11-02 09:00,"[{""as"":""parent_of"",""ticket"":""SD-202611-00099"",""linked_at"":""2026-11-02 09:40"",""linked_by"":""li""}]"\n`);
    const imported = await box.desk(['import', file, '--json'], AT('25T12:00:00'));
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('links to 1 ticket(s) left out, no ticket has the number: SD-202611-00099');
    expect((await box.json(['show', 'SD-202611-00007'], AT('25T12:00:00'))).links).toEqual([]);
    const bad = join(box.dir, 'bad.csv');
    writeFileSync(bad, `title,requester,channel,links\nBurst,Caller,phone,"[{""as"":""cousin"",""ticket"":""SD-202611-00007""}]"\n`);
    const refused = await box.desk(['import', bad], AT('25T12:00:00'));
    expect([refused.code, refused.stderr.split('\n')[0]]).toEqual([2, `${bad}:2: column "links": link 1: as must be one of related, duplicate, parent_of, child_of, merged_into, merged_from (the JSON list of links an export writes)`]);
  });
});
