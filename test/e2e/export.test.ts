import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from './helpers.js';

const AT = (time: string) => ({ env: { DESK_NOW: `2026-11-${time}+08:00` } });

/** A desk with tickets in every state, with the fields and texts that trip exports up. */
function busyDesk(): Sandbox {
  const box = sandbox();
  const run = (args: string[], time: string) => {
    const result = box.desk(args, AT(time));
    if (result.code !== 0) throw new Error(`desk ${args.join(' ')}: ${result.stderr}`);
    return result.stdout.trim();
  };
  const closed = run(['create', '--title', '=HYPERLINK("http://evil.example","click")', '--requester', '王芳', '--channel', 'phone', '--department', '财务部',
    '--contact', '+86 138 1234 5678', '--description', 'Line one, "quoted"\nLine two\n\n  indented', '--type', 'fault', '--category', 'hardware/printer',
    '--urgency', 'urgent', '--external-id', 'EXT-1', '--impact', 'department'], '02T09:00:00');
  run(['dispatch', closed, '--team', 'desktop', '--to', 'sun', '--with', 'network'], '02T09:05:00');
  run(['respond', closed, '--message', 'on the way'], '02T09:20:00');
  run(['escalate', closed, '--reason', 'needs a vendor'], '02T10:00:00');
  run(['resolve', closed, '--solution', '-5 degrees in the server room: replaced the fan', '--steps', '@step one', '--remaining', "'nothing'"], '02T15:00:00');
  run(['close', closed, '--satisfaction', '4', '--callback', 'Works now'], '03T10:00:00');
  const pending = run(['create', '--title', 'VPN 无法连接', '--requester', 'David Miller', '--channel', 'email', '--contact', 'david.miller@example.com', '--auto'], '04T09:00:00');
  run(['respond', pending], '04T09:10:00');
  run(['pending', pending, '--reason', 'waiting for the requester'], '04T10:00:00');
  const reopened = run(['create', '--title', 'Printer jams again', '--requester', 'Li', '--channel', 'onsite', '--team', 'desktop'], '05T09:00:00');
  run(['close', reopened, '--solution', 'cleared'], '05T09:30:00');
  run(['reopen', reopened, '--reason', 'jams again'], '06T09:00:00');
  run(['create', '--title', 'Bare ticket', '--requester', 'Z', '--channel', 'web'], '07T09:00:00');
  return box;
}

