import { describe, expect, it } from 'vitest';
import { RuleEngine, type ClassifyField, type ClassifyOutcome, type RuleInput } from '../../src/rules/engine.js';
import type { ClassifyRule, DispatchRule, When } from '../../src/rules/schema.js';

/** A ticket as the rules see it; nothing classified unless overridden. */
function input(overrides: Partial<RuleInput> = {}): RuleInput {
  return {
    title: '', description: null, department: null, channel: null, requester: null,
    type: null, category: null, urgency: null, impact: null, ...overrides,
  };
}

/** What classification decided, as `field: "value (rule)"`. */
function summary(outcome: ClassifyOutcome): Record<string, string> {
  return Object.fromEntries(Object.entries(outcome.decided).map(([field, d]) => [field, `${d.value} (${d.rule})`]));
}

function classify(rules: ClassifyRule[], ticket: Partial<RuleInput>, keep: ClassifyField[] = [], explain = false): ClassifyOutcome {
  return new RuleEngine({ classify: rules, dispatch: [] }).classify(input(ticket), new Set(keep), explain);
}

describe('classify: ordered rules, first decision per field', () => {
  const printer: ClassifyRule = { name: 'printer', when: { keywords: ['打印机', 'printer'] }, set: { type: 'fault', category: 'hardware/printer' } };
  const jam: ClassifyRule = { name: 'jam', when: { keywords: ['卡纸', 'jam'] }, set: { type: 'request', urgency: 'urgent' } };
  const complaint: ClassifyRule = { name: 'complaint', when: { keywords: ['投诉'] }, set: { type: 'complaint' } };
  const angry: ClassifyRule = { name: 'angry', when: { type: 'complaint' }, set: { urgency: 'urgent' } };

  it.each([
    { case: 'the first matching rule wins a field', rules: [printer, jam], ticket: { title: '打印机卡纸' }, decided: { type: 'fault (printer)', category: 'hardware/printer (printer)', urgency: 'urgent (jam)' } },
    { case: 'order decides, not specificity', rules: [jam, printer], ticket: { title: '打印机卡纸' }, decided: { type: 'request (jam)', urgency: 'urgent (jam)', category: 'hardware/printer (printer)' } },
    { case: 'a rule that does not match decides nothing', rules: [printer, jam], ticket: { title: 'printer offline' }, decided: { type: 'fault (printer)', category: 'hardware/printer (printer)' } },
    { case: 'stop ends the evaluation', rules: [{ ...printer, stop: true }, jam], ticket: { title: '打印机卡纸' }, decided: { type: 'fault (printer)', category: 'hardware/printer (printer)' } },
    { case: 'a stop rule that does not match stops nothing', rules: [{ ...complaint, stop: true }, jam], ticket: { title: 'paper jam' }, decided: { type: 'request (jam)', urgency: 'urgent (jam)' } },
    { case: 'a condition sees the type an earlier rule set', rules: [complaint, angry], ticket: { title: '投诉：态度差' }, decided: { type: 'complaint (complaint)', urgency: 'urgent (angry)' } },
    { case: 'a condition does not see the type a later rule sets', rules: [angry, complaint], ticket: { title: '投诉：态度差' }, decided: { type: 'complaint (complaint)' } },
    { case: 'a condition sees the type the ticket already has', rules: [angry], ticket: { title: 'rude', type: 'complaint' }, decided: { urgency: 'urgent (angry)' } },
  ])('$case', ({ rules, ticket, decided }) => {
    expect(summary(classify(rules, ticket))).toEqual(decided);
  });

  it('never decides a kept (manual) field, and later rules see the manual value', () => {
    const outcome = classify([complaint, angry, jam], { title: '投诉 卡纸', type: 'complaint' }, ['type']);
    expect(summary(outcome)).toEqual({ urgency: 'urgent (angry)' });
    expect(outcome.trace.map((t) => [t.rule, t.decided])).toEqual([['complaint', []], ['angry', ['urgency']], ['jam', []]]);
  });

  const outage: ClassifyRule = { name: 'outage', when: { regex: '(全部|everyone).*(无法|down)' }, set: { urgency: 'critical' }, stop: true };
  const vpn: ClassifyRule = { name: 'vpn', when: { keywords: { all: ['vpn', '密码'], in: 'title' } }, set: { category: 'network/vpn' } };

  it('explains every rule, with the condition that failed', () => {
    expect(classify([printer, outage, vpn], { title: 'Everyone is down' }, [], true).trace).toEqual([
      { rule: 'printer', matched: false, failed: 'keywords any [打印机, printer]', decided: [] },
      { rule: 'outage', matched: true, decided: ['urgency'], stopped: true },
    ]);
    expect(classify([vpn], { title: 'VPN', description: '密码' }, [], true).trace).toEqual([
      { rule: 'vpn', matched: false, failed: 'keywords all [vpn, 密码] in title', decided: [] },
    ]);
  });

  it('traces only the rules that matched without explain, and ends once every field is decided', () => {
    expect(classify([printer, outage, vpn], { title: 'Everyone is down' }).trace).toEqual([
      { rule: 'outage', matched: true, decided: ['urgency'], stopped: true },
    ]);
    const everything: ClassifyRule = { name: 'everything', set: { type: 'fault', category: 'misc', urgency: 'normal', impact: 'single' } };
    expect(classify([everything, printer], { title: 'printer' }).trace).toEqual([
      { rule: 'everything', matched: true, decided: ['type', 'category', 'urgency', 'impact'] },
    ]);
  });

  it.each([
    { when: { keywords: { none: ['测试'] } }, label: 'keywords none [测试]' },
    { when: { regex: 'down$' }, label: 'regex /down$/' },
    { when: { department: 'Finance' }, label: 'department [Finance]' },
    { when: { requester: ['Li Lei', 'Wang Fang'] }, label: 'requester [Li Lei, Wang Fang]' },
    { when: { channel: 'email' }, label: 'channel [email]' },
    { when: { type: ['fault', 'request'] }, label: 'type [fault, request]' },
    { when: { category: 'hardware/*' }, label: 'category [hardware/*]' },
    { when: { urgency: 'critical' }, label: 'urgency [critical]' },
  ] satisfies { when: When; label: string }[])('labels a failed $label', ({ when, label }) => {
    const outcome = classify([{ name: 'r', when, set: { type: 'fault' } }], { title: '测试 up', category: 'network/vpn' }, [], true);
    expect(outcome.trace).toEqual([{ rule: 'r', matched: false, failed: label, decided: [] }]);
  });
});

