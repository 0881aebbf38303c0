// A month of three agents played through the built binary: tickets logged, answered, resolved,
// returned, reopened and complained about, a day's records sampled, scored and appealed; then the
// appraisal, every column of it worked out by hand below.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, sandbox, type Sandbox } from './helpers.js';

/** The example's desk.yaml and sla.yaml (urgent: response 10 min, resolve 4 h of 09:00–12:00, 13:30–18:00), three teams, a points rule of 2 unqualified a day. */
function config(dir: string): string {
  const config = join(dir, 'config');
  mkdirSync(config);
  for (const file of ['desk.yaml', 'sla.yaml']) copyFileSync(join(EXAMPLE_CONFIG, file), join(config, file));
  writeFileSync(
    join(config, 'teams.yaml'),
    [
      'supervisor: chen',
      'teams:',
      '  service-desk: { name: { en: Service desk, zh: 服务台 }, supervisor: chen, members: [li, wang] }',
      '  desktop: { name: { en: Desktop support, zh: 桌面支持 }, supervisor: zhao, members: [sun] }',
      '  complaints: { name: { en: Complaints, zh: 投诉处理 }, supervisor: chen, members: [he] }',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(config, 'quality.yaml'),
    [
      'inspectors: [lin]',
      'items:',
      '  greeting: { en: Greeting, zh: 问候语, weight: 10 }',
      '  closing: { en: Closing, zh: 结束语, weight: 10 }',
      '  wording: { en: Wording, zh: 服务用语, weight: 20 }',
      '  knowledge: { en: Product knowledge, zh: 业务知识, weight: 60 }',
      'points:',
      '  monthly: 26',
      '  unqualified_per_day: 2',
      '  bands: [{ below: 26, effect: { en: a word with the supervisor, zh: 约谈 } }]',
      'appraisal:',
      '  weights: { quality: 30, response: 15, accuracy: 15, resolution: 20, satisfaction: 20 }',
      '  complaint: 5',
      '',
    ].join('\n'),
  );
  return config;
}

const on = (day: string, time: string, actor: string) => ({ env: { DESK_NOW: `2026-11-${day}T${time}:00+08:00`, DESK_ACTOR: actor } });

function run(box: Sandbox, args: string[], when: { env: NodeJS.ProcessEnv }): string {
  const result = box.desk([...args, '--json'], when);
  if (result.code !== 0) throw new Error(`desk ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

function playMonth(box: Sandbox): Record<'t1' | 't2' | 't3' | 't4' | 't5' | 't6', string> {
  const create = (args: string[], day: string, time: string, actor: string) =>
    JSON.parse(run(box, ['create', '--requester', 'Zhang San', '--channel', 'phone', '--urgency', 'urgent', ...args], on(day, time, actor))).number as string;
  // Monday 2 November
  const t1 = create(['--title', 'Printer jams', '--team', 'service-desk', '--assignee', 'li'], '02', '09:00', 'li');
  run(box, ['respond', t1, '--message', 'looking'], on('02', '09:05', 'li')); // 5 min: on time
  const t2 = create(['--title', 'VPN drops', '--team', 'service-desk', '--assignee', 'wang'], '02', '09:30', 'li');
  run(box, ['respond', t2, '--message', 'looking'], on('02', '09:50', 'wang')); // 20 min: late
  run(box, ['resolve', t1, '--solution', 'cleared the tray'], on('02', '10:00', 'li')); // due 14:30: met
  const t3 = create(['--title', 'Monitor flickers', '--team', 'desktop', '--assignee', 'sun'], '02', '10:00', 'wang');
  run(box, ['respond', t3, '--message', 'on my way'], on('02', '10:05', 'sun')); // 5 min: on time
  const t4 = create(['--title', 'Door badge'], '02', '10:30', 'sun');
  run(box, ['dispatch', t4, '--team', 'service-desk'], on('02', '10:35', 'sun'));
  run(box, ['return', t4, '--reason', 'facilities, not us'], on('02', '10:45', 'li')); // against sun, who sent it
  run(box, ['resolve', t3, '--solution', 'cable reseated'], on('02', '11:00', 'sun')); // due 15:30: met
  run(box, ['close', t1, '--satisfaction', '5'], on('02', '11:00', 'li'));
  run(box, ['resolve', t2, '--solution', 'new profile'], on('02', '16:00', 'wang')); // due 15:00: missed
  run(box, ['close', t2, '--satisfaction', '3'], on('02', '16:30', 'wang'));
  // Tuesday 3 November
  run(box, ['reopen', t3, '--reason', 'flickers again'], on('03', '09:10', 'wang'));
  run(box, ['resolve', t3, '--solution', 'monitor replaced'], on('03', '10:10', 'sun')); // due 13:10 + lunch: met
  run(box, ['close', t3, '--satisfaction', '4'], on('03', '10:20', 'sun'));
  const t5 = create(['--title', 'Rude on the phone', '--type', 'complaint', '--team', 'complaints'], '03', '09:30', 'wang');
  run(box, ['complaint', t5, '--against', 'agent:li', '--verified', 'yes', '--cause', 'attitude', '--action', 'coaching'], on('03', '09:40', 'chen'));
  const t6 = create(['--title', 'Keyboard'], '03', '11:00', 'sun');
  return { t1, t2, t3, t4, t5, t6 };
}

describe('the appraisal of a month', () => {
  it('gives every column of each agent as worked out by hand', () => {
    const box = sandbox();
    const env = { DESK_CONFIG: config(box.dir) };
    const at = (day: string, time: string, actor: string) => ({ env: { ...on(day, time, actor).env, ...env } });
    const t = playMonth({ ...box, desk: (args, o = {}) => box.desk(args, { ...o, env: { ...o.env, ...env } }) });

    // The records of Monday: li logged t1 (and responded, resolved) and t2; wang responded to and resolved t2, logged t3; sun t3 and t4.
    const sample = JSON.parse(run(box, ['qa', 'sample', '--date', '2026-11-02', '--seed', 'm1'], at('03', '09:00', 'lin')));
    expect(sample.records.map((r: any) => `${r.agent} ${r.number} ${r.roles.join('+')}`)).toEqual([
      `li ${t.t1} logged+responded+resolved`, `li ${t.t2} logged`, `sun ${t.t3} responded+resolved`, `sun ${t.t4} logged`, `wang ${t.t2} responded+resolved`, `wang ${t.t3} logged`,
    ]);
    const score = (number: string, agent: string, items: string) => run(box, ['qa', 'score', number, '--agent', agent, '--items', items], at('03', '11:00', 'lin'));
    score(t.t1, 'li', 'greeting=pass,closing=fail,wording=pass,knowledge=pass');
    score(t.t2, 'li', 'greeting=pass,closing=pass,wording=pass,knowledge=pass');
    score(t.t2, 'wang', 'greeting=pass,closing=pass,wording=fail,knowledge=pass');
    score(t.t3, 'wang', 'greeting=fail,closing=pass,wording=pass,knowledge=pass');
    score(t.t3, 'sun', 'greeting=pass,closing=pass,wording=pass,knowledge=pass');
    score(t.t4, 'sun', 'greeting=pass,closing=pass,wording=pass,knowledge=na');
    run(box, ['qa', 'appeal', t.t1, '--agent', 'li', '--reason', 'the caller hung up'], at('03', '14:00', 'li'));
    run(box, ['qa', 'decide', t.t1, '--agent', 'li', '--overturn', '--reason', 'the recording shows it'], at('03', '15:00', 'chen'));

    const december = { env: { ...env, DESK_NOW: '2026-12-01T10:00:00+08:00', DESK_ACTOR: 'chen' } };
    const report = JSON.parse(run(box, ['report', 'appraisal', '--month', '2026-11'], december));
    expect(report.period).toEqual({ kind: 'monthly', name: '2026-11', from: '2026-11-01', to: '2026-11-30' });
    const row = (agent: string) => report.agents.find((a: any) => a.agent === agent);
    const none = { below: 26, effect: { en: 'a word with the supervisor', zh: '约谈' } };

    expect(row('li')).toEqual({
      agent: 'li', team: 'service-desk',
      logged: 2, // t1, t2
      handled: 1, resolved: 1, // t1
      first_response: { count: 1, median_business_minutes: 5, on_time: 1, late: 0, on_time_rate: 1 },
      resolution_sla: { met: 1, missed: 0, rate: 1 },
      satisfaction: { average: 5, rated: 1 },
      // t1's unqualified record was overturned on appeal
      quality: { inspected: 2, unqualified: 0, days_inspected: 1, days_deducted: 0, points: 26, band: null },
      complaints_verified: 1, // t5
      returns: 0, reopens: 0,
      // accuracy 1 − 0 / (2 logged + 1 resolved)
      parts: { quality: 100, response: 100, accuracy: 100, resolution: 100, satisfaction: 100 },
      score: 95, // 100, less 5 for the complaint
      rank: 1,
    });
    expect(row('wang')).toEqual({
      agent: 'wang', team: 'service-desk',
      logged: 2, // t3, t5
      handled: 1, resolved: 1, // t2
      first_response: { count: 1, median_business_minutes: 20, on_time: 0, late: 1, on_time_rate: 0 },
      resolution_sla: { met: 0, missed: 1, rate: 0 },
      satisfaction: { average: 3, rated: 1 },
      // two unqualified records on 2 November, a day with 2 or more: 26 − 1
      quality: { inspected: 2, unqualified: 2, days_inspected: 1, days_deducted: 1, points: 25, band: none },
      complaints_verified: 0, returns: 0, reopens: 0,
      // quality 25/26 = 96.2; satisfaction 3/5 = 60
      parts: { quality: 96.2, response: 0, accuracy: 100, resolution: 0, satisfaction: 60 },
      score: 55.9, // (30·96.2 + 15·0 + 15·100 + 20·0 + 20·60) / 100 = 55.86
      rank: 3,
    });
    expect(row('sun')).toEqual({
      agent: 'sun', team: 'desktop',
      logged: 2, // t4, t6
      handled: 1, // t3
      resolved: 2, // t3 twice: before and after its reopen
      first_response: { count: 1, median_business_minutes: 5, on_time: 1, late: 0, on_time_rate: 1 },
      resolution_sla: { met: 2, missed: 0, rate: 1 },
      satisfaction: { average: 4, rated: 1 },
      quality: { inspected: 2, unqualified: 0, days_inspected: 1, days_deducted: 0, points: 26, band: null },
      complaints_verified: 0,
      returns: 1, // t4, which sun sent to the service desk
      reopens: 1, // t3
      // accuracy 1 − (1 + 1) / (2 logged + 2 resolved) = 50; satisfaction 4/5 = 80
      parts: { quality: 100, response: 100, accuracy: 50, resolution: 100, satisfaction: 80 },
      score: 88.5, // (3000 + 1500 + 750 + 2000 + 1600) / 100
      rank: 2,
    });
    expect(row('he')).toMatchObject({ agent: 'he', team: 'complaints', logged: 0, handled: 0, score: null, rank: null });
    expect(report.agents.map((a: any) => a.agent)).toEqual(['li', 'sun', 'wang', 'he']);

    // One printable page per team, in Chinese.
    const out = join(box.dir, 'appraisal.html');
    expect(box.desk(['report', 'appraisal', '--month', '2026-11', '--lang', 'zh', '--out', out], december).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html.match(/<section class="page">/g)).toHaveLength(3);
    expect(html.match(/<h2>[^<]*<\/h2>/g)).toEqual(['<h2>服务台</h2>', '<h2>桌面支持</h2>', '<h2>投诉处理</h2>']);
    expect(html).toContain('<p>wang：25 分，低于 26 分：约谈</p>');
  });
});