function listAll(box: Sandbox) {
  const result = box.desk(['list', '--limit', '1000', '--reveal', '--sort', 'number', '--json'], AT('25T12:00:00'));
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('desk export', () => {
  it.each(['csv', 'ndjson', 'json'])('round-trips through %s into an empty database, every field as it was', (format) => {
    const box = busyDesk();
    const file = join(box.dir, `export.${format}`);
    const exported = box.desk(['export', '--reveal', '--out', file], AT('25T12:00:00'));
    expect([exported.code, exported.stdout]).toEqual([0, `4 ticket(s) → ${file}\n`]);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const copy = sandbox();
    const imported = copy.desk(['import', file, '--json'], AT('25T12:00:00'));
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ format, read: 4, inserted: 4, rejected: 0 });
    expect(listAll(copy)).toEqual(listAll(box));
    // Read back again, it adds nothing.
    expect(JSON.parse(copy.desk(['import', file, '--json'], AT('25T12:00:00')).stdout)).toMatchObject({ inserted: 0, skipped: 4 });
  });

  it.each(['csv', 'ndjson'])('keeps the pause of a pending ticket through %s: resuming the copy moves its deadlines alike', (format) => {
    const box = busyDesk();
    const file = join(box.dir, `export.${format}`);
    expect(box.desk(['export', '--reveal', '--out', file], AT('25T12:00:00')).code).toBe(0);
    const copy = sandbox();
    expect(copy.desk(['import', file], AT('25T12:00:00')).code).toBe(0);
    const pending = (desk: Sandbox) => JSON.parse(desk.desk(['list', '--status', 'pending', '--json'], AT('25T12:00:00')).stdout)[0];
    expect(pending(copy).paused_at).toBe('2026-11-04T10:00:00+08:00');
    const resume = (desk: Sandbox) => {
      const resumed = desk.desk(['resume', pending(desk).number, '--json'], AT('26T10:00:00'));
      expect(resumed.code, resumed.stderr).toBe(0);
      const t = JSON.parse(resumed.stdout);
      return [t.response_due_at, t.dispatch_due_at, t.resolve_due_at, t.update_due_at, t.paused_at];
    };
    const original = resume(box);
    // Created Wed 4 Nov 09:00 with 24 working hours to resolve, pending from 10:00: 23 of them
    // were left. Resumed Thu 26 Nov 10:00: 6.5 h that day, 7.5 Friday, 7.5 Monday, 1.5 Tuesday.
    expect(original[2]).toBe('2026-12-01T10:30:00+08:00');
    expect(resume(copy)).toEqual(original);
  });

  it('writes CSV that a spreadsheet cannot run, with contacts masked unless --reveal', () => {
    const box = busyDesk();
    const masked = box.desk(['export'], AT('25T12:00:00'));
    expect(masked.code).toBe(0);
    const rows = Papa.parse<Record<string, string>>(masked.stdout, { header: true, skipEmptyLines: true }).data;
    expect(Object.keys(rows[0]!)).toEqual(Object.keys(listAll(box)[0]));
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
    const revealed = Papa.parse<Record<string, string>>(box.desk(['export', '--reveal'], AT('25T12:00:00')).stdout, { header: true, skipEmptyLines: true }).data;
    expect(revealed.find((r) => r.external_id === 'EXT-1')!.contact).toBe("'+86 138 1234 5678");
  });

  it('takes the filters of list and writes NDJSON and JSON objects shaped like --json', () => {
    const box = busyDesk();
    const ndjson = box.desk(['export', '--format', 'ndjson', '--status', 'open'], AT('25T12:00:00'));
    const lines = ndjson.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((t) => t.title).sort()).toEqual(['Bare ticket', 'Printer jams again', 'VPN 无法连接']);
    const listed = box.json(['list', '--status', 'open', '--limit', '100']);
    expect(lines.sort((a, b) => a.id - b.id)).toEqual(listed.sort((a: any, b: any) => a.id - b.id));
    const json = JSON.parse(box.desk(['export', '--format', 'json', '--search', 'VPN'], AT('25T12:00:00')).stdout);
    expect(json.map((t: any) => t.title)).toEqual(['VPN 无法连接']);
    expect(box.desk(['export', '--format', 'json', '--team', 'nobody'], AT('25T12:00:00')).stdout).toBe('[]\n');
  });

  it('writes GB18030 with a BOM-less encoding for Chinese Excel, or UTF-8 with --bom', () => {
    const box = busyDesk();
    const gb = join(box.dir, 'gb.csv');
    expect(box.desk(['export', '--encoding', 'gb18030', '--out', gb]).code).toBe(0);
    const back = sandbox();
    const imported = back.desk(['import', gb, '--encoding', 'gb18030', '--json'], AT('25T12:00:00'));
    expect(JSON.parse(imported.stdout)).toMatchObject({ inserted: 4 });
    expect(back.json(['list', '--search', '无法连接']).map((t: any) => t.title)).toEqual(['VPN 无法连接']);
    const bom = join(box.dir, 'bom.csv');
    box.desk(['export', '--bom', '--out', bom]);
    expect([...readFileSync(bom).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('refuses what it cannot do with exit 2, and a missing database with 3', () => {
    const box = busyDesk();
    expect(box.desk(['export', '--format', 'xlsx']).stderr).toMatch(/^desk: --format: unknown value "xlsx"/);
    expect(box.desk(['export', '--out', join(box.dir, 'no', 'such', 'dir', 'x.csv')]).code).toBe(2);
    expect(box.desk(['export', '--db', join(box.dir, 'missing.db')]).code).toBe(3);
  });
});
