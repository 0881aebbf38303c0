// The monthly report of a small month worked out by hand (Asia/Shanghai, example calendar).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandSandbox } from './harness.js';
import { NOW, october, step, writeOctoberHtml } from './october.js';

describe('desk report monthly', () => {
  it('counts every figure of the month by the definitions in the README', async () => {
    const box = commandSandbox();
    await october(box.desk);
    const r = JSON.parse(await step(box.desk, NOW, ['report', 'monthly', '--month', '2026-10', '--json']));
    expect([r.month, r.timezone, r.team]).toEqual(['2026-10', 'Asia/Shanghai', null]);
    // Resolutions: #1 twice and #2. Backlog: #1, #2, #3 and #5 were created by then; #1 and #2 stood resolved.
    expect(r.totals).toEqual({ created: 3, resolved: 3, closed: 2, reopened: 1, escalated: 1, merged: 0, backlog_end: 2 });
    expect(r.resolution_rate).toBe(0.3333);
    expect(r.by_type).toEqual({ fault: 1, complaint: 1, '': 1 });
    expect(r.by_channel).toEqual({ web: 1, email: 1, phone: 1 });
    expect(r.by_team).toEqual({ '': 2, desktop: 1 });
    expect(r.created_by_day.filter((d: any) => d.count)).toEqual([
      { date: '2026-10-09', count: 1 },
      { date: '2026-10-20', count: 1 },
      { date: '2026-10-31', count: 1 },
    ]);
    expect(r.created_by_day).toHaveLength(31);
    // Response deadlines settled in October: #2's (met in 8 min at 10:08) and #5's (missed at 09:10
    // on 20 October). #3's falls on Monday 2 November, #1's was met in September.
    expect(r.sla.response).toEqual({ met: 1, missed: 1, rate: 0.5 });
    // Resolution deadlines settled in October: #1's first (met 8 Oct 09:30), #1's after the reopen
    // (met 9 Oct 16:00), #2's (met 9 Oct 11:00) and #5's (missed 23 Oct 10:30).
    expect(r.sla.resolution).toEqual({ met: 3, missed: 1, rate: 0.75 });
    expect(r.durations.first_response).toEqual({ wall: { count: 1, median: 8, p90: 8 }, business: { count: 1, median: 8, p90: 8 } });
    // #2: 60 min either way. #1 from 30 Sep 17:00: to 8 Oct 09:30 is 11,070 wall minutes, of which
    // 60 + 30 = 90 are business minutes (Golden Week does not count); to 9 Oct 16:00 is 12,900, of
    // which 60 + 450 + 330 = 840. Nearest rank of three: the median is the second, p90 the third.
    expect(r.durations.resolution).toEqual({ wall: { count: 3, median: 11070, p90: 12900 }, business: { count: 3, median: 90, p90: 840 } });
    expect(r.satisfaction).toEqual({ average: 4, distribution: { '1': 0, '2': 0, '3': 1, '4': 0, '5': 1 }, rated: 2, closed: 2, response_rate: 1 });
    expect(r.callback).toEqual({ called: 1, closed: 2, rate: 0.5 });
    expect(r.complaints).toEqual({
      received: 1, resolved: 0, closed: 0, open: 1, satisfaction: null,
      verification: { verified: 0, yes: 0, partly: 0, no: 0, verified_rate: null, by_cause: {}, by_target: {}, agents: {} },
    });
    expect(r.supervision).toEqual({ by_team: {} });
    expect(r.reopen_rate).toBe(0.3333);
    expect(r.agents).toEqual([
      { agent: 'sun', handled: 1, resolved: 1, sla_rate: 1, satisfaction: 5 },
      { agent: 'zhou', handled: 1, resolved: 2, sla_rate: 1, satisfaction: 3 },
    ]);
    expect(r.previous.month).toBe('2026-09');
    expect(r.previous.totals).toEqual({ created: 1, resolved: 0, closed: 0, reopened: 0, escalated: 0, merged: 0, backlog_end: 1 });

    const desktop = JSON.parse(await step(box.desk, NOW, ['report', 'monthly', '--month', '2026-10', '--team', 'desktop', '--json']));
    expect([desktop.team, desktop.totals.created, desktop.totals.resolved]).toEqual(['desktop', 1, 3]);
  });

  it('reports an empty month with zero counts and no rates', async () => {
    const box = commandSandbox();
    await october(box.desk);
    const r = JSON.parse(await step(box.desk, NOW, ['report', 'monthly', '--month', '2026-08', '--json']));
    expect(r.totals).toEqual({ created: 0, resolved: 0, closed: 0, reopened: 0, escalated: 0, merged: 0, backlog_end: 0 });
    expect([r.resolution_rate, r.sla.response.rate, r.satisfaction.average, r.reopen_rate, r.agents]).toEqual([null, null, null, null, []]);
  });

  it('defaults to the previous month and speaks Chinese when asked', async () => {
    const box = commandSandbox();
    await october(box.desk);
    const zh = await step(box.desk, NOW, ['report', 'monthly', '--lang', 'zh', '--compare']);
    expect(zh).toMatch(/^服务台月度统计报告 · 2026-10 · 全部处理组/);
    expect(zh).toMatch(/新建\s+3\s+1\s+\+2/);
    expect(zh).toMatch(/月末积压\s+2\s+1\s+\+1/);
    const en = (await box.desk(['report', 'monthly', '--month', '2026-10'], { env: { DESK_NOW: `${NOW}+08:00`, LANG: 'zh_CN.UTF-8' } })).stdout;
    expect(en).toMatch(/^服务台月度统计报告/);
    const md = await step(box.desk, NOW, ['report', 'monthly', '--format', 'md']);
    expect(md).toMatch(/^# Monthly service desk report · 2026-10/);
    expect(md).toContain('| Created | 3 |');
    const csv = await step(box.desk, NOW, ['report', 'monthly', '--format', 'csv']);
    expect(csv.split('\n')[0]).toBe('section,metric,value');
    expect(csv).toContain('Volume,Backlog at month end,2');
    expect(csv).toContain('Satisfaction,Rated 5,1');
  });

  it('writes the HTML report atomically, as one file that loads nothing else', async () => {
    const box = commandSandbox();
    const out = await writeOctoberHtml(box.desk, box.dir);
    expect(existsSync(`${join(box.dir, '.october.html')}`)).toBe(false);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect(html).toContain('<svg');
  });

  it('refuses a bad month, format or language with exit 2', async () => {
    const box = commandSandbox();
    await box.desk(['create', '--title', 'x', '--requester', 'y', '--channel', 'web']);
    expect((await box.desk(['report', 'monthly', '--month', '2026-13'])).stderr).toMatch(/--month: "2026-13" is not a month/);
    expect((await box.desk(['report', 'monthly', '--format', 'pdf'])).stderr).toMatch(/--format: unknown value "pdf"/);
    expect((await box.desk(['report', 'monthly', '--lang', 'fr'])).code).toBe(2);
    const team = await box.desk(['report', 'monthly', '--team', 'nosuch']);
    expect([team.code, team.stderr]).toEqual([2, expect.stringMatching(/^desk: --team: unknown team "nosuch"\nhint: teams: service-desk, desktop, network/)]);
  });

  it('writes the format that the extension of --out names', async () => {
    const box = commandSandbox();
    await october(box.desk);
    for (const [file, start] of [['october.md', '# '], ['october.html', '<!doctype html>'], ['october.csv', 'section,metric,value'], ['october.json', '{']] as const) {
      const out = join(box.dir, file);
      expect((await box.desk(['report', 'monthly', '--month', '2026-10', '--out', out], { env: { DESK_NOW: `${NOW}+08:00` } })).code).toBe(0);
      expect(readFileSync(out, 'utf8').startsWith(start), file).toBe(true);
    }
  });
});
