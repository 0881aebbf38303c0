// The quality core: the day's sample, item scores, the fold of a record's events, and the points
// rule of the regulations, worked by hand.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  chooseRecord, drawSample, foldRecords, handledRecords, parseItemVerdicts, planDecision, planSample, qualityPoints, scoreItems,
  type HandledRecord, type QualityEvent, type QualityPolicy, type QualityRecord,
} from '../../src/domain/quality.js';
import { compileQuality, loadQualityFile } from '../../src/quality/load.js';
import { DEFAULT_VOCABULARY } from '../../src/domain/vocabulary.js';
import { thrown } from './thrown.js';

const REPO = join(import.meta.dirname, '..', '..');
const EXAMPLE = compileQuality(loadQualityFile(join(REPO, 'config', 'quality.yaml'), REPO, DEFAULT_VOCABULARY));

const handled = (agent: string, n: number, role: HandledRecord['role'] = 'logged', extra: Partial<HandledRecord> = {}): HandledRecord => ({
  ticket_id: n, number: `SD-202611-${String(n).padStart(5, '0')}`, agent, role, channel: 'phone', type: 'consultation', assignee: null, ...extra,
});

const rule = { day: '2026-11-30', seed: 's1', perAgent: 3, inspector: 'lin', ownTickets: false, channels: null, types: null, agents: null };

describe('drawSample', () => {
  const day = [
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => handled('li', n)),
    ...[9, 10].map((n) => handled('wang', n)),
    handled('wang', 9, 'resolved'),
  ];

  it('draws the same records for the same seed, and others for another', () => {
    const first = drawSample(day, rule);
    expect(drawSample([...day].reverse(), rule)).toEqual(first);
    const numbers = (seed: string) => drawSample(day, { ...rule, seed }).filter((r) => r.agent === 'li').map((r) => r.number).join();
    expect(new Set(['s1', 's2', 's3', 's4', 's5'].map(numbers)).size).toBeGreaterThan(1);
  });

  it('takes as many as asked per agent, fewer when the agent handled fewer, one record per ticket with every role', () => {
    const drawn = drawSample(day, rule);
    expect(drawn.filter((r) => r.agent === 'li')).toHaveLength(3);
    expect(drawn.filter((r) => r.agent === 'wang').map((r) => [r.number, r.roles])).toEqual([
      ['SD-202611-00009', ['logged', 'resolved']],
      ['SD-202611-00010', ['logged']],
    ]);
  });

  it("keeps a record's rank when records are added to the day", () => {
    const before = drawSample(day, { ...rule, perAgent: 1 }).find((r) => r.agent === 'li')!;
    const ranked = drawSample([...day, handled('zhou', 11)], { ...rule, perAgent: 1 }).find((r) => r.agent === 'li')!;
    expect(ranked).toEqual(before);
  });

  it("never samples the inspector's own ticket by default: not theirs, nor one they took part in or hold", () => {
    const records = [handled('lin', 1), handled('li', 1, 'resolved'), handled('li', 2, 'logged', { assignee: 'lin' }), handled('li', 3)];
    expect(drawSample(records, rule).map((r) => [r.agent, r.number])).toEqual([['li', 'SD-202611-00003']]);
    expect(drawSample(records, { ...rule, ownTickets: true }).map((r) => [r.agent, r.number])).toEqual([
      ['li', 'SD-202611-00001'], ['li', 'SD-202611-00002'], ['li', 'SD-202611-00003'], ['lin', 'SD-202611-00001'],
    ]);
  });

  it("keeps to the channels, types and agents the rule names", () => {
    const records = [handled('li', 1), handled('li', 2, 'logged', { channel: 'email' }), handled('li', 3, 'logged', { type: 'complaint' }), handled('bot', 4)];
    expect(drawSample(records, { ...rule, channels: ['phone'], types: ['consultation'], agents: ['li'] }).map((r) => r.number)).toEqual(['SD-202611-00001']);
  });
});

describe('handledRecords', () => {
  const event = (kind: string, changed: string[] = []) => ({ ticket_id: 1, number: 'SD-1', actor: 'li', kind, changed, channel: null, type: null, assignee: null });
  it.each([
    { kind: 'create', changed: [], roles: ['logged'] },
    { kind: 'respond', changed: ['first_response_at'], roles: ['responded'] },
    { kind: 'resolve', changed: ['resolved_at'], roles: ['resolved'] },
    { kind: 'resolve', changed: ['resolved_at', 'first_response_at'], roles: ['responded', 'resolved'] },
    { kind: 'close', changed: ['first_response_at', 'resolved_at', 'closed_at'], roles: ['responded', 'resolved'] },
    { kind: 'close', changed: ['closed_at'], roles: [] },
  ])('$kind changing $changed: $roles', ({ kind, changed, roles }) => {
    expect(handledRecords([event(kind, changed)]).map((r) => r.role)).toEqual(roles);
  });
});

