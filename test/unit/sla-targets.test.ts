// A compiled sla.yaml: the target of each urgency and type, the calendars they count in, and the
// due times they give.
import { describe, expect, it } from 'vitest';
import { compileCalendar, type OfficeCalendar } from '../../src/sla/business-calendar.js';
import { compileSla, dueTimes, slaTypeIssues } from '../../src/sla/targets.js';
import { BASE, EVERY_SHAPE, loadExampleSla, loadSlaText, problemsOf, withLines } from './sla-yaml.js';

describe('the example config/sla.yaml', () => {
  const file = loadExampleSla();
  const sla = compileSla(file, 'UTC');

  it('compiles every calendar in the file\'s zone', () => {
    expect(sla.calendars).toEqual(new Map(Object.entries(file.calendars).map(([name, definition]) => [name, compileCalendar(definition, 'Asia/Shanghai')])));
  });

  it('compiles the targets per urgency', () => {
    const HOUR = 3_600_000;
    expect(sla.byUrgency.normal).toEqual({
      calendar: 'office',
      response: { text: '10m', duration: { workingDays: 0, ms: HOUR / 6 } },
      dispatch: { text: '2h', duration: { workingDays: 0, ms: 2 * HOUR } },
      resolve: { text: '24h', duration: { workingDays: 0, ms: 24 * HOUR } },
      // A progress update every three working days.
      update: { text: '3d', duration: { workingDays: 3, ms: 0 } },
      // A collaborating team answers its sub-task within a working day.
      assist: { text: '1d', duration: { workingDays: 1, ms: 0 } },
    });
    expect([sla.byUrgency.urgent.resolve.text, sla.byUrgency.critical.calendar, sla.byType.size]).toEqual(['4h', 'always', 1]);
    expect([sla.byUrgency.urgent.update?.text, sla.byUrgency.critical.update]).toEqual(['1d', null]);
    // Complaints: urgent ones are resolved within 2 h, everything else as the urgency says.
    expect([sla.byType.get('complaint')?.urgent.resolve.text, sla.byType.get('complaint')?.urgent.response.text]).toEqual(['2h', '10m']);
  });

  it('gives the due times the design describes', () => {
    // Created Friday 2026-10-09 17:00 Shanghai (09:00Z). 24 business hours = 1440: Fri 60, make-up Sat 450,
    // Sun off, Mon 450, Tue 450 → 1410; Wed 09:00 + 30.
    const due = dueTimes(sla, { created_at: Date.UTC(2026, 9, 9, 9, 0), urgency: 'normal', type: 'fault' });
    expect(due).toEqual({
      response_due_at: Date.UTC(2026, 9, 9, 9, 10), // 17:10
      dispatch_due_at: Date.UTC(2026, 9, 10, 2, 0), // Fri 17–18 = 60, Sat 09:00 + 60 = 10:00
      resolve_due_at: Date.UTC(2026, 9, 14, 1, 30), // Wed 09:30
    });
  });
});

describe('a valid file in every shape the contract allows', () => {
  it('compiles working-day durations and per-type overrides, the rest inherited from the urgency', () => {
    const sla = compileSla(loadSlaText(EVERY_SHAPE), 'Asia/Shanghai');
    expect((sla.calendars.get('plant') as OfficeCalendar).timezone).toBe('Europe/Berlin');
    expect(sla.byUrgency.normal.resolve.duration).toEqual({ workingDays: 2, ms: 4 * 3_600_000 });
    expect(sla.byType.get('complaint')?.urgent).toMatchObject({ calendar: 'plant', resolve: { text: '2h' }, response: { text: '10m' } });
    expect(sla.byType.get('complaint')?.normal).toMatchObject({ calendar: 'always', resolve: { text: '2d4h' } });
    expect(sla.byType.get('complaint')?.critical).toEqual(sla.byUrgency.critical);
  });

  it('takes the desk zone when the file sets none', () => {
    const file = loadSlaText(withLines({ 1: '# no zone' }));
    expect((compileSla(file, 'Europe/Paris').calendars.get('office') as OfficeCalendar).timezone).toBe('Europe/Paris');
  });
});

describe('per-type overrides and the desk types', () => {
  it('checks per-type overrides against the desk types when asked', () => {
    const text = withLines({ 13: BASE[12] + '\n  types:\n    complain:\n      urgent: { resolve: 2h }' });
    const problems = problemsOf(text, { check: (file) => slaTypeIssues(file, ['fault', 'complaint']) });
    expect(problems).toEqual(['15:5: targets.types.complain: unknown ticket type "complain"; types: fault, complaint']);
  });
});