describe('classify: conditions', () => {
  const cases: { case: string; when?: When; ticket: Partial<RuleInput>; matches: boolean }[] = [
    { case: 'no when matches everything', ticket: { title: 'anything' }, matches: true },
    // category globs
    { case: 'hardware/* on hardware/printer', when: { category: 'hardware/*' }, ticket: { category: 'hardware/printer' }, matches: true },
    { case: 'hardware/* not one level deeper', when: { category: 'hardware/*' }, ticket: { category: 'hardware/printer/laser' }, matches: false },
    { case: 'hardware/* not hardware itself', when: { category: 'hardware/*' }, ticket: { category: 'hardware' }, matches: false },
    { case: 'network/** any depth', when: { category: 'network/**' }, ticket: { category: 'network/vpn/client' }, matches: true },
    { case: 'network/** not a longer first word', when: { category: 'network/**' }, ticket: { category: 'networks/vpn' }, matches: false },
    { case: 'an exact category', when: { category: 'network/vpn' }, ticket: { category: 'network/vpn' }, matches: true },
    { case: 'an exact category not its children', when: { category: 'network/vpn' }, ticket: { category: 'network/vpn/client' }, matches: false },
    { case: 'any of several globs', when: { category: ['hardware/*', 'network/**'] }, ticket: { category: 'network/wifi' }, matches: true },
    { case: 'a glob on no category', when: { category: 'hardware/*' }, ticket: { category: null }, matches: false },
    // keywords
    { case: 'a keyword list in the title', when: { keywords: ['打印机', 'printer'] }, ticket: { title: '三楼打印机坏了' }, matches: true },
    { case: 'a keyword list in the description', when: { keywords: ['打印机', 'printer'] }, ticket: { title: 'help', description: 'The PRINTER is jammed' }, matches: true },
    { case: 'a keyword list, none present', when: { keywords: ['打印机', 'printer'] }, ticket: { title: 'scanner broken' }, matches: false },
    { case: 'any in title ignores the description', when: { keywords: { any: ['vpn'], in: 'title' } }, ticket: { title: 'help', description: 'vpn' }, matches: false },
    { case: 'any in title', when: { keywords: { any: ['vpn'], in: 'title' } }, ticket: { title: 'VPN down' }, matches: true },
    { case: 'any in description ignores the title', when: { keywords: { any: ['vpn'], in: 'description' } }, ticket: { title: 'vpn', description: 'help' }, matches: false },
    { case: 'all in one field', when: { keywords: { all: ['vpn', '密码'] } }, ticket: { title: 'VPN 密码过期' }, matches: true },
    { case: 'all split over title and description', when: { keywords: { all: ['vpn', '密码'] } }, ticket: { title: 'VPN', description: '忘记密码' }, matches: true },
    { case: 'all with one missing', when: { keywords: { all: ['vpn', '密码'] } }, ticket: { title: 'VPN', description: '连不上' }, matches: false },
    { case: 'all in both means either field', when: { keywords: { all: ['vpn', '密码'], in: 'both' } }, ticket: { title: '密码', description: 'vpn' }, matches: true },
    { case: 'none absent', when: { keywords: { none: ['测试'] } }, ticket: { title: '打印机' }, matches: true },
    { case: 'none present', when: { keywords: { none: ['测试'] } }, ticket: { title: '测试打印机' }, matches: false },
    { case: 'none in title ignores the description', when: { keywords: { none: ['test'], in: 'title' } }, ticket: { title: 'printer', description: 'TEST' }, matches: true },
    { case: 'any together with none', when: { keywords: { any: ['printer'], none: ['scanner'] } }, ticket: { title: 'Printer and Scanner' }, matches: false },
    { case: 'a Chinese substring', when: { keywords: ['邮箱'] }, ticket: { title: '我的邮箱满了' }, matches: true },
    { case: 'a Chinese word sharing one character', when: { keywords: ['邮箱'] }, ticket: { title: '发邮件失败' }, matches: false },
    { case: 'English case folding', when: { keywords: ['Outlook'] }, ticket: { title: 'OUTLOOK crashes' }, matches: true },
    // department, requester: case-insensitive equality
    { case: 'department in another case', when: { department: ['Finance'] }, ticket: { department: 'FINANCE' }, matches: true },
    { case: 'department as one string', when: { department: 'HR' }, ticket: { department: 'hr' }, matches: true },
    { case: 'department is not a substring test', when: { department: 'Finance' }, ticket: { department: 'Finance Dept' }, matches: false },
    { case: 'department missing', when: { department: 'Finance' }, ticket: { department: null }, matches: false },
    { case: 'requester in another case', when: { requester: 'Wang Fang' }, ticket: { requester: 'wang fang' }, matches: true },
    // regex: case-insensitive over title and description
    { case: 'regex in English, other case', when: { regex: '(全部|everyone).*(无法|cannot)' }, ticket: { title: 'EVERYONE on 3F CANNOT print' }, matches: true },
    { case: 'regex in Chinese', when: { regex: '(全部|everyone).*(无法|cannot)' }, ticket: { title: '全部门无法上网' }, matches: true },
    { case: 'regex on the description', when: { regex: '(所有人).*(无法)' }, ticket: { title: '打印机', description: '所有人都无法打印' }, matches: true },
    { case: 'regex not found', when: { regex: '^vpn' }, ticket: { title: 'my VPN' }, matches: false },
    // enumerations
    { case: 'channel', when: { channel: ['phone', 'web'] }, ticket: { channel: 'web' }, matches: true },
    { case: 'channel differs', when: { channel: 'email' }, ticket: { channel: 'phone' }, matches: false },
    { case: 'urgency', when: { urgency: 'critical' }, ticket: { urgency: 'critical' }, matches: true },
    { case: 'impact', when: { impact: ['department', 'company'] }, ticket: { impact: 'single' }, matches: false },
    { case: 'type unset', when: { type: 'fault' }, ticket: { type: null }, matches: false },
    // several conditions: all must hold
    { case: 'keywords and department both hold', when: { keywords: ['printer'], department: 'Finance' }, ticket: { title: 'printer', department: 'finance' }, matches: true },
    { case: 'keywords hold, department does not', when: { keywords: ['printer'], department: 'Finance' }, ticket: { title: 'printer', department: 'HR' }, matches: false },
  ];

  it.each(cases)('$case', ({ when, ticket, matches }) => {
    const rule: ClassifyRule = when ? { name: 'r', when, set: { type: 'fault' } } : { name: 'r', set: { type: 'fault' } };
    expect('type' in classify([rule], ticket).decided).toBe(matches);
  });
});