describe('parseItemVerdicts and scoreItems (the example checklist: weights 10, 10, 25, 20, 25, 10)', () => {
  /** Every item pass but those named, e.g. all('closing=fail'). */
  const all = (overrides: string) => {
    const verdicts: Record<string, string> = { greeting: 'pass', closing: 'pass', attitude: 'pass', wording: 'pass', knowledge: 'pass', timeliness: 'pass' };
    for (const part of overrides.split(',').filter(Boolean)) verdicts[part.split('=')[0]!] = part.split('=')[1]!;
    return Object.entries(verdicts).map(([item, verdict]) => `${item}=${verdict}`).join(',');
  };

  it('reads ids or labels and verdicts in English or Chinese', () => {
    expect(parseItemVerdicts('问候语=合格，结束语=不合格, attitude=pass, Wording=fail, knowledge=na, timeliness: 不适用', EXAMPLE.items)).toEqual({
      greeting: 'pass', closing: 'fail', attitude: 'pass', wording: 'fail', knowledge: 'na', timeliness: 'na',
    });
  });

  it.each([
    { text: 'greeting=pass', message: '--items: closing, attitude, wording, knowledge, timeliness are not scored' },
    { text: 'greting=pass', message: '--items: "greting" is not an item of quality.yaml' },
    { text: 'greeting=maybe', message: '--items: greeting "maybe" needs pass, fail or na' },
    { text: 'greeting=pass,greeting=fail', message: '--items: greeting is given twice' },
  ])('refuses $text', ({ text, message }) => {
    expect(thrown(() => parseItemVerdicts(text, EXAMPLE.items)).message).toBe(message);
  });

  it.each([
    { items: all(''), score: 100, unqualified: false },
    // 90 of 100: the closing failed, so the record is unqualified by any_failed
    { items: all('closing=fail'), score: 90, unqualified: true },
    // na leaves the item out: 80 of 90 applying
    { items: all('closing=fail,timeliness=na'), score: 88.9, unqualified: true },
    // 100 − 25 − 20 = 55 of 100
    { items: all('knowledge=fail,wording=fail'), score: 55, unqualified: true },
  ])('$items → $score', ({ items, score, unqualified }) => {
    const verdicts = parseItemVerdicts(items.split(',').reverse().join(','), EXAMPLE.items);
    expect(scoreItems(verdicts, EXAMPLE)).toMatchObject({ score, unqualified });
  });

  it('makes a record unqualified by its score alone when any_failed is off', () => {
    const policy = { ...EXAMPLE, unqualified: { anyFailed: false, below: 80 } };
    expect(scoreItems(parseItemVerdicts(all('closing=fail'), EXAMPLE.items), policy).unqualified).toBe(false);
    expect(scoreItems(parseItemVerdicts(all('knowledge=fail'), EXAMPLE.items), policy)).toMatchObject({ score: 75, unqualified: true });
  });

  it('refuses a record where no item applies', () => {
    const none = 'greeting=na,closing=na,attitude=na,wording=na,knowledge=na,timeliness=na';
    expect(thrown(() => scoreItems(parseItemVerdicts(none, EXAMPLE.items), EXAMPLE)).message).toBe('--items: no item applies to this record (every one is na)');
  });
});

let nextId = 1;
const qaEvent = (kind: QualityEvent['kind'], day: string, agent: string, qa: Partial<QualityEvent['qa']> = {}, actor = 'lin', ticket = 1, text: string | null = null): QualityEvent => ({
  id: nextId++, ticket_id: ticket, number: `SD-${ticket}`, at: nextId * 1000, actor, kind, qa: { day, agent, ...qa }, text,
});

/** An inspected record of the agent on the day, qualified or not. */
function inspected(day: string, agent: string, unqualified: boolean, ticket: number): QualityEvent[] {
  return [qaEvent('qa_sample', day, agent, { seed: 's' }, 'lin', ticket), qaEvent('qa_score', day, agent, { score: unqualified ? 70 : 100, unqualified }, 'lin', ticket)];
}

/** `days` inspected days of 20 records each; the first `bad` of them with `unqualifiedOnBadDays` unqualified records. */
function month(days: number, bad: number, unqualifiedOnBadDays: number): QualityRecord[] {
  const events: QualityEvent[] = [];
  let ticket = 1;
  for (let d = 1; d <= days; d++) {
    const day = `2026-11-${String(d).padStart(2, '0')}`;
    for (let i = 0; i < 20; i++) events.push(...inspected(day, 'li', d <= bad && i < unqualifiedOnBadDays, ticket++));
  }
  return foldRecords(events);
}

