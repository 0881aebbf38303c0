import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, sandbox, spawnDesk, type Sandbox } from './helpers.js';

const fixtures: any[] = JSON.parse(readFileSync(join(EXAMPLE_CONFIG, '..', 'fixtures', 'tickets.json'), 'utf8'));
const fixture = (title: string) => fixtures.find((f) => f.title === title)!;

function createFrom(box: Sandbox, sample: any, ...flags: string[]) {
  return box.json(['create', '--title', sample.title, '--description', sample.description, '--requester', sample.requester, '--channel', sample.channel, '--department', sample.department, ...flags]);
}

/** A config directory of the sandbox's own, a copy of the examples that a test may break. */
function ownConfig(box: Sandbox): string {
  const dir = join(box.dir, 'config');
  cpSync(EXAMPLE_CONFIG, dir, { recursive: true });
  box.env.DESK_CONFIG = dir;
  return dir;
}

describe('classification and dispatch by the example rules', () => {
  it.each([
    ['财务部打印机卡纸，无法打印', { type: 'fault', category: 'hardware/printer', urgency: 'normal', team: 'desktop' }, 'printer', 'hardware'],
    ['研发中心5楼全部无法上网', { type: 'fault', category: 'network/access', urgency: 'critical', impact: 'company', team: 'network' }, 'outage,network', 'network'],
    ['投诉：电脑报修两天无人处理，工程师态度差', { type: 'complaint', category: 'service/complaint', urgency: 'urgent', team: 'complaints' }, 'complaint', 'complaints'],
    ['VPN连接提示证书过期', { type: 'fault', category: 'network/vpn', team: 'network', collaborators: ['applications'] }, 'vpn', 'vpn'],
  ])('routes the sample ticket "%s" at creation with --auto', (title, expected, classifiedBy, dispatchedBy) => {
    const box = sandbox();
    const ticket = createFrom(box, fixture(title), '--auto');
    expect(ticket).toMatchObject({ ...expected, status: 'dispatched', classified_by: classifiedBy });
    expect(ticket.dispatched_by.split(',')[0]).toBe(dispatchedBy);
    expect(ticket.assignee).not.toBeNull();
    const kinds = box.json(['history', '1']).map((e: any) => e.kind);
    expect(kinds.slice(0, 3)).toEqual(['create', 'classify', 'dispatch']);
  });

  it('notifies the supervisor of critical and complaint tickets, and says so', () => {
    const box = sandbox();
    const created = box.desk(['create', '--title', '投诉：客服态度差', '--requester', '张三', '--channel', 'phone', '--auto']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^SD-\d{6}-00001\n$/);
    expect(created.stderr).toContain('notify chen, supervisor of complaints (complaints)');
    const notify = box.json(['history', '1']).find((e: any) => e.kind === 'notify');
    expect([notify.to, notify.rules.notify]).toEqual(['chen', 'complaints']);
  });

  it('classifies and dispatches every waiting ticket in batches, reporting each rule', () => {
    const box = sandbox();
    for (const title of ['财务部打印机卡纸，无法打印', 'ERP凭证导出Excel时报错', '3楼大会议室空调不制冷']) createFrom(box, fixture(title));
    const classified = box.desk(['classify', '--all-new']);
    expect(classified.code).toBe(0);
    expect(classified.stdout).toMatch(/SD-\d{6}-00001 {2}type fault, category hardware\/printer \(printer\)/);
    expect(classified.stdout).toMatch(/3 ticket\(s\), 3 changed; rules: printer 1, erp 1, facilities 1\n$/);
    const dispatched = box.json(['dispatch', '--all-pending']);
    expect(Object.keys(dispatched[0])).toEqual(['ticket', 'changed', 'decided', 'notify']);
    expect(dispatched.map((r: any) => [r.ticket.team, r.decided.team.rule, r.changed])).toEqual([
      ['desktop', 'hardware', true],
      ['applications', 'software', true],
      ['facilities', 'facilities', true],
    ]);
    expect(box.json(['list', '--status', 'new'])).toEqual([]);
    const again = box.desk(['classify', '--all-new']);
    expect(again.stdout).toBe('0 ticket(s), 0 changed\n');
  });

  it('routes at creation when desk.yaml says auto, unless --no-auto', () => {
    const box = sandbox();
    const dir = ownConfig(box);
    writeFileSync(join(dir, 'desk.yaml'), `${readFileSync(join(dir, 'desk.yaml'), 'utf8').replace('auto: false', 'auto: true')}`);
    const routed = box.json(['create', '--title', '打印机卡纸', '--requester', 'a', '--channel', 'web']);
    expect([routed.category, routed.team, routed.status]).toEqual(['hardware/printer', 'desktop', 'dispatched']);
    const plain = box.json(['create', '--title', '打印机卡纸', '--requester', 'a', '--channel', 'web', '--no-auto']);
    expect([plain.category, plain.team, plain.status]).toEqual([null, null, 'new']);
  });

  it('keeps a classification set by hand unless --force', () => {
    const box = sandbox();
    box.desk(['create', '--title', '打印机卡纸', '--requester', 'a', '--channel', 'web', '--type', 'request']);
    expect(box.json(['classify', '1'])[0].ticket).toMatchObject({ type: 'request', category: 'hardware/printer', classified_by: 'manual,printer' });
    expect(box.json(['classify', '1', '--force'])[0].ticket).toMatchObject({ type: 'fault', category: 'hardware/printer', classified_by: 'printer' });
  });
});

