// A target's length as sla.yaml writes it, read into working days and business time.
import { describe, expect, it } from 'vitest';
import { readTargetDuration } from '../../src/sla/target-duration.js';

describe('reading a target duration', () => {
  it.each([
    ['10m', { workingDays: 0, ms: 600_000 }],
    ['2h', { workingDays: 0, ms: 7_200_000 }],
    ['1h30m', { workingDays: 0, ms: 5_400_000 }],
    ['1d', { workingDays: 1, ms: 0 }],
    ['2d4h', { workingDays: 2, ms: 14_400_000 }],
    ['90m', { workingDays: 0, ms: 5_400_000 }],
  ])('reads the duration %s', (text, duration) => {
    expect(readTargetDuration(text)).toEqual(duration);
  });

  it.each(['', '0m', '10', '1w', '30m1h', '1.5h', '-1h', 'h'])('refuses the duration "%s"', (text) => {
    expect(readTargetDuration(text)).toBeUndefined();
  });
});