describe('qualityPoints: 26 points a month, a day with 4 or more unqualified records costs one (004)', () => {
  const points = EXAMPLE.points;

  it.each([
    { case: '3 inspected days, one with 4 unqualified records', days: 3, bad: 1, per: 4, points: 25, band: null, unqualified: 4 },
    { case: '3 inspected days, one with 3 unqualified records', days: 3, bad: 1, per: 3, points: 26, band: null, unqualified: 3 },
    { case: '7 days with 4 unqualified records', days: 7, bad: 7, per: 4, points: 19, band: 20, unqualified: 28 },
    { case: '11 days with 5 unqualified records', days: 11, bad: 11, per: 5, points: 15, band: 20, unqualified: 55 },
    { case: '12 days with 4 unqualified records', days: 12, bad: 12, per: 4, points: 14, band: 15, unqualified: 48 },
    { case: '15 days with 4 unqualified records', days: 15, bad: 15, per: 4, points: 11, band: 12, unqualified: 60 },
  ])('$case → $points points, band below $band', (c) => {
    const figures = qualityPoints(month(c.days, c.bad, c.per), points);
    expect(figures).toMatchObject({ inspected: c.days * 20, unqualified: c.unqualified, days_inspected: c.days, days_deducted: c.bad >= 1 && c.per >= 4 ? c.bad : 0, points: c.points });
    expect(figures.band?.below ?? null).toBe(c.band);
  });

  it('the "below 20" band says its effect in both languages', () => {
    expect(qualityPoints(month(7, 7, 4), points).band).toEqual({ below: 20, effect: { en: "20% of the month's bonus withheld", zh: '扣发当月奖金 20%' } });
  });

  it('never falls under 0', () => {
    expect(qualityPoints(month(27, 27, 4), { ...points, deduct: 2 }).points).toBe(0);
  });

  it('leaves out a record overturned on appeal, and keeps one upheld', () => {
    const day = [...inspected('2026-11-02', 'li', true, 1), ...inspected('2026-11-02', 'li', true, 2), ...inspected('2026-11-02', 'li', true, 3), ...inspected('2026-11-02', 'li', true, 4)];
    expect(qualityPoints(foldRecords(day), points).points).toBe(25);
    const overturned = [...day, qaEvent('qa_appeal', '2026-11-02', 'li', {}, 'li', 4, 'hung up'), qaEvent('qa_decide', '2026-11-02', 'li', { decision: 'overturn' }, 'chen', 4, 'recording')];
    expect(qualityPoints(foldRecords(overturned), points)).toMatchObject({ unqualified: 3, points: 26 });
    const upheld = [...day, qaEvent('qa_appeal', '2026-11-02', 'li', {}, 'li', 4, 'hung up'), qaEvent('qa_decide', '2026-11-02', 'li', { decision: 'uphold' }, 'chen', 4, 'no')];
    expect(qualityPoints(foldRecords(upheld), points)).toMatchObject({ unqualified: 4, points: 25 });
  });
});