describe('assignment strategies', () => {
  it('round-robin stays fair when several dispatchers run at once', async () => {
    const box = sandbox();
    const tickets = 12;
    for (let i = 0; i < tickets; i++) box.desk(['create', '--title', `打印机卡纸 ${i}`, '--requester', 'r', '--channel', 'phone', '--category', 'hardware/printer']);
    const groups = [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]].map((ids) => spawnDesk(['dispatch', ...ids.map(String)], box.env, box.dir));
    const results = await Promise.all(groups);
    expect(results.map((r) => r.stderr)).toEqual(['', '', '', '']);
    const assignees = box.json(['list', '--limit', '100']).map((t: any) => t.assignee);
    expect(assignees.filter((a: string) => a === 'sun')).toHaveLength(tickets / 2);
    expect(assignees.filter((a: string) => a === 'zhou')).toHaveLength(tickets / 2);
  });

  it('least-loaded picks the member with the fewest open tickets, the first listed on a tie', () => {
    const box = sandbox();
    const network = () => box.desk(['create', '--title', '网络断开', '--requester', 'r', '--channel', 'phone', '--category', 'network/access']).stdout.trim();
    for (let i = 0; i < 2; i++) box.desk(['dispatch', network(), '--team', 'network', '--to', 'wu']);
    const picks = [1, 2, 3].map(() => box.json(['dispatch', network()])[0].ticket.assignee);
    // wu has 2 open: zheng gets the next two; at 2–2 the tie goes to wu, listed first.
    expect(picks).toEqual(['zheng', 'zheng', 'wu']);
    box.desk(['close', '1', '--solution', 'cable replaced']);
    box.desk(['close', '2', '--solution', 'cable replaced']);
    expect(box.json(['dispatch', network()])[0].ticket.assignee).toBe('wu');
  });
});

describe('rules test', () => {
  it('shows the decision for each field and, with --explain, why each rule matched or not', () => {
    const box = sandbox();
    const result = box.desk(['rules', 'test', '--title', '仓库WiFi信号弱', '--explain']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^type {10}fault {2}← network$/m);
    expect(result.stdout).toMatch(/^team {10}network {2}← network$/m);
    expect(result.stdout).toMatch(/✗ printer: keywords any \[打印机, 卡纸, 硒鼓, 墨盒, printer, toner, paper jam\] did not match/);
    expect(result.stdout).toMatch(/✓ fallback: matched, but every field it sets was already decided/);
    const json = box.json(['rules', 'test', '--title', 'Printer jams', '--channel', 'phone']);
    expect(json.classification.category).toEqual({ value: 'hardware/printer', rule: 'printer' });
    expect(json.dispatch.team).toEqual({ value: 'desktop', rule: 'hardware' });
  });
});

describe('broken rule files', () => {
  const breakages: [string, (text: string) => string, RegExp][] = [
    ['a YAML syntax error', (t) => t.replace('classify:\n', 'classify:\n  - name: [unclosed\n'), /^(desk: )?config\/routing\.yaml:5:\d+: /m],
    ['an unknown key', (t) => t.replace('    set: { type: fault, category: hardware/printer }', '    sett: { type: fault, category: hardware/printer }'), /^(desk: )?config\/routing\.yaml:\d+:5: classify\.\d+\.sett: unknown key "sett" \(did you mean "set"\?\)$/m],
    ['a wrong type', (t) => t.replace('    stop: true\n', '    stop: sometimes\n'), /^(desk: )?config\/routing\.yaml:\d+:11: dispatch\.0\.stop: Invalid input: expected boolean, received string$/m],
    ['a bad regex', (t) => t.replace('regex: "(全部', 'regex: "((全部'), /^(desk: )?config\/routing\.yaml:8:20: classify\.1\.when\.regex: bad regular expression: Invalid regular expression: .*Unterminated group$/m],
    ['an unknown team', (t) => t.replace('    team: desktop\n', '    team: desktp\n'), /^(desk: )?config\/routing\.yaml:\d+:11: dispatch\.2\.team: unknown team "desktp" \(did you mean "desktop"\?\); accepted: service-desk, desktop/m],
  ];

  it.each(breakages)('%s is reported at file:line:column with exit 2, and nothing changes', (_, breakIt, message) => {
    const box = sandbox();
    const dir = ownConfig(box);
    box.desk(['create', '--title', '打印机卡纸', '--requester', 'a', '--channel', 'web']);
    const path = join(dir, 'routing.yaml');
    writeFileSync(path, breakIt(readFileSync(path, 'utf8')));
    const check = box.desk(['rules', 'check']);
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(message);
    for (const command of [['classify', '--all-new'], ['dispatch', '1'], ['create', '--title', 'x', '--requester', 'y', '--channel', 'web', '--auto']]) {
      const refused = box.desk(command);
      expect(refused.code, command.join(' ')).toBe(2);
      expect(refused.stderr).toMatch(message);
    }
    expect(box.json(['history', '1'])).toHaveLength(1);
    expect(box.json(['list'])).toHaveLength(1);
  });

  it('passes the example files', () => {
    const box = sandbox();
    const check = box.desk(['rules', 'check']);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/ok {2}.*routing\.yaml: \d+ classify rules, \d+ dispatch rules/);
  });
});
