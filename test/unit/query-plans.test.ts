// Every filter of `list` and every aggregate of the monthly report reaches tickets through an
// index: none of them scans the whole table, so their cost follows the rows they ask for.
import type { Database } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { monthWindow } from '../../src/report/month.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.js';
import type { TicketQuery } from '../../src/store/store.js';
import { createTicket } from '../store-contract/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'desk-plans-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The SQL a store call runs, with its parameters, caught at prepare time. */
async function capture(store: SqliteStore, call: () => Promise<unknown>): Promise<{ sql: string; params: unknown[] }[]> {
  const db = store.db as Database & { prepare: Database['prepare'] };
  const original = db.prepare.bind(db);
  const seen: { sql: string; params: unknown[] }[] = [];
  db.prepare = ((sql: string) => {
    const statement = original(sql);
    const record = (params: unknown[]) => seen.push({ sql, params });
    return new Proxy(statement, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (key === 'get' || key === 'all' || key === 'run') return (...params: unknown[]) => (record(params), value.apply(target, params));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }) as Database['prepare'];
  try {
    await call();
  } finally {
    db.prepare = original;
  }
  return seen;
}

function plan(store: SqliteStore, sql: string, params: unknown[]): string[] {
  return (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as never[])) as { detail: string }[]).map((r) => r.detail);
}

/**
 * Plan steps that read every row of tickets or of the closed cycles (a bare scan, or a scan of a
 * whole index). `t` may also name a union of both, whose own scan reads only what its month-bounded
 * parts found (their steps are checked in turn).
 */
const fullScan = (details: string[]) => {
  const union = details.some((d) => /^(CO-ROUTINE|MATERIALIZE) t$/.test(d));
  return details.filter((d) => /^SCAN (t|tickets|closed_cycles)( USING (COVERING )?INDEX \w+)?$/.test(d) && !(union && d === 'SCAN t'));
};

describe('query plans', () => {
  const store = openSqliteStore(join(dir, 'desk.db'), { create: true });
  const now = Date.UTC(2026, 10, 25);
  const base: TicketQuery = { sort: { field: 'created_at', descending: true }, limit: 20 };

  it.each<[string, Partial<TicketQuery>]>([
    ['--status open', { statuses: ['new', 'dispatched', 'in_progress', 'pending', 'reopened'] }],
    ['--team', { team: 'desktop' }],
    ['--assignee', { assignee: 'sun' }],
    ['--from/--to', { createdFrom: now - 86_400_000, createdBefore: now }],
    ['--overdue', { overdueAt: now }],
    ['--due-within', { dueWithin: { from: now, until: now + 7_200_000 } }],
    ['of sla check: sub-tasks past their deadline', { assistOverdueAt: now }],
    ['of sla check: supervision orders past their reply time', { supervisionOverdueAt: now }],
    ['of sla check --escalate: running tickets below the last tier', { statuses: ['new', 'dispatched', 'in_progress', 'reopened'], escalationBelow: 3 }],
    ['no filter, newest first', {}],
  ])('list %s uses an index', async (_, filter) => {
    const queries = await capture(store, () => store.listTickets({ ...base, ...filter }));
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) {
      const details = plan(store, q.sql, q.params);
      // Without a filter, newest first is an index walk stopped by the limit: fine.
      if (Object.keys(filter).length === 0) expect(details.join('\n')).toMatch(/USING INDEX tickets_created/);
      else expect(fullScan(details), q.sql).toEqual([]);
    }
  });

  it.each([
    ['contact', { by: 'contact', key: '13812345678' }],
    ['requester', { by: 'requester', key: 'li lei' }],
  ] as const)('the caller lookup of create and desk caller by %s reads only that caller\'s tickets, through an index', async (_, lookup) => {
    const queries = await capture(store, () => store.callerFacts({ ...lookup, since: now - 30 * 86_400_000, limit: 5 }));
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) {
      const details = plan(store, q.sql, q.params);
      expect(fullScan(details), q.sql).toEqual([]);
      expect(details.join('\n'), q.sql).toMatch(lookup.by === 'contact' ? /INDEX tickets_contact_key/ : /INDEX tickets_requester_key/);
    }
  });

  it('a bare ticket reference finds both its readings through an index', async () => {
    const queries = await capture(store, () => store.getTicket({ bare: 13, month: '202611', thisMonth: 'SD-202611-00013' }).catch(() => null));
    expect(queries.length).toBe(1);
    for (const q of queries) expect(fullScan(plan(store, q.sql, q.params)), q.sql).toEqual([]);
  });

  it('every aggregate of the monthly report is month-bounded through an index', async () => {
    const window = monthWindow('2026-10', 'Asia/Shanghai');
    // A ticket long before the month and one just after it: the backlog counts from the side after it.
    await createTicket(store, { created_at: Date.parse('2025-01-06T09:00:00+08:00') });
    await createTicket(store, { created_at: Date.parse('2026-11-02T09:00:00+08:00') });
    const queries = await capture(store, () => store.monthFacts({ ...window, now }));
    expect(queries.length).toBeGreaterThan(20);
    // The backlog is the one figure about tickets outside the month: those created before its end
    // (of a team), or the tickets open now, through the index that holds only them.
    const open = queries.filter((q) => /WHERE t\.resolved_at IS NULL/.test(q.sql));
    expect(open).toHaveLength(1);
    expect(plan(store, open[0]!.sql, open[0]!.params).join('\n')).toMatch(/USING (COVERING )?INDEX tickets_unresolved/);
    const monthBounded = queries.filter((q) => !/t\.created_at < :end AND \(t\.resolved_at IS NULL|WHERE t\.resolved_at IS NULL/.test(q.sql));
    for (const q of monthBounded) expect(fullScan(plan(store, q.sql, q.params)), q.sql).toEqual([]);
  });
  it("quality inspection and the appraisal read the period's events by kind and time, never the whole trail", async () => {
    const window = monthWindow('2026-10', 'Asia/Shanghai');
    const queries = await capture(store, async () => {
      await store.qualityEvents({ since: window.start });
      await store.qualityEvents({ ticketId: 1 });
      await store.handlingEvents(window);
      await store.appraisalFacts({ ...window, now });
    });
    expect(queries.length).toBe(7);
    for (const q of queries) {
      const details = plan(store, q.sql, q.params);
      expect(fullScan(details), q.sql).toEqual([]);
      expect(details.filter((d) => /^SCAN (e|r|d|events)\b/.test(d)), q.sql).toEqual([]);
    }
  });
});
