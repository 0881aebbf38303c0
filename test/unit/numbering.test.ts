import { describe, expect, it } from 'vitest';
import { NotFoundError, UsageError } from '../../src/domain/errors.js';
import { chooseBareRefTicket, formatTicketNumber, parseTicketRef, sequenceName, type BareRef, type RefScope } from '../../src/domain/numbering.js';
import { thrown } from './thrown.js';

describe('ticket numbers', () => {
  it.each([
    ['SD', '202611', 42, 5, 'SD-202611-00042'],
    ['SD', '202611', 1, 3, 'SD-202611-001'],
    ['HD', '202701', 99999, 5, 'HD-202701-99999'],
    ['SD', '202611', 123456, 5, 'SD-202611-123456'], // a busy month outgrows the padding, never truncated
  ] as const)('%s, %s, %d padded to %d digits: %s', (prefix, month, value, digits, number) => {
    expect(formatTicketNumber(sequenceName(prefix, month), value, digits)).toBe(number);
  });
});

const NOVEMBER: RefScope = { prefix: 'SD', digits: 5, month: '202611' };
const bare = (value: number, month = '202611', digits = 5): BareRef => ({ bare: value, month, thisMonth: formatTicketNumber(`SD-${month}`, value, digits) });

describe('parseTicketRef', () => {
  it.each<[string, RefScope, unknown]>([
    ['SD-202611-00042', NOVEMBER, { number: 'SD-202611-00042' }],
    [' sd-202611-00042 ', NOVEMBER, { number: 'SD-202611-00042' }],
    ['sd-202611-3', NOVEMBER, { number: 'SD-202611-00003' }],
    ['SD-202610-0000013', NOVEMBER, { number: 'SD-202610-00013' }],
    ['SD-202611-123456', NOVEMBER, { number: 'SD-202611-123456' }],
    ['HD-202611-7', { prefix: 'HD', digits: 4, month: '202611' }, { number: 'HD-202611-0007' }],
    // Another desk's numbers, imported, keep the zeros they came with.
    ['xa-202611-0042', NOVEMBER, { number: 'XA-202611-0042' }],
    ['inc0012345', NOVEMBER, { number: 'INC0012345' }],
    ['HD-2025-0042', NOVEMBER, { number: 'HD-2025-0042' }],
    ['#13', NOVEMBER, { id: 13 }],
    [' #0013', NOVEMBER, { id: 13 }],
    ['2611-3', NOVEMBER, { number: 'SD-202611-00003' }],
    ['2610-13', NOVEMBER, { number: 'SD-202610-00013' }],
    ['202611-3', NOVEMBER, { number: 'SD-202611-00003' }],
    ['2701-00003', { prefix: 'HD', digits: 4, month: '202611' }, { number: 'HD-202701-0003' }],
    ['13', NOVEMBER, bare(13)],
    [' 0013 ', NOVEMBER, bare(13)],
    ['13', { prefix: 'SD', digits: 5, month: '202612' }, bare(13, '202612')],
    ['7', { prefix: 'SD', digits: 3, month: '202611' }, bare(7, '202611', 3)],
  ])('reads "%s"', (text, scope, ref) => {
    expect(parseTicketRef(text, scope)).toEqual(ref);
  });

  it.each([
    ['abc', /"abc" is not a ticket reference/],
    ['', /"" is not a ticket reference/],
    ['#', /"#" is not a ticket reference/],
    ['#x', /"#x" is not a ticket reference/],
    ['#-1', /"#-1" is not a ticket reference/],
    ['#13a', /"#13a" is not a ticket reference/],
    ['2611-', /"2611-" is not a ticket reference/],
    ['-3', /"-3" is not a ticket reference/],
    ['2611-3-4', /"2611-3-4" is not a ticket reference/],
    ['13.5', /"13.5" is not a ticket reference/],
    ['2613-3', /"2613-3": 13 is not a month/],
    ['202600-3', /"202600-3": 00 is not a month/],
    ['99999999999999999999', /is not a ticket reference/],
    ['SD 202611 3', /is not a ticket reference/],
  ])('refuses "%s" naming the accepted forms', (text, message) => {
    const error = thrown(() => parseTicketRef(text, NOVEMBER));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(message);
    expect(error.hint).toBe("write a number (SD-202611-00042 or 2611-42), '#42' for the id, or 42 when that is unambiguous");
  });
});

describe('chooseBareRefTicket', () => {
  const ticket = (id: number, number: string) => ({ id, number });
  const october13 = ticket(13, 'SD-202610-00013');
  const november13 = ticket(40, 'SD-202611-00013');
  const both13 = ticket(13, 'SD-202611-00013');

  it.each([
    ['id and number are the same ticket', both13, both13, both13],
    ['only the id exists', october13, undefined, october13],
    ['only the number exists', undefined, november13, november13],
  ])('takes the ticket when %s', (_, byId, byNumber, chosen) => {
    expect(chooseBareRefTicket(bare(13), byId, byNumber)).toBe(chosen);
  });

  it('refuses when the id and this month\'s number are different tickets, naming both and the fix', () => {
    const error = thrown(() => chooseBareRefTicket(bare(13), october13, november13));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('ticket 13 is ambiguous: id 13 is SD-202610-00013, number 13 of this month is SD-202611-00013');
    expect(error.hint).toBe("write '#13' for the id, or 2611-13 for this month's number");
  });

  it('names no ticket when neither exists', () => {
    const error = thrown(() => chooseBareRefTicket(bare(13), undefined, undefined));
    expect(error).toBeInstanceOf(NotFoundError);
    expect([error.exitCode, error.message]).toEqual([3, 'no ticket 13']);
  });
});
