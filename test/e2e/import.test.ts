import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ROOT, sandbox, type Sandbox } from './helpers.js';
import { rowCounts } from '../store-under-test.js';
import { inTerminal } from './terminal.js';

const FIXTURES = join(ROOT, 'fixtures', 'import');
const NOW = { DESK_NOW: '2026-11-25T12:00:00+08:00' };

/** Copies a fixture into the sandbox (the working directory of its runs) and names it as a user would. */
function fixture(box: Sandbox, name: string): string {
  copyFileSync(join(FIXTURES, name), join(box.dir, name));
  return name;
}

function importFile(box: Sandbox, args: string[], input?: string | Buffer) {
  return box.desk(['import', ...args], { env: NOW, ...(input === undefined ? {} : { input }) });
}

function summary(box: Sandbox, args: string[]) {
  const result = importFile(box, [...args, '--json']);
  return { ...result, summary: JSON.parse(result.stdout) };
}

function counts(box: Sandbox): { tickets: number; events: number } {
  return rowCounts(box.db, ['tickets', 'events']);
}

const byExternalId = (box: Sandbox) => new Map<string, any>(box.json(['list', '--limit', '1000', '--reveal']).map((t: any) => [t.external_id, t]));

describe('desk import: reading files', () => {
  it('reads quoted fields with commas, quotes and line breaks, and records the line each ticket came from', () => {
    const box = sandbox();
    const file = fixture(box, 'quoted.csv');
    const result = importFile(box, [file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^quoted\.csv: read 3, inserted 3, updated 0, skipped 0, rejected 0 in [\d.]+ s \(\d+ rows\/s\)\n$/);
    expect(result.stderr).toBe('');
    const tickets = byExternalId(box);
    expect(tickets.get('Q-1')).toMatchObject({ title: 'Printer says "PC LOAD LETTER"', description: 'Line one, with a comma\nLine two "quoted"\nLine three', channel: 'phone' });
    expect(tickets.get('Q-3')).toMatchObject({ title: 'Title with, comma', description: null, created_at: '2026-10-12T11:00:00+08:00' });
    // Q-2 starts on line 5: the quoted line breaks of Q-1 count.
    const history = box.json(['history', tickets.get('Q-2').number]);
    expect(history).toEqual([expect.objectContaining({ kind: 'import', actor: 'tester', text: 'imported from quoted.csv, line 5' })]);
  });

  it('reads UTF-8 with a BOM and CRLF line endings, keeping a CRLF inside a field', () => {
    const box = sandbox();
    expect(importFile(box, [fixture(box, 'bom-crlf.csv')]).code).toBe(0);
    const tickets = byExternalId(box);
    expect([...tickets.keys()].sort()).toEqual(['C-1', 'C-2']);
    expect(tickets.get('C-1').description).toBe('multi\r\nline');
    expect(box.json(['history', tickets.get('C-2').number])[0].text).toBe('imported from bom-crlf.csv, line 4');
  });

  it('reads Chinese headers and values, and names the columns it leaves out', () => {
    const box = sandbox();
    const result = importFile(box, [fixture(box, 'chinese-headers.csv')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('warning: chinese-headers.csv: columns not imported: 备注');
    expect(result.stderr).toContain('warning: agents not in teams.yaml, imported as written: "老王" (1 row)');
    expect(result.stderr.match(/备注/g)).toHaveLength(1);
    const tickets = byExternalId(box);
    expect(tickets.get('ZH-0001')).toMatchObject({ channel: 'phone', requester: '王芳', department: '财务部', contact: '13812345678', type: 'fault', urgency: 'urgent', status: 'closed', team: 'desktop', assignee: 'sun', satisfaction: 5, created_at: '2026-10-09T10:15:00+08:00' });
    expect(tickets.get('ZH-0002')).toMatchObject({ channel: 'email', type: 'consultation', urgency: 'normal', status: 'in_progress', description: '新员工需要远程访问，\n请回电' });
    expect(tickets.get('ZH-0003')).toMatchObject({ channel: 'onsite', urgency: 'critical', status: 'resolved', assignee: '老王' });
  });

  it("reads a rating written as the requester's word", () => {
    const box = sandbox();
    const csv = ['外部编号,标题,报告人,渠道,状态,受理时间,关闭时间,满意度', 'R-1,打印机,王芳,电话,已关闭,2026-10-09 10:15,2026-10-10 09:00,满意', 'R-2,网络,李雷,电话,已关闭,2026-10-09 11:00,2026-10-10 09:00,基本满意', ''].join('\n');
    writeFileSync(join(box.dir, 'ratings.csv'), csv);
    expect(importFile(box, ['ratings.csv']).code).toBe(0);
    expect([...byExternalId(box).values()].map((t) => [t.external_id, t.satisfaction]).sort()).toEqual([['R-1', 5], ['R-2', 4]]);
  });

  it('reads GB18030 with --encoding, and says what to do without it', () => {
    const box = sandbox();
    const file = fixture(box, 'gb18030.csv');
    const wrong = importFile(box, [file]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('desk: gb18030.csv:1: not valid UTF-8 (byte 0xB9)\nhint: a file saved by Chinese Excel is usually GB18030: add --encoding gb18030\n');
    const right = importFile(box, [file, '--encoding', 'gb18030']);
    expect(right.code, right.stderr).toBe(0);
    const utf8 = sandbox();
    importFile(utf8, [fixture(utf8, 'chinese-headers.csv')]);
    // The same tickets; the GB18030 file has CRLF line endings, also inside its quoted field.
    const strip = (t: any) => ({ ...t, updated_at: null, description: t.description?.replace(/\r\n/g, '\n') });
    expect(byExternalId(box).get('ZH-0002').description).toBe('新员工需要远程访问，\r\n请回电');
    expect([...byExternalId(box).values()].map(strip)).toEqual([...byExternalId(utf8).values()].map(strip));
  });

  it('reads a JSON array and NDJSON, and stdin with --format', () => {
    const box = sandbox();
    const json = summary(box, [fixture(box, 'tickets.json'), '--on-error', 'skip']);
    expect(json.summary).toMatchObject({ format: 'json', read: 4, inserted: 3, rejected: 1 });
    expect(json.stderr).toContain("tickets.json:21: expected an object with the ticket's fields, found number 42");
    expect(byExternalId(box).get('J-2')).toMatchObject({ title: '打印机卡纸 [3F]', collaborators: ['network', 'facilities'] });
    const ndjson = summary(box, [fixture(box, 'mixed.ndjson'), '--on-error', 'skip']);
    expect(ndjson.summary).toMatchObject({ format: 'ndjson', read: 4, inserted: 2, rejected: 2 });
    expect(ndjson.stderr).toMatch(/mixed\.ndjson:3: not valid JSON/);
    expect(ndjson.stderr).toContain('mixed.ndjson:5: expected an object with the ticket\'s fields, found a list');
    const piped = box.desk(['import', '-', '--format', 'csv', '--json'], { env: NOW, input: 'title,external_id\nFrom a pipe,P-1\n' });
    expect(JSON.parse(piped.stdout)).toMatchObject({ source: 'stdin', inserted: 1 });
    expect(box.json(['history', byExternalId(box).get('P-1').number])[0].text).toBe('imported from stdin, line 2');
  });

  it('stops at a quote that never closes, naming the line, and writes nothing', () => {
    const box = sandbox();
    const result = importFile(box, [fixture(box, 'unclosed-quote.csv')]);
    expect([result.code, result.stderr]).toEqual([2, 'desk: unclosed-quote.csv:2: a quoted field opened on this line is never closed\nhint: close the quote ("), and double any quote inside the field ("")\n']);
    expect(counts(box)).toEqual({ tickets: 0, events: 0 });
  });

  it('with --on-error skip keeps the good rows before a quote that never closes, and says so', () => {
    const box = sandbox();
    const result = importFile(box, [fixture(box, 'unclosed-quote.csv'), '--on-error', 'skip']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('desk: unclosed-quote.csv:2: a quoted field opened on this line is never closed\nhint: close the quote ("), and double any quote inside the field ("")\n');
    const file = 'broken.csv';
    writeFileSync(join(box.dir, file), 'external_id,title\nK-1,first\nK-2,second\nK-3,"never closed\nK-4,fourth\n');
    const broken = importFile(box, [file, '--on-error', 'skip']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('desk: broken.csv:4: a quoted field opened on this line is never closed');
    expect(broken.stderr).toContain('the 2 good row(s) before it were written, and importing the fixed file again skips them');
    expect([...byExternalId(box).keys()].sort()).toEqual(['K-1', 'K-2']);
  });

  it.each([
    [['--format', 'xml'], 'desk: --format: unknown value "xml"'],
    [['--encoding', 'klingon'], 'desk: --encoding: unknown encoding "klingon"'],
    [['--map', '标题=subject'], 'desk: --map: unknown field "subject" for column "标题"'],
    [['--on-error', 'ignore'], 'desk: --on-error: unknown value "ignore"'],
    [['--batch-size', '0'], 'desk: --batch-size: "0" is not a number from 1 to 100000'],
  ])('refuses %j with exit 2 and one line', (flags, message) => {
    const box = sandbox();
    const result = importFile(box, [fixture(box, 'quoted.csv'), ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a file without a title column, naming the columns it has', () => {
    const box = sandbox();
    writeFileSync(join(box.dir, 'people.csv'), 'name,phone\nLi,123\n');
    const result = importFile(box, ['people.csv']);
    expect([result.code, result.stderr]).toEqual([2, 'desk: people.csv:1: no title column (columns: name, phone)\nhint: every ticket needs a title; name the column with --map COLUMN=title\n']);
  });
});

describe('desk import: bad rows', () => {
  const BAD = [
    'bad-rows.csv:4: column "title": the title is empty',
    'bad-rows.csv:5: column "type": unknown value "hardware" (accepted: consultation (咨询), fault (故障), request (需求), complaint (投诉), suggestion (建议))',
    'bad-rows.csv:6: column "urgency": unknown value "high" (accepted: normal (一般), urgent (紧急), critical (特急))',
    'bad-rows.csv:7: column "channel": unknown value "fax" (accepted: phone (电话), email (邮件), web (网页), onsite (现场))',
    'bad-rows.csv:8: column "created_at": cannot read "2026-13-01 09:00" as a time (expected ISO 8601 with offset',
    'bad-rows.csv:9: column "satisfaction": "7" is not a whole number from 1 to 5',
    'bad-rows.csv:10: column "external_id": "B-1" already appears on line 2',
    'bad-rows.csv:11: 4 fields where the header has 12',
  ];

  it('by default reports every bad row with its line and reason, and writes nothing', () => {
    const box = sandbox();
    box.desk(['create', '--title', 'already here', '--requester', 'r', '--channel', 'web']);
    const before = counts(box);
    const result = importFile(box, [fixture(box, 'bad-rows.csv')]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(BAD.length + 2);
    BAD.forEach((message, i) => expect(lines[i]).toContain(message));
    expect(lines.slice(-2)).toEqual([
      'desk: 8 bad row(s) in bad-rows.csv: nothing was imported',
      'hint: fix them and import again, or --on-error skip to import the good rows (--rejects FILE keeps the bad ones)',
    ]);
    expect(result.stdout).toMatch(/read 10, inserted 0, updated 0, skipped 0, rejected 8 .*\(nothing written\)/);
    expect(counts(box)).toEqual(before);
  });

  it('with --on-error skip imports the good rows; the rejects, fixed, import the rest', () => {
    const box = sandbox();
    const rejects = 'rejects.csv';
    const first = summary(box, [fixture(box, 'bad-rows.csv'), '--on-error', 'skip', '--rejects', rejects]);
    expect(first.code).toBe(0);
    expect(first.summary).toMatchObject({ read: 10, inserted: 2, rejected: 8, rejects_file: rejects });
    expect([...byExternalId(box).keys()].sort()).toEqual(['B-1', 'B-9']);

    const rows = Papa.parse<string[]>(readFileSync(join(box.dir, rejects), 'utf8'), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([...readFileSync(join(FIXTURES, 'bad-rows.csv'), 'utf8').split('\n')[0]!.split(','), 'reason']);
    expect(rows.slice(1).map((r) => r.at(-1))).toEqual([
      'title: the title is empty',
      'type: unknown value "hardware"',
      'urgency: unknown value "high"',
      'channel: unknown value "fax"',
      'created_at: cannot read "2026-13-01 09:00" as a time',
      'satisfaction: "7" is not a whole number from 1 to 5',
      'external_id: "B-1" already appears on line 2',
      '4 fields where the header has 12',
    ]);
    // Fix every row as an operator would, keep the reason column, and import the file again.
    const fixes: Record<string, (r: string[]) => void> = {
      'B-2': (r) => (r[6] = 'Found the title'),
      'B-3': (r) => (r[8] = 'fault'),
      'B-4': (r) => (r[9] = 'urgent'),
      'B-5': (r) => (r[2] = 'phone'),
      'B-6': (r) => (r[1] = '2026-10-01 09:00'),
      'B-7': (r) => (r[11] = '5'),
      'B-1': (r) => (r[0] = 'B-10'),
    };
    const fixed = rows.map((r, i) => {
      if (i === 0) return r;
      if (r[0] === 'B-8') return ['B-8', '2026-10-12 09:40', 'phone', 'Short', 'IT', '', 'Completed row', '', 'fault', 'normal', 'new', '', r.at(-1)!];
      fixes[r[0]!]!(r);
      return r;
    });
    writeFileSync(join(box.dir, rejects), Papa.unparse(fixed));
    const second = summary(box, [rejects]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.summary).toMatchObject({ read: 8, inserted: 8, rejected: 0 });
    expect(second.stderr).toBe('');
    expect(byExternalId(box).size).toBe(10);
  });

  it('--dry-run checks and counts, and writes nothing, not even a database', () => {
    const box = sandbox();
    const dry = summary(box, [fixture(box, 'quoted.csv'), '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.summary).toMatchObject({ dry_run: true, read: 3, inserted: 3, rejected: 0 });
    expect(importFile(box, [fixture(box, 'quoted.csv'), '--dry-run']).stdout).toMatch(/would insert 3, would update 0, would skip 0.*\(dry run: nothing written\)/);
    expect(box.desk(['list']).code).toBe(3);
    importFile(box, [fixture(box, 'quoted.csv')]);
    const before = counts(box);
    expect(summary(box, [fixture(box, 'quoted.csv'), '--dry-run']).summary).toMatchObject({ inserted: 0, skipped: 3 });
    const bad = importFile(box, [fixture(box, 'bad-rows.csv'), '--dry-run']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('bad-rows.csv:4: column "title": the title is empty')]);
    expect(counts(box)).toEqual(before);
  });
});

describe('desk import in a terminal', () => {
  it('prints the problems above the progress bar, never on its line', async () => {
    const box = sandbox();
    // Large enough to be read in several chunks, so that the bar is drawn before the problems come.
    const rows = Array.from({ length: 60_000 }, (_, i) => `R-${i},${i % 10_000 === 7777 ? '' : `ticket ${i}`},2026-11-20 09:00`);
    writeFileSync(join(box.dir, 'many.csv'), `external_id,title,created_at\n${rows.join('\n')}\n`);
    const run = await inTerminal(box, ['import', 'many.csv', '--on-error', 'skip'], { env: NOW });
    expect(run.code, run.output).toBe(0);
    expect(run.raw).toContain('rows/s');
    // What the screen shows of each line: the text after the last return to its first column.
    const screen = run.raw.split(/\r?\n/).map((line) => line.split(/\r|\u001b\[1G|\u001b8/).at(-1)!.replace(/\u001b\[[0-9;?]*[A-Za-z]|\u001b[78]/g, ''));
    const problems = screen.filter((line) => line.includes('the title is empty'));
    expect(problems).toHaveLength(6);
    for (const line of problems) expect(line).toMatch(/^many\.csv:\d+: column "title": the title is empty/);
    expect(screen).toContainEqual(expect.stringMatching(/^many\.csv: read 60000, inserted 59994, updated 0, skipped 0, rejected 6/));
  }, 60_000);
});

describe('desk import: idempotency and updates', () => {
  it('adds nothing the second time, and --update changes what changed, with an audit event', () => {
    const box = sandbox();
    const file = fixture(box, 'chinese-headers.csv');
    const path = join(box.dir, file);
    expect(summary(box, [file]).summary).toMatchObject({ inserted: 3 });
    const before = counts(box);
    expect(summary(box, [file]).summary).toMatchObject({ inserted: 0, skipped: 3 });
    expect(counts(box)).toEqual(before);

    writeFileSync(path, readFileSync(path, 'utf8').replace('ZH-0002,2026-10-09 14:30,邮件', 'ZH-0002,2026-10-09 14:30,电话'));
    // The preview of an update counts it and writes nothing.
    expect(summary(box, [file, '--update', '--dry-run']).summary).toMatchObject({ dry_run: true, inserted: 0, updated: 1, skipped: 2 });
    expect(counts(box)).toEqual(before);
    expect(summary(box, [file, '--update']).summary).toMatchObject({ inserted: 0, updated: 1, skipped: 2 });
    const ticket = byExternalId(box).get('ZH-0002');
    expect([ticket.channel, ticket.version]).toEqual(['phone', 2]);
    const history = box.json(['history', ticket.number]);
    expect(history.at(-1)).toMatchObject({ kind: 'import', changes: { channel: ['email', 'phone'] }, text: 'imported from chinese-headers.csv, line 3' });
    expect(summary(box, [file, '--update']).summary).toMatchObject({ updated: 0, skipped: 3 });
  });

  it('keeps a number that is free, gives a new one when it is taken, and never reuses one later', () => {
    const box = sandbox();
    box.desk(['create', '--title', 'native', '--requester', 'r', '--channel', 'web', '--created-at', '2026-10-05 09:00']);
    const file = 'numbered.csv';
    writeFileSync(join(box.dir, file), 'number,external_id,title,created_at\nSD-202610-00042,N-1,Free number,2026-10-06 09:00\nSD-202610-00001,N-2,Taken number,2026-10-07 09:00\n');
    expect(importFile(box, [file]).code).toBe(0);
    const tickets = byExternalId(box);
    expect(tickets.get('N-1').number).toBe('SD-202610-00042');
    expect(tickets.get('N-2').number).toBe('SD-202610-00043');
    expect(box.json(['create', '--title', 'after', '--requester', 'r', '--channel', 'web', '--created-at', '2026-10-08 09:00']).number).toBe('SD-202610-00044');
  });
});

describe('desk import: history as it was', () => {
  it('keeps timestamps, status and outcome; due times come from the SLA calendars; reports count the months', () => {
    const box = sandbox();
    const result = summary(box, [fixture(box, 'history.ndjson')]);
    expect(result.code, result.stderr).toBe(0);
    const tickets = byExternalId(box);
    const h1 = tickets.get('H-1');
    expect(h1).toMatchObject({
      status: 'closed', created_at: '2026-10-09T17:55:00+08:00', resolved_at: '2026-10-10T15:00:00+08:00', closed_at: '2026-10-12T10:00:00+08:00',
      solution: '重置了账号的单点登录绑定', satisfaction: 4, callback_note: '已恢复', team: 'applications', assignee: 'chu',
      // Friday 17:55 plus 10 business minutes: the office closes at 18:00 and Saturday 10 October is a make-up working day.
      response_due_at: '2026-10-10T09:05:00+08:00', response_met: true,
    });
    // The same deadlines as a ticket logged by hand at the same moment.
    const logged = box.json(['create', '--title', 'same moment', '--requester', 'r', '--channel', 'phone', '--created-at', '2026-10-09T17:55:00+08:00']);
    expect([h1.response_due_at, h1.dispatch_due_at, h1.resolve_due_at]).toEqual([logged.response_due_at, logged.dispatch_due_at, logged.resolve_due_at]);
    expect([h1.dispatch_met, h1.resolve_met]).toEqual([h1.dispatched_at <= h1.dispatch_due_at, h1.resolved_at <= h1.resolve_due_at]);
    expect(tickets.get('H-2')).toMatchObject({ status: 'resolved', urgency: 'urgent', escalated: true, escalation_reason: 'vendor needed', closed_at: null });
    expect(tickets.get('H-3')).toMatchObject({ status: 'pending', created_at: '2026-10-14T10:00:00+08:00' });
    expect(tickets.get('H-4')).toMatchObject({ urgency: 'critical', collaborators: ['network'], reopen_count: 1, response_met: true });

    const report = box.json(['report', 'monthly', '--month', '2026-10']);
    expect(report.totals).toMatchObject({ created: 5, resolved: 3, closed: 2 });
  });

  it('reads the gaps other systems leave as they were meant, breaching nothing by the import itself', () => {
    const box = sandbox();
    writeFileSync(join(box.dir, 'gaps.csv'), [
      'external_id,title,created_at,status,team,assignee,first_response_at,closed_at,satisfaction',
      // Closed without a resolution time: resolved when it closed, and counted as resolved.
      'G-1,Toner,2026-10-12 09:00,closed,desktop,zhou,2026-10-12 09:05,2026-10-12 11:00,5',
      // Worked on, with a team and a first response but no dispatch time: dispatched at the response.
      'G-2,ERP slow,2026-10-19 09:00,in_progress,applications,chu,2026-10-19 09:20,,',
    ].join('\n'));
    const result = summary(box, ['gaps.csv']);
    expect(result.code, result.stderr).toBe(0);
    const tickets = byExternalId(box);
    expect(tickets.get('G-1')).toMatchObject({ resolved_at: '2026-10-12T11:00:00+08:00', dispatched_at: '2026-10-12T09:05:00+08:00', resolve_met: true, dispatch_met: true });
    expect(tickets.get('G-2')).toMatchObject({ dispatched_at: '2026-10-19T09:20:00+08:00', dispatch_met: true });
    // The import moment is 25 November: G-2's resolution is overdue, its dispatch is not.
    const check = JSON.parse(box.desk(['sla', 'check', '--json'], { env: NOW }).stdout);
    expect(check.breached.map((b: any) => b.kind).sort()).toEqual(['resolve', 'update']);
    const report = box.json(['report', 'monthly', '--month', '2026-10']);
    expect(report.totals).toMatchObject({ created: 2, resolved: 1, closed: 1, backlog_end: 1 });
    expect(report.sla.resolution).toEqual({ met: 1, missed: 1, rate: 0.5 });
    expect(report.satisfaction).toMatchObject({ rated: 1, average: 5 });
    expect(report.agents.find((a: any) => a.agent === 'zhou')).toEqual({ agent: 'zhou', handled: 1, resolved: 1, sla_rate: 1, satisfaction: 5 });
  });

  it('--classify and --dispatch apply the rules to rows without a type or a team, as events of their own', () => {
    const box = sandbox();
    const file = 'plain.csv';
    writeFileSync(join(box.dir, file), [
      'external_id,title,created_at,status,team,type',
      'R-1,财务部打印机卡纸,2026-11-20 09:00,,,',
      'R-2,VPN 无法连接,2026-11-20 09:10,closed,,',
      'R-3,Printer jams,2026-11-20 09:20,,applications,request',
    ].join('\n'));
    const result = summary(box, [file, '--classify', '--dispatch']);
    expect(result.code, result.stderr).toBe(0);
    const tickets = byExternalId(box);
    expect(tickets.get('R-1')).toMatchObject({ type: 'fault', category: 'hardware/printer', classified_by: 'printer', team: 'desktop', status: 'dispatched', dispatched_by: 'hardware' });
    expect(box.json(['history', tickets.get('R-1').number]).map((e: any) => e.kind)).toEqual(['import', 'classify', 'dispatch']);
    // A closed row is classified (reports count it by type) but not dispatched.
    expect(tickets.get('R-2')).toMatchObject({ type: 'fault', category: 'network/vpn', status: 'closed', team: null });
    // A row with a type and a team keeps them.
    expect(tickets.get('R-3')).toMatchObject({ type: 'request', team: 'applications', classified_by: null });
  });
});
