// The seeded generator of bench/ feeds benchmarks and tests: same seed, same tickets; every
// value one the desk accepts; lifecycle times in order.
import { describe, expect, it } from 'vitest';
import { FIELDS, generateTickets } from '../../bench/generate.mjs';
import { DEFAULT_VOCABULARY } from '../../src/domain/vocabulary.js';
import { STATUSES } from '../../src/domain/ticket.js';

const take = (seed: number) => [...generateTickets({ seed, count: 3000, months: 6, end: '2026-10' })];

describe('bench/generate.mjs', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(JSON.stringify(take(7))).toBe(JSON.stringify(take(7)));
    expect(JSON.stringify(take(8))).not.toBe(JSON.stringify(take(7)));
  });

  it('yields tickets the desk accepts, with lifecycle times in order', () => {
    const tickets = take(1);
    expect(tickets).toHaveLength(3000);
    const ordered = ['created_at', 'dispatched_at', 'resolved_at', 'closed_at'];
    for (const t of tickets) {
      expect(Object.keys(t).sort()).toEqual([...FIELDS].sort());
      expect(DEFAULT_VOCABULARY.channels).toContain(t.channel);
      expect(DEFAULT_VOCABULARY.types).toContain(t.type);
      expect(DEFAULT_VOCABULARY.urgencies).toContain(t.urgency);
      expect(STATUSES).toContain(t.status);
      expect(t.title.length).toBeGreaterThan(0);
      const times = ordered.map((f) => t[f]).filter((v): v is string => v !== null).map((v) => Date.parse(v));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(t.created_at.startsWith('2026-0') || t.created_at.startsWith('2026-10')).toBe(true);
    }
    const chinese = tickets.filter((t) => /[\u4e00-\u9fff]/.test(t.title)).length;
    expect(chinese).toBeGreaterThan(1000);
    expect(chinese).toBeLessThan(2000);
  });
});
