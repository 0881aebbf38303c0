import { describe, expect, it } from 'vitest';
import { parseOutcome } from '../../src/domain/callback-outcome.js';
import { UsageError } from '../../src/domain/errors.js';
import { DEFAULT_SATISFACTION_LABELS, parseSatisfaction } from '../../src/domain/satisfaction.js';
import { thrown } from './thrown.js';

describe('parseSatisfaction', () => {
  it.each([
    ['1', 1], ['3', 3], ['5', 5], [' 4 ', 4],
    ['满意', 5], ['基本满意', 4], ['不满意', 1], [' 满意 ', 5],
    ['satisfied', 5], ['Fairly  Satisfied', 4], ['DISSATISFIED', 1],
  ] as const)('reads "%s" as %d with the built-in labels', (text, value) => {
    expect(parseSatisfaction(text, '--satisfaction')).toBe(value);
  });

  it('reads the labels it is given', () => {
    const labels = { 非常满意: 5, 满意: 4, 一般: 3 };
    expect([parseSatisfaction('满意', '--satisfaction', labels), parseSatisfaction('一般', '--satisfaction', labels), parseSatisfaction('2', '--satisfaction', labels)]).toEqual([4, 3, 2]);
  });

  it.each(['0', '6', '-1', '3.5', 'five', '', '很满意'])('refuses "%s", naming the numbers and the labels', (text) => {
    const error = thrown(() => parseSatisfaction(text, '--satisfaction'));
    expect([error.constructor, error.message, error.hint]).toEqual([
      UsageError,
      `--satisfaction: "${text}" is not a rating`,
      'give a whole number from 1 (very dissatisfied) to 5 (very satisfied), or one of 满意 (5), 基本满意 (4), 不满意 (1), satisfied (5), fairly satisfied (4), dissatisfied (1)',
    ]);
  });

  it('scores 基本满意 and fairly satisfied as 4, above the middle of the scale', () => {
    expect(DEFAULT_SATISFACTION_LABELS).toEqual({ 满意: 5, 基本满意: 4, 不满意: 1, satisfied: 5, 'fairly satisfied': 4, dissatisfied: 1 });
  });
});

describe('parseOutcome', () => {
  it.each([
    ['reached', 'reached'], [' Unreachable ', 'unreachable'], ['refused', 'refused'],
    ['已联系', 'reached'], ['未接通', 'unreachable'], ['无法联系', 'unreachable'], ['拒绝回访', 'refused'],
  ] as const)('reads "%s" as %s', (text, outcome) => {
    expect(parseOutcome(text, '--outcome')).toBe(outcome);
  });

  it('refuses another word, naming the outcomes', () => {
    const error = thrown(() => parseOutcome('busy', '--outcome'));
    expect([error.constructor, error.message, error.hint]).toEqual([UsageError, '--outcome: unknown outcome "busy"', 'accepted: reached (已联系), unreachable (未接通), refused (拒绝回访)']);
  });
});
