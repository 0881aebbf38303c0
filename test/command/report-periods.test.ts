// The reports of any period over the same scripted tickets: they add up, a period of a month's
// days is the monthly report, and each names its window and the one before it.
import { beforeAll, describe, expect, it } from 'vitest';
import { commandSandbox, type CommandSandbox } from './harness.js';

const when = (stamp: string) => ({ env: { DESK_NOW: `2026-${stamp}:00+08:00` } });
let box: CommandSandbox;

// Tickets logged on these local days of autumn 2026 (Shanghai), one at 23:30 to sit on a day's edge.
const LOGGED = ['09-29T10:00', '10-01T09:00', '10-05T23:30', '10-06T00:10', '10-18T10:00', '10-31T23:59', '11-02T09:00', '11-02T10:00', '11-30T18:00', '12-01T00:05'];

beforeAll(async () => {
  box = commandSandbox();
  for (const stamp of LOGGED) {
    const r = await box.desk(['create', '--title', `Call ${stamp}`, '--requester', 'Caller', '--channel', 'phone', '--team', 'desktop'], when(stamp));
    if (r.code !== 0) throw new Error(r.stderr);
  }
});

const report = async (args: string[]) => box.json(['report', ...args, '--format', 'json'], when('12-10T09:00'));
const created = async (args: string[]) => (await report(args)).totals.created as number;

describe('reports of any period', () => {
  it('count the days of their own window, named in the JSON', async () => {
    const week = await report(['weekly', '--week', '2026-W41']);
    expect([week.month, week.period, week.totals.created]).toEqual([undefined, { kind: 'weekly', name: '2026-W41', from: '2026-10-05', to: '2026-10-11' }, 2]);
    expect(week.previous.period).toEqual({ kind: 'weekly', name: '2026-W40', from: '2026-09-28', to: '2026-10-04' });
    expect(week.previous.totals.created).toBe(2);
    expect(week.created_by_day).toEqual(['05', '06', '07', '08', '09', '10', '11'].map((d) => ({ date: `2026-10-${d}`, count: d === '05' || d === '06' ? 1 : 0 })));
    expect(await created(['daily', '--date', '2026-10-05'])).toBe(1);
    expect(await created(['daily', '--date', '2026-11-02'])).toBe(2);
    expect(await created(['yearly', '--year', '2026'])).toBe(10);
  });

  it('add up: the weeks of a month clipped to it give the month, the months of a quarter give the quarter', async () => {
    // October 2026: Thursday 1st to Saturday 31st, cut where its ISO weeks begin.
    const clipped = [['2026-10-01', '2026-10-04'], ['2026-10-05', '2026-10-11'], ['2026-10-12', '2026-10-18'], ['2026-10-19', '2026-10-25'], ['2026-10-26', '2026-10-31']];
    const weeks = await Promise.all(clipped.map(([from, to]) => created(['period', '--from', from!, '--to', to!])));
    expect(weeks).toEqual([1, 2, 1, 0, 1]);
    expect(weeks.reduce((a, b) => a + b, 0)).toBe(await created(['monthly', '--month', '2026-10']));
    const months = await Promise.all(['2026-10', '2026-11', '2026-12'].map((m) => created(['monthly', '--month', m])));
    expect(months).toEqual([5, 3, 1]);
    expect(await created(['quarterly', '--quarter', '2026-Q4'])).toBe(9);
  });

  it('of a month\'s days is the monthly report, but for its name and the window before it', async () => {
    const monthly = await report(['monthly', '--month', '2026-10']);
    const period = await report(['period', '--from', '2026-10-01', '--to', '2026-10-31']);
    const { month, previous: monthPrevious, ...monthFigures } = monthly;
    const { period: window, previous: periodPrevious, ...periodFigures } = period;
    expect(periodFigures).toEqual(monthFigures);
    expect([month, window.name, monthPrevious.month, periodPrevious.period.name]).toEqual(['2026-10', '2026-10-01..2026-10-31', '2026-09', '2026-08-31..2026-09-30']);
  });

  it('default to the last whole window, and say which in every format and language', async () => {
    const defaulted = await report(['weekly']);
    expect(defaulted.period.name).toBe('2026-W49');
    const table = await box.desk(['report', 'quarterly', '--quarter', '2026-Q4', '--compare'], when('12-10T09:00'));
    expect(table.stdout.split('\n')[0]).toBe('Quarterly service desk report · 2026-Q4 · all teams (Asia/Shanghai)');
    expect(table.stdout).toMatch(/Item +2026-Q4 +Previous period 2026-Q3 +Change/);
    // Open at the end of the quarter: all ten, September's too; at the end of the one before, September's.
    expect(table.stdout).toMatch(/Backlog at period end +10 +1 +\+9/);
    const md = await box.desk(['report', 'period', '--from', '2026-10-01', '--to', '2026-10-15', '--format', 'md', '--lang', 'zh'], when('12-10T09:00'));
    expect(md.stdout.split('\n')[0]).toBe('# 服务台统计报告 · 2026-10-01 – 2026-10-15 · 全部处理组 (Asia/Shanghai)');
    const html = await box.desk(['report', 'daily', '--date', '2026-11-02', '--format', 'html'], when('12-10T09:00'));
    expect(html.stdout).toContain('<h1>Daily service desk report · 2026-11-02 · all teams</h1>');
    expect(html.stdout).toContain('Period 2026-11-02 · Asia/Shanghai');
    // The monthly report is as it was.
    const monthly = await box.desk(['report', 'monthly', '--month', '2026-10'], when('12-10T09:00'));
    expect(monthly.stdout.split('\n')[0]).toBe('Monthly service desk report · 2026-10 · all teams (Asia/Shanghai)');
  });

  it.each([
    [['weekly', '--week', '2026-48'], 'desk: --week: "2026-48" is not a week\nhint: use an ISO week, YYYY-Www, e.g. 2026-W48 (Monday to Sunday)\n'],
    [['period', '--from', '2026-10-01'], 'desk: report period needs --from and --to\nhint: the first and the last day, e.g. desk report period --from 2026-11-01 --to 2026-11-15\n'],
    [['quarterly', '--quarter', '2026-Q0'], 'desk: --quarter: "2026-Q0" is not a quarter\nhint: use YYYY-Qn, e.g. 2026-Q4\n'],
  ])('refuses %j with exit 2', async (args, stderr) => {
    expect(await box.desk(['report', ...args], when('12-10T09:00'))).toEqual({ code: 2, stdout: '', stderr });
  });
});
