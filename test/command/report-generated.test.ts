// The monthly report over imported history, every figure checked against a count made here
// directly from the generated records (not by the report code).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateTickets, FIELDS } from '../../bench/generate.mjs';
import { writeTicketsCsv } from '../e2e/helpers.js';
import { commandSandbox } from './harness.js';

const MONTH = '2026-09';
const inMonth = (iso: string | null) => iso !== null && iso.startsWith(MONTH); // all times are written in +08:00
const minutes = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;
const nearestRank = (values: number[], p: number) => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.max(Math.ceil(p * sorted.length) - 1, 0)]! * 10) / 10;
};
const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);
const countBy = (rows: any[], field: string) => rows.reduce((acc, r) => ((acc[r[field] ?? ''] = (acc[r[field] ?? ''] ?? 0) + 1), acc), {} as Record<string, number>);

describe('the monthly report of imported history', () => {
  it('matches counts made directly from the generated tickets, in both languages', async () => {
    const tickets = [...generateTickets({ seed: 11, count: 4000, months: 6, end: '2026-10' })];
    const box = commandSandbox();
    const file = join(box.dir, 'history.csv');
    writeTicketsCsv(file, FIELDS, tickets);
    const env = { DESK_NOW: '2026-11-20T12:00:00+08:00' };
    const imported = await box.desk(['import', file, '--json'], { env });
    expect(imported.code, imported.stderr).toBe(0);

    const report = JSON.parse((await box.desk(['report', 'monthly', '--month', MONTH, '--json'], { env })).stdout);
    const created = tickets.filter((t) => inMonth(t.created_at));
    const resolved = tickets.filter((t) => inMonth(t.resolved_at));
    const closed = tickets.filter((t) => inMonth(t.closed_at));
    const end = Date.parse('2026-10-01T00:00:00+08:00');
    expect(report.totals).toEqual({
      created: created.length,
      resolved: resolved.length,
      closed: closed.length,
      // Reopens and escalations are counted from the events desk recorded, and an import records
      // only its own: history from another system brings none.
      reopened: 0,
      escalated: 0,
      merged: 0,
      backlog_end: tickets.filter((t) => Date.parse(t.created_at) < end && (t.resolved_at === null || Date.parse(t.resolved_at) >= end)).length,
    });
    expect(report.resolution_rate).toBe(rate(created.filter((t) => t.resolved_at !== null && Date.parse(t.resolved_at) < end).length, created.length));
    for (const field of ['type', 'urgency', 'channel', 'department', 'category', 'team']) expect(report[`by_${field}`], field).toEqual(countBy(created, field));
    expect(report.created_by_day.reduce((n: number, d: any) => n + d.count, 0)).toBe(created.length);
    const sept15 = created.filter((t) => t.created_at.startsWith('2026-09-15')).length;
    expect(report.created_by_day.find((d: any) => d.date === '2026-09-15').count).toBe(sept15);

    const responded = tickets.filter((t) => inMonth(t.first_response_at)).map((t) => minutes(t.created_at, t.first_response_at));
    const solved = resolved.map((t) => minutes(t.created_at, t.resolved_at));
    expect(report.durations.first_response.wall).toEqual({ count: responded.length, median: nearestRank(responded, 0.5), p90: nearestRank(responded, 0.9) });
    expect(report.durations.resolution.wall).toEqual({ count: solved.length, median: nearestRank(solved, 0.5), p90: nearestRank(solved, 0.9) });

    const rated = closed.filter((t) => t.satisfaction !== null);
    const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } as Record<string, number>;
    for (const t of rated) distribution[String(t.satisfaction)]!++;
    const sum = rated.reduce((n, t) => n + t.satisfaction, 0);
    expect(report.satisfaction).toEqual({ average: rated.length ? Math.round((sum / rated.length) * 100) / 100 : null, distribution, rated: rated.length, closed: closed.length, response_rate: rate(rated.length, closed.length) });
    const called = closed.filter((t) => t.callback_at !== null).length;
    expect(report.callback).toEqual({ called, closed: closed.length, rate: rate(called, closed.length) });
    const complaints = created.filter((t) => t.type === 'complaint');
    expect(report.complaints.received).toBe(complaints.length);
    expect(report.complaints.resolved).toBe(complaints.filter((t) => t.resolved_at !== null).length);

    const agents = new Map<string, { handled: number; resolved: number; ratings: number[] }>();
    for (const t of tickets) {
      if (!t.assignee) continue;
      const a = agents.get(t.assignee) ?? { handled: 0, resolved: 0, ratings: [] };
      if (inMonth(t.created_at) || inMonth(t.resolved_at)) a.handled++;
      if (inMonth(t.resolved_at)) a.resolved++;
      if (inMonth(t.closed_at) && t.satisfaction !== null) a.ratings.push(t.satisfaction);
      agents.set(t.assignee, a);
    }
    for (const row of report.agents) {
      const a = agents.get(row.agent)!;
      expect([row.agent, row.handled, row.resolved], row.agent).toEqual([row.agent, a.handled, a.resolved]);
      const mean = a.ratings.length ? Math.round((a.ratings.reduce((x, y) => x + y, 0) / a.ratings.length) * 100) / 100 : null;
      expect(row.satisfaction, row.agent).toBe(mean);
    }
    expect(report.previous.totals.created).toBe(tickets.filter((t) => t.created_at.startsWith('2026-08')).length);

    const zh = (await box.desk(['report', 'monthly', '--month', MONTH, '--lang', 'zh'], { env })).stdout;
    expect(zh).toContain(`新建`);
    expect(zh).toMatch(new RegExp(`新建\\s+${created.length}\\b`));
  }, 180_000);
});
