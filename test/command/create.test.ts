import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESK, EXAMPLE_CONFIG,  } from '../e2e/helpers.js';
import { commandSandbox, type CommandSandbox } from './harness.js';

const REQUIRED = ['--title', 'VPN drops', '--requester', '王芳', '--channel', 'email'];

describe('desk create', () => {
  it('stores every field given as a flag and prints the number', async () => {
    const box = commandSandbox();
    const plain = await box.desk(['create', ...REQUIRED]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^SD-\d{6}-00001\n$/);
    const t = await box.json([
      'create', '--title', '财务部打印机卡纸', '--requester', '李雷', '--channel', 'phone', '--department', '财务部',
      '--contact', 'li.lei@example.com', '--description', 'Line one\n  line two', '--occurred-at', '2026-11-02 08:30',
      '--created-at', '2026-11-02T09:00:00+08:00', '--impact', 'department', '--type', 'fault', '--category', 'hardware/printer',
      '--urgency', 'urgent', '--team', 'desktop', '--assignee', 'sun', '--collaborators', 'network', '--external-id', 'HL-77',
      '--tz', 'Asia/Shanghai',
    ]);
    expect(t).toMatchObject({
      number: 'SD-202611-00002',
      requester: '李雷',
      department: '财务部',
      contact: 'l***@example.com',
      description: 'Line one\n  line two',
      occurred_at: '2026-11-02T08:30:00+08:00',
      created_at: '2026-11-02T09:00:00+08:00',
      impact: 'department',
      type: 'fault',
      category: 'hardware/printer',
      urgency: 'urgent',
      status: 'dispatched',
      team: 'desktop',
      assignee: 'sun',
      collaborators: ['network'],
      external_id: 'HL-77',
      classified_by: 'manual',
      dispatched_by: 'manual',
    });
    expect((await box.json(['show', 'sd-202611-00002', '--reveal'])).contact).toBe('li.lei@example.com');
  });

  it('reads dates as people and Chinese Excel write them, in flags and import cells', async () => {
    const box = commandSandbox();
    const created = await box.json(['create', ...REQUIRED, '--created-at', '2026年11月3日 9:05', '--occurred-at', '2026/11/3 8:30']);
    expect([created.created_at, created.occurred_at]).toEqual(['2026-11-03T09:05:00+08:00', '2026-11-03T08:30:00+08:00']);
    writeFileSync(join(box.dir, 'hotline.csv'), '工单编号,创建时间,标题,渠道\nHL-1,2026/11/3 9:05,路灯不亮,电话\nHL-2,2026.11.04,噪音扰民,电话\n');
    const imported = await box.desk(['import', 'hotline.csv']);
    expect(imported.code, imported.stderr).toBe(0);
    const rows = (await box.json(['list', '--sort', 'created_at'])).filter((t: any) => t.external_id);
    expect(rows.map((t: any) => [t.external_id, t.created_at, t.channel])).toEqual([['HL-1', '2026-11-03T09:05:00+08:00', 'phone'], ['HL-2', '2026-11-04T00:00:00+08:00', 'phone']]);
    const bad = await box.desk(['create', ...REQUIRED, '--created-at', '3/11/2026']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('2026年11月25日 14:30')]);
  });

  it('numbers by the month the request came in, with the configured prefix', async () => {
    const config = commandSandbox({ config: null });
    writeFileSync(join(config.dir, 'desk.yaml'), 'timezone: Asia/Shanghai\nnumbering: { prefix: HD, digits: 4 }\n');
    const box = commandSandbox({ config: config.dir });
    // 2026-10-31 20:00 UTC is already November in Shanghai.
    expect((await box.json(['create', ...REQUIRED, '--created-at', '2026-10-31T20:00:00Z'])).number).toBe('HD-202611-0001');
    expect((await box.json(['create', ...REQUIRED, '--created-at', '2026-10-31T10:00:00Z'])).number).toBe('HD-202610-0001');
    expect((await box.json(['create', ...REQUIRED, '--created-at', '2026-11-01 09:00'])).number).toBe('HD-202611-0002');
  });

  it('without a terminal, a missing required field is exit 2 at once, never a prompt', async () => {
    const box = commandSandbox();
    // stdin stays open and silent: a prompt would wait for ever; the kill only ends a hang.
    const child = spawn(process.execPath, [DESK, 'create', '--title', 'x'], { cwd: box.dir, env: box.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const [code, signal] = await new Promise<[number | null, string | null]>((r) => child.on('close', (c, s) => r([c, s])));
    clearTimeout(killer);
    expect(signal).toBeNull();
    expect(code).toBe(2);
    expect(stderr).toContain('missing --requester, --channel');
  });

  it.each([
    [['--channel', 'fax'], /--channel: unknown value "fax"/, /accepted: phone \(电话\), email \(邮件\), web \(网页\), onsite \(现场\)/],
    [['--urgency', 'asap'], /--urgency: unknown value "asap"/, /accepted: normal \(一般\), urgent \(紧急\), critical \(特急\)/],
    [['--type', 'bug'], /--type: unknown value "bug"/, /accepted: consultation \(咨询\), fault \(故障\)/],
    [['--created-at', '2026-13-45'], /--created-at: cannot read "2026-13-45" as a time/, /ISO 8601/],
    [['--created-at', '1850-01-01 10:00'], /--created-at: .* is outside 1970–2099/, /check the year/],
    [['--occurred-at', '2099-01-01'], /--occurred-at: 2099-01-01 is in the future/, /hint/],
    [['--title', '   '], /missing --title/, /create needs/],
    [['--title', 'x'.repeat(501)], /--title: 501 characters is too long/, /the description/],
    [['--team', 'nowhere'], /--team: unknown team "nowhere"/, /teams: service-desk, desktop/],
    [['--assignee', 'nobody'], /--assignee: unknown agent "nobody"/, /agents:/],
    [['--tz', 'Mars/Olympus'], /--tz: unknown time zone "Mars\/Olympus"/, /IANA/],
  ])('refuses bad input %j with exit 2, a clear line and no change', async (flags, message, hint) => {
    const box = commandSandbox();
    await box.desk(['create', ...REQUIRED]);
    const result = await box.desk(['create', ...REQUIRED, ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(hint);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await box.json(['list'])).toHaveLength(1);
  });

  it('refuses a duplicate external id', async () => {
    const box = commandSandbox();
    await box.desk(['create', ...REQUIRED, '--external-id', 'MAIL-1']);
    const again = await box.desk(['create', ...REQUIRED, '--external-id', 'MAIL-1']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/external id MAIL-1 is already ticket SD-\d{6}-00001/);
  });

  it('stores SQL-looking and hostile strings verbatim', async () => {
    const box = commandSandbox();
    const hostile = ["Robert'); DROP TABLE tickets;--", '%_\\', '"; DELETE FROM events; --', '=HYPERLINK("x")', 'emoji 🎫 and 中文'];
    for (const text of hostile) {
      const t = await box.json(['create', '--title', text, '--requester', text, '--channel', 'web', '--description', text, '--department', text]);
      expect([t.title, t.requester, t.description, t.department]).toEqual([text, text, text, text]);
    }
    expect(await box.json(['list', '--search', '%_\\'])).toHaveLength(1);
    expect(await box.json(['list', '--limit', '100'])).toHaveLength(hostile.length);
    expect(await box.json(['history', '1'])).toHaveLength(1);
  });

  it('takes a 1 MB description from stdin where desk.yaml allows it, and refuses bytes that are not UTF-8', async () => {
    const big = '工单描述 long text. '.repeat(60_000);
    // By default a description is at most 65,536 characters.
    const strict = commandSandbox();
    const refused = await strict.desk(['create', ...REQUIRED, '--description-file', '-'], { input: big });
    expect([refused.code, refused.stderr]).toEqual([2, `desk: --description: ${big.length} characters is too long (at most 65536)\nhint: shorten it, or raise limits.text in desk.yaml\n`]);
    expect((await strict.desk(['list'])).code).toBe(3);

    const config = commandSandbox({ config: null });
    cpSync(EXAMPLE_CONFIG, config.dir, { recursive: true });
    writeFileSync(join(config.dir, 'desk.yaml'), `${readFileSync(join(EXAMPLE_CONFIG, 'desk.yaml'), 'utf8')}limits: { text: 2000000 }\n`);
    const box = commandSandbox({ config: config.dir });
    const created = await box.desk(['create', ...REQUIRED, '--description-file', '-', '--json'], { input: big });
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout).description).toBe(big);
    expect((await box.json(['show', '1'])).description.length).toBe(big.length);

    const bad = await box.desk(['create', ...REQUIRED, '--description-file', '-'], { input: Buffer.from([0x41, 0xb9, 0xa4, 0xb5, 0xa5, 0xff]) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not valid UTF-8');
    expect(await box.json(['list'])).toHaveLength(1);
  });
});