describe('foldRecords and the steps of a record', () => {
  const events = [
    qaEvent('qa_sample', '2026-11-30', 'li', { seed: 'x', per_agent: 20, roles: ['logged'] }, 'lin', 7),
    qaEvent('qa_sample', '2026-12-01', 'wang', { seed: 'y', roles: ['resolved'] }, 'lin', 7),
    qaEvent('qa_score', '2026-11-30', 'li', { score: 90, unqualified: true, items: { greeting: 'fail' } }, 'lin', 7, 'no greeting'),
  ];

  it('folds each (ticket, day, agent) record from its events', () => {
    expect(foldRecords(events).map((r) => [r.day, r.agent, r.state, r.inspection?.comment ?? null])).toEqual([
      ['2026-11-30', 'li', 'unqualified', 'no greeting'],
      ['2026-12-01', 'wang', 'to_inspect', null],
    ]);
  });

  it("chooses the one record in the asked state, or asks which, or says where it stands", () => {
    const records = foldRecords(events);
    expect(chooseRecord(records, 'SD-7', {}, ['to_inspect'], 'score').agent).toBe('wang');
    expect(thrown(() => chooseRecord(records, 'SD-7', { agent: 'li' }, ['to_inspect'], 'score')).message).toBe("SD-7's record of 2026-11-30 for li is unqualified: nothing to score");
    expect(thrown(() => chooseRecord(records, 'SD-7', {}, ['to_inspect', 'unqualified'], 'score')).message).toBe('SD-7 has 2 records to score: 2026-11-30 for li, 2026-12-01 for wang');
    expect(thrown(() => chooseRecord(records, 'SD-7', { day: '2026-11-29' }, ['to_inspect'], 'score')).exitCode).toBe(3);
  });

  it('lets only a supervisor who did not score it decide an appeal', () => {
    const record = foldRecords(events)[0]!;
    expect(thrown(() => planDecision(record, 'overturn', 'r', { actor: 'wu', supervisor: false })).message).toBe('only a supervisor decides an appeal, and wu is not one');
    expect(thrown(() => planDecision(record, 'overturn', 'r', { actor: 'lin', supervisor: true })).message).toBe('lin scored this record: another supervisor decides its appeal');
    expect(planDecision(record, 'overturn', 'r', { actor: 'chen', supervisor: true }).qa).toEqual({ day: '2026-11-30', agent: 'li', decision: 'overturn' });
  });

  it('gives the sample drawn already, refusing another seed', () => {
    const recorded = foldRecords(events);
    const again = planSample(recorded, () => { throw new Error('not drawn again'); }, { day: '2026-11-30', seed: null, newSeed: 'n', perAgent: null, defaultPerAgent: 20 });
    expect(again.existing?.map((r) => r.agent)).toEqual(['li']);
    expect(thrown(() => planSample(recorded, () => [], { day: '2026-11-30', seed: 'other', newSeed: 'n', perAgent: null, defaultPerAgent: 20 })).message).toBe('the sample of 2026-11-30 was drawn already, with seed x, by lin: a day has one sample');
    expect(thrown(() => planSample(recorded, () => [], { day: '2026-11-30', seed: 'x', newSeed: 'n', perAgent: 5, defaultPerAgent: 20 })).message).toBe('the sample of 2026-11-30 was drawn already, 20 records per agent, by lin: a day has one sample');
    expect(planSample(recorded, () => [], { day: '2026-11-30', seed: 'x', newSeed: 'n', perAgent: 20, defaultPerAgent: 5 }).existing).toHaveLength(1);
    const fresh = planSample(recorded, () => [{ ticket_id: 3, number: 'SD-3', agent: 'zhou', roles: ['logged'] }], { day: '2026-11-29', seed: null, newSeed: 'n', perAgent: null, defaultPerAgent: 20 });
    expect(fresh.existing).toBeNull();
    expect(fresh.events).toEqual([{ ticket_id: 3, kind: 'qa_sample', qa: { day: '2026-11-29', agent: 'zhou', seed: 'n', per_agent: 20, roles: ['logged'] }, text: null }]);
  });
});

describe('quality.yaml problems as line:column', () => {
  const root = mkdtempSync(join(tmpdir(), 'desk-unit-quality-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const problems = (text: string) => {
    const path = join(root, 'quality.yaml');
    writeFileSync(path, text);
    return thrown(() => loadQualityFile(path, root, DEFAULT_VOCABULARY)).message;
  };
  const ITEMS = 'items:\n  greeting: { en: Greeting, zh: 问候语, weight: 10 }\n';

  it.each([
    { text: `${ITEMS}sampling: { per_agnt: 20 }\n`, report: 'quality.yaml:3:13: sampling.per_agnt: unknown key "per_agnt" (did you mean "per_agent"?)' },
    { text: 'items:\n  greeting: { en: Greeting, zh: 问候语, weight: 0 }\n', report: 'quality.yaml:2:46: items.greeting.weight: a weight is above 0' },
    { text: 'items:\n  Greeting: { en: Greeting, zh: 问候语, weight: 1 }\n', report: 'quality.yaml:2:3: items.Greeting: item ids use lower-case letters, digits, - and _' },
    { text: `${ITEMS}sampling: { channels: [fax] }\n`, report: 'quality.yaml:3:24: sampling.channels.0: "fax" is not one of the desk\'s channels: phone, email, web, onsite' },
    {
      text: `${ITEMS}points:\n  bands:\n    - { below: 15, effect: a }\n    - { below: 20, effect: b }\n`,
      report: 'quality.yaml:6:16: points.bands.1.below: list the bands from the highest threshold down: 20 follows 15',
    },
    { text: `${ITEMS}points:\n  bands:\n    - { below: 30, effect: a }\n`, report: 'quality.yaml:5:16: points.bands.0.below: 30 is above the 26 points a month starts with' },
    { text: `${ITEMS}appraisal: { weights: { quality: 0 } }\n`, report: 'quality.yaml:3:23: appraisal.weights: give at least one part a weight above 0' },
  ])('$report', ({ text, report }) => {
    expect(problems(text)).toBe(report);
  });

  it('fills the 004 defaults when only the items are given', () => {
    const path = join(root, 'quality.yaml');
    writeFileSync(path, ITEMS);
    const policy: QualityPolicy = compileQuality(loadQualityFile(path, root, DEFAULT_VOCABULARY));
    expect(policy).toMatchObject({ sampling: { perAgent: 20, ownTickets: false, channels: null }, points: { monthly: 26, unqualifiedPerDay: 4, deduct: 1, bands: [] }, unqualified: { anyFailed: true, below: null } });
  });
});