describe('dispatch', () => {
  const hardware: DispatchRule = { name: 'hardware', when: { category: 'hardware/*' }, team: 'desktop', assign: 'round-robin' };
  const network: DispatchRule = { name: 'network', when: { category: 'network/**' }, team: 'network', with: ['desktop'], assign: 'least-loaded' };
  const critical: DispatchRule = { name: 'critical', when: { urgency: 'critical' }, notify: 'supervisor' };
  const complaint: DispatchRule = { name: 'complaint', when: { type: 'complaint' }, team: 'service-desk', with: ['applications'], assign: 'chen', notify: 'supervisor' };
  const fallback: DispatchRule = { name: 'fallback', team: 'service-desk', assign: 'round-robin' };

  function dispatch(rules: DispatchRule[], ticket: Partial<RuleInput>) {
    const outcome = new RuleEngine({ classify: [], dispatch: rules }).dispatch(input(ticket));
    return {
      team: outcome.team && `${outcome.team.value} (${outcome.team.rule})`,
      with: outcome.collaborators && `${outcome.collaborators.value.join(',')} (${outcome.collaborators.rule})`,
      assign: outcome.assign && `${outcome.assign.value} (${outcome.assign.rule})`,
      notify: outcome.notify,
    };
  }

  it.each([
    { case: 'the first team wins', rules: [hardware, fallback], ticket: { category: 'hardware/pc' }, out: { team: 'desktop (hardware)', assign: 'round-robin (hardware)', notify: [] } },
    { case: 'the fallback catches the rest', rules: [hardware, fallback], ticket: { category: 'account/password' }, out: { team: 'service-desk (fallback)', assign: 'round-robin (fallback)', notify: [] } },
    { case: 'collaborating teams with the team', rules: [network, fallback], ticket: { category: 'network/vpn' }, out: { team: 'network (network)', with: 'desktop (network)', assign: 'least-loaded (network)', notify: [] } },
    { case: 'the first `with` wins', rules: [network, complaint], ticket: { category: 'network/vpn', type: 'complaint' }, out: { team: 'network (network)', with: 'desktop (network)', assign: 'least-loaded (network)', notify: ['complaint'] } },
    { case: 'an assignment written for a team that lost is dropped', rules: [{ name: 'pc', when: { category: 'hardware/*' }, team: 'desktop' }, fallback], ticket: { category: 'hardware/pc' }, out: { team: 'desktop (pc)', notify: [] } },
    { case: 'an assignment for the same team applies', rules: [{ name: 'pc', when: { category: 'hardware/*' }, team: 'desktop' }, { name: 'sun', team: 'desktop', assign: 'sun' }], ticket: { category: 'hardware/pc' }, out: { team: 'desktop (pc)', assign: 'sun (sun)', notify: [] } },
    { case: 'an assignment with no team applies to the decided team', rules: [{ name: 'pc', when: { category: 'hardware/*' }, team: 'desktop' }, { name: 'load', assign: 'least-loaded' }], ticket: { category: 'hardware/pc' }, out: { team: 'desktop (pc)', assign: 'least-loaded (load)', notify: [] } },
    { case: 'notify accumulates over matching rules', rules: [critical, complaint, fallback], ticket: { urgency: 'critical', type: 'complaint' }, out: { team: 'service-desk (complaint)', with: 'applications (complaint)', assign: 'chen (complaint)', notify: ['critical', 'complaint'] } },
    { case: 'notify only from rules that match', rules: [critical, complaint, fallback], ticket: { urgency: 'normal', type: 'complaint' }, out: { team: 'service-desk (complaint)', with: 'applications (complaint)', assign: 'chen (complaint)', notify: ['complaint'] } },
    { case: 'stop ends dispatch', rules: [{ ...hardware, stop: true }, critical, fallback], ticket: { category: 'hardware/pc', urgency: 'critical' }, out: { team: 'desktop (hardware)', assign: 'round-robin (hardware)', notify: [] } },
    { case: 'no rule matches', rules: [hardware, network], ticket: { category: 'account/password' }, out: { notify: [] } },
  ] satisfies { case: string; rules: DispatchRule[]; ticket: Partial<RuleInput>; out: object }[])('$case', ({ rules, ticket, out }) => {
    expect(dispatch(rules, ticket)).toEqual(out);
  });

  it('explains what each rule decided and why the others did not match', () => {
    const engine = new RuleEngine({ classify: [], dispatch: [critical, hardware, network, complaint, fallback] });
    const ticket = input({ category: 'hardware/pc', urgency: 'critical', type: 'complaint' });
    expect(engine.dispatch(ticket).trace.map((t) => t.rule)).toEqual(['critical', 'hardware', 'complaint', 'fallback']);
    expect(engine.dispatch(ticket, true).trace).toEqual([
      { rule: 'critical', matched: true, decided: ['notify'] },
      { rule: 'hardware', matched: true, decided: ['team', 'assignee'] },
      { rule: 'network', matched: false, failed: 'category [network/**]', decided: [] },
      { rule: 'complaint', matched: true, decided: ['collaborators', 'notify'] },
      { rule: 'fallback', matched: true, decided: [] },
    ]);
  });
});

