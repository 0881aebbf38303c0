import { describe, expect, it } from 'vitest';
import { formatTicketNumber, parseTicketRef, sequenceName } from '../../src/domain/numbering.js';

describe('ticket numbers', () => {
  it.each([
    ['SD', '202611', 42, 5, 'SD-202611-00042'],
    ['SD', '202611', 1, 3, 'SD-202611-001'],
    ['HD', '202701', 99999, 5, 'HD-202701-99999'],
    ['SD', '202611', 123456, 5, 'SD-202611-123456'], // a busy month outgrows the padding, never truncated
  ] as const)('%s, %s, %d padded to %d digits: %s', (prefix, month, value, digits, number) => {
    expect(formatTicketNumber(sequenceName(prefix, month), value, digits)).toBe(number);
  });

  it.each([
    ['42', { id: 42 }],
    [' 7 ', { id: 7 }],
    ['00042', { id: 42 }],
    ['SD-202611-00042', { number: 'SD-202611-00042' }],
    [' sd-202611-00042 ', { number: 'SD-202611-00042' }],
  ] as const)('reads the reference "%s"', (text, ref) => {
    expect(parseTicketRef(text)).toEqual(ref);
  });
});
