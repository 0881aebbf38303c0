// Tickets whose ids and this month's numbers are different tickets, for the ticket-reference tests
// (test/command and test/e2e): 13 tickets of October (ids 1–13) and 13 of November (ids 14–26,
// SD-202611-00001…00013).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { DeskRunner } from '../e2e/helpers.js';

/** Imports the rows into the desk whose directory is `dir`; with an id column when a row names one. */
export async function importRows(desk: DeskRunner, dir: string, rows: { title: string; created_at: string; id?: number }[]): Promise<void> {
  const withId = rows.some((r) => r.id !== undefined);
  const lines = [withId ? 'id,title,created_at' : 'title,created_at', ...rows.map((r) => `${withId ? `${r.id},` : ''}${r.title},${r.created_at}`)];
  writeFileSync(join(dir, 'tickets.csv'), `${lines.join('\n')}\n`);
  const result = await desk(['import', 'tickets.csv']);
  expect(result.code, result.stderr).toBe(0);
}

/** Imports the 13 tickets of October and the 13 of November. */
export async function importTwoMonths(desk: DeskRunner, dir: string): Promise<void> {
  const day = (d: number) => String(d).padStart(2, '0');
  await importRows(desk, dir, [
    ...Array.from({ length: 13 }, (_, i) => ({ title: `October ${i + 1}`, created_at: `2026-10-${day(i + 1)} 09:00` })),
    ...Array.from({ length: 13 }, (_, i) => ({ title: `November ${i + 1}`, created_at: `2026-11-${day(i + 1)} 09:00` })),
  ]);
}