describe('scale', () => {
  it('compiles 500 keyword rules and evaluates a ticket against all of them', () => {
    // 设备1号 is not a substring of 设备10号, and kw1x not of kw10x: every rule has its own words.
    const rules: ClassifyRule[] = Array.from({ length: 500 }, (_, i) => ({
      name: `rule-${i}`,
      when: { keywords: [`设备${i}号`, `kw${i}x`] },
      set: { category: `devices/d${i}` },
    }));
    rules[317]!.set = { category: 'devices/d317', urgency: 'urgent' };
    const engine = new RuleEngine({ classify: rules, dispatch: [] });
    expect(engine.size).toEqual({ classify: 500, dispatch: 0 });

    const ticket = input({ title: '设备317号故障', description: 'see also KW42X' });
    const outcome = engine.classify(ticket);
    expect(summary(outcome)).toEqual({ category: 'devices/d42 (rule-42)', urgency: 'urgent (rule-317)' });
    expect(outcome.trace.map((t) => t.rule)).toEqual(['rule-42', 'rule-317']);
    const explained = engine.classify(ticket, new Set(), true);
    expect(explained.trace).toHaveLength(500);
    expect(explained.trace.filter((t) => t.matched).map((t) => t.rule)).toEqual(['rule-42', 'rule-317']);
    expect(explained.trace[0]).toEqual({ rule: 'rule-0', matched: false, failed: 'keywords any [设备0号, kw0x]', decided: [] });
    expect(engine.classify(input({ title: '设备500号', description: 'kw4999x' })).decided).toEqual({});
  });
});
