// Routing by the example rules: classification and dispatch at creation and in batches, assignment,
// `desk rules test` and what broken rule files do.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG } from '../e2e/helpers.js';
import { commandSandbox, type CommandSandbox } from './harness.js';

const fixtures: any[] = JSON.parse(readFileSync(join(EXAMPLE_CONFIG, '..', 'fixtures', 'tickets.json'), 'utf8'));
const fixture = (title: string) => fixtures.find((f) => f.title === title)!;

async function createFrom(box: CommandSandbox, sample: any, ...flags: string[]) {
  return box.json(['create', '--title', sample.title, '--description', sample.description, '--requester', sample.requester, '--channel', sample.channel, '--department', sample.department, ...flags]);
}

/** A config directory of the sandbox's own, a copy of the examples that a test may break. */
function ownConfig(box: CommandSandbox): string {
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
  ])('routes the sample ticket "%s" at creation with --auto', async (title, expected, classifiedBy, dispatchedBy) => {
    const box = commandSandbox();
    const ticket = await createFrom(box, fixture(title), '--auto');
    expect(ticket).toMatchObject({ ...expected, status: 'dispatched', classified_by: classifiedBy });
    expect(ticket.dispatched_by.split(',')[0]).toBe(dispatchedBy);
    expect(ticket.assignee).not.toBeNull();
    const kinds = (await box.json(['history', '1'])).map((e: any) => e.kind);
    expect(kinds.slice(0, 3)).toEqual(['create', 'classify', 'dispatch']);
  });

  it('notifies the supervisor of critical and complaint tickets, and says so', async () => {
    const box = commandSandbox();
    const created = await box.desk(['create', '--title', '投诉：客服态度差', '--requester', '张三', '--channel', 'phone', '--auto']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^SD-\d{6}-00001\n$/);
    expect(created.stderr).toContain('notify chen, supervisor of complaints (complaints)');
    const notify = (await box.json(['history', '1'])).find((e: any) => e.kind === 'notify');
    expect([notify.to, notify.rules.notify]).toEqual(['chen', 'complaints']);
  });

  it('classifies and dispatches every waiting ticket in batches, reporting each rule', async () => {
    const box = commandSandbox();
    for (const title of ['财务部打印机卡纸，无法打印', 'ERP凭证导出Excel时报错', '3楼大会议室空调不制冷']) await createFrom(box, fixture(title));
    const classified = await box.desk(['classify', '--all-new']);
    expect(classified.code).toBe(0);
    expect(classified.stdout).toMatch(/SD-\d{6}-00001 {2}type fault, category hardware\/printer \(printer\)/);
    expect(classified.stdout).toMatch(/3 ticket\(s\), 3 changed; rules: printer 1, erp 1, facilities 1\n$/);
    const dispatched = await box.json(['dispatch', '--all-pending']);
    expect(Object.keys(dispatched[0])).toEqual(['ticket', 'changed', 'decided', 'notify']);
    expect(dispatched.map((r: any) => [r.ticket.team, r.decided.team.rule, r.changed])).toEqual([
      ['desktop', 'hardware', true],
      ['applications', 'software', true],
      ['facilities', 'facilities', true],
    ]);
    expect(await box.json(['list', '--status', 'new'])).toEqual([]);
    const again = await box.desk(['classify', '--all-new']);
    expect(again.stdout).toBe('0 ticket(s), 0 changed\n');
  });

  it('routes at creation when desk.yaml says auto, unless --no-auto', async () => {
    const box = commandSandbox();
    const dir = ownConfig(box);
    writeFileSync(join(dir, 'desk.yaml'), `${readFileSync(join(dir, 'desk.yaml'), 'utf8').replace('auto: false', 'auto: true')}`);
    const routed = await box.json(['create', '--title', '打印机卡纸', '--requester', 'a', '--channel', 'web']);
    expect([routed.category, routed.team, routed.status]).toEqual(['hardware/printer', 'desktop', 'dispatched']);
    const plain = await box.json(['create', '--title', '打印机卡纸', '--requester', 'a', '--channel', 'web', '--no-auto']);
    expect([plain.category, plain.team, plain.status]).toEqual([null, null, 'new']);
  });

  it('keeps a classification set by hand unless --force', async () => {
    const box = commandSandbox();
    await box.desk(['create', '--title', '打印机卡纸', '--requester', 'a', '--channel', 'web', '--type', 'request']);
    expect((await box.json(['classify', '1']))[0].ticket).toMatchObject({ type: 'request', category: 'hardware/printer', classified_by: 'manual,printer' });
    expect((await box.json(['classify', '1', '--force']))[0].ticket).toMatchObject({ type: 'fault', category: 'hardware/printer', classified_by: 'printer' });
  });
});

describe('assignment strategies', () => {
  it('least-loaded picks the member with the fewest open tickets, the first listed on a tie', async () => {
    const box = commandSandbox();
    const network = async () => (await box.desk(['create', '--title', '网络断开', '--requester', 'r', '--channel', 'phone', '--category', 'network/access'])).stdout.trim();
    for (let i = 0; i < 2; i++) await box.desk(['dispatch', await network(), '--team', 'network', '--to', 'wu']);
    const picks: string[] = [];
    for (let i = 0; i < 3; i++) picks.push((await box.json(['dispatch', await network()]))[0].ticket.assignee);
    // wu has 2 open: zheng gets the next two; at 2–2 the tie goes to wu, listed first.
    expect(picks).toEqual(['zheng', 'zheng', 'wu']);
    await box.desk(['close', '1', '--solution', 'cable replaced']);
    await box.desk(['close', '2', '--solution', 'cable replaced']);
    expect((await box.json(['dispatch', await network()]))[0].ticket.assignee).toBe('wu');
  });
});

describe('rules test', () => {
  it('shows the decision for each field and, with --explain, why each rule matched or not', async () => {
    const box = commandSandbox();
    const result = await box.desk(['rules', 'test', '--title', '仓库WiFi信号弱', '--explain']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^type {10}fault {2}← network$/m);
    expect(result.stdout).toMatch(/^team {10}network {2}← network$/m);
    expect(result.stdout).toMatch(/✗ printer: keywords any \[打印机, 卡纸, 硒鼓, 墨盒, printer, toner, paper jam\] did not match/);
    expect(result.stdout).toMatch(/✓ fallback: matched, but every field it sets was already decided/);
    const json = await box.json(['rules', 'test', '--title', 'Printer jams', '--channel', 'phone']);
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

  it.each(breakages)('%s is reported at file:line:column with exit 2, and nothing changes', async (_, breakIt, message) => {
    const box = commandSandbox();
    const dir = ownConfig(box);
    await box.desk(['create', '--title', '打印机卡纸', '--requester', 'a', '--channel', 'web']);
    const path = join(dir, 'routing.yaml');
    writeFileSync(path, breakIt(readFileSync(path, 'utf8')));
    const check = await box.desk(['rules', 'check']);
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(message);
    for (const command of [['classify', '--all-new'], ['dispatch', '1'], ['create', '--title', 'x', '--requester', 'y', '--channel', 'web', '--auto']]) {
      const refused = await box.desk(command);
      expect(refused.code, command.join(' ')).toBe(2);
      expect(refused.stderr).toMatch(message);
    }
    expect(await box.json(['history', '1'])).toHaveLength(1);
    expect(await box.json(['list'])).toHaveLength(1);
  });

  it('passes the example files', async () => {
    const box = commandSandbox();
    const check = await box.desk(['rules', 'check']);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/ok {2}.*routing\.yaml: \d+ classify rules, \d+ dispatch rules/);
  });
});
