// The appraisal's arithmetic, worked by hand: the parts, the weighted score, the ranks, and who is appraised.
import { describe, expect, it } from 'vitest';
import { appraisalScore, appraiseAgents, rankRows, type AppraisalRules } from '../../src/report/appraisal.js';
import { DEFAULT_APPRAISAL_RULES } from '../../src/quality/load.js';
import { TeamDirectory } from '../../src/domain/vocabulary.js';
import type { AppraisalFacts, SupervisionFacts } from '../../src/report/facts.js';
import { foldRecords, type QualityEvent } from '../../src/domain/quality.js';

const rules: AppraisalRules = DEFAULT_APPRAISAL_RULES; // quality 30, response 15, accuracy 15, resolution 20, satisfaction 20; 5 per complaint

describe('appraisalScore', () => {
  it.each([
    { case: 'every part at 100', parts: { quality: 100, response: 100, accuracy: 100, resolution: 100, satisfaction: 100 }, complaints: 0, score: 100 },
    // (30·96.2 + 15·80 + 15·90 + 20·75 + 20·84) / 100 = (2886 + 1200 + 1350 + 1500 + 1680) / 100 = 86.16
    { case: 'mixed parts', parts: { quality: 96.2, response: 80, accuracy: 90, resolution: 75, satisfaction: 84 }, complaints: 0, score: 86.2 },
    { case: 'the same with two complaints found true', parts: { quality: 96.2, response: 80, accuracy: 90, resolution: 75, satisfaction: 84 }, complaints: 2, score: 76.2 },
    // no inspection and no ratings: (15·80 + 15·90 + 20·75) / 50 = (1200 + 1350 + 1500) / 50 = 81
    { case: 'parts without figures give their weight to the others', parts: { quality: null, response: 80, accuracy: 90, resolution: 75, satisfaction: null }, complaints: 0, score: 81 },
    { case: 'nothing measured', parts: { quality: null, response: null, accuracy: null, resolution: null, satisfaction: null }, complaints: 0, score: null },
    { case: 'never below 0', parts: { quality: 10, response: 0, accuracy: 0, resolution: 0, satisfaction: 20 }, complaints: 3, score: 0 },
  ])('$case → $score', ({ parts, complaints, score }) => {
    expect(appraisalScore(parts, complaints, rules)).toBe(score);
  });
});

describe('rankRows', () => {
  it('ranks by score, equal scores sharing a rank, the unscored last without one', () => {
    const rows = [{ agent: 'd', score: 70 }, { agent: 'a', score: 90 }, { agent: 'c', score: null }, { agent: 'b', score: 90 }, { agent: 'e', score: 85 }];
    expect(rankRows(rows).map((r) => [r.agent, r.rank])).toEqual([['a', 1], ['b', 1], ['e', 3], ['d', 4], ['c', null]]);
  });
});

describe('appraiseAgents', () => {
  const teams = new TeamDirectory(
    [
      { key: 'desk', name: 'Desk', label: { en: 'Desk', zh: '服务台' }, supervisor: 'chen', members: ['li', 'wang'] },
      { key: 'field', name: 'Field', label: { en: 'Field', zh: '现场' }, supervisor: 'zhao', members: ['sun'] },
    ],
    'chen',
  );
  const appraisal: AppraisalFacts = {
    logged: { li: 30, wang: 10, script: 500 },
    // li: 4 responses of 2, 4, 6 and 30 business minutes, 3 on time
    responses: { li: { business_ms: [240_000, 120_000, 1_800_000, 360_000], on_time: 3, late: 1 } },
    returns: { li: 2 },
    reopens: { li: 1 },
  };
  const supervision: SupervisionFacts = { supervision: {}, assists: {}, verification: { yes: 1, partly: 0, no: 0, by_cause: {}, by_target: {}, agents: { li: { complaints: 1, upheld: 1 } } } };
  let id = 1;
  const event = (kind: QualityEvent['kind'], day: string, ticket: number, qa: Partial<QualityEvent['qa']> = {}): QualityEvent => ({ id: id++, ticket_id: ticket, number: `SD-${ticket}`, at: id, actor: 'lin', kind, qa: { day, agent: 'li', ...qa }, text: null });
  // li: two days inspected, 4 records each; on the first 4 unqualified (−1 point), on the second 1
  const records = foldRecords(
    [1, 2, 3, 4, 5, 6, 7, 8].flatMap((n) => [event('qa_sample', n <= 4 ? '2026-11-02' : '2026-11-03', n), event('qa_score', n <= 4 ? '2026-11-02' : '2026-11-03', n, { score: 70, unqualified: n <= 5 })]),
  );
  const agents = [{ agent: 'li', handled: 20, resolved: 16, sla_met: 12, sla_missed: 4, satisfaction_sum: 36, satisfaction_count: 9 }];

  const rows = appraiseAgents({ agents, appraisal, supervision, records }, rules, teams, null);

  it("works out li's row by hand", () => {
    expect(rows.find((r) => r.agent === 'li')).toEqual({
      agent: 'li', team: 'desk', logged: 30, handled: 20, resolved: 16,
      // sorted 2, 4, 6, 30: the value at rank ⌈4/2⌉ = 2 is 4 minutes
      first_response: { count: 4, median_business_minutes: 4, on_time: 3, late: 1, on_time_rate: 0.75 },
      resolution_sla: { met: 12, missed: 4, rate: 0.75 },
      satisfaction: { average: 4, rated: 9 },
      quality: { inspected: 8, unqualified: 5, days_inspected: 2, days_deducted: 1, points: 25, band: null },
      complaints_verified: 1, returns: 2, reopens: 1,
      // quality 25/26 = 96.2; response 75; accuracy 1 − 3/46 = 93.5; resolution 75; satisfaction 4/5 = 80
      parts: { quality: 96.2, response: 75, accuracy: 93.5, resolution: 75, satisfaction: 80 },
      // (30·96.2 + 15·75 + 15·93.5 + 20·75 + 20·80) / 100 = (2886 + 1125 + 1402.5 + 1500 + 1600) / 100 = 85.135, less 5
      score: 80.1,
      rank: 2,
    });
  });

  it('appraises the members of teams.yaml, idle ones too, and leaves out actors it does not name', () => {
    // wang logged 10 and nothing else: accuracy 1 − 0/10 = 100 is the only part
    expect(rows.map((r) => [r.agent, r.score, r.rank])).toEqual([['wang', 100, 1], ['li', 80.1, 2], ['sun', null, null]]);
    expect(appraiseAgents({ agents, appraisal, supervision, records }, rules, teams, 'field').map((r) => r.agent)).toEqual(['sun']);
  });

  it('appraises everyone who did anything when teams.yaml names nobody', () => {
    const anyone = appraiseAgents({ agents, appraisal, supervision, records }, rules, new TeamDirectory([]), null);
    expect(anyone.map((r) => r.agent).sort()).toEqual(['li', 'script', 'wang']);
  });
});
