import { describe, expect, it } from 'vitest';
import { NotFoundError, UsageError } from '../../src/domain/errors.js';
import {
  chooseBareRefTicket, createDeskNumbering, fitDrawnNumbers, formatDrawnNumbers, formatTicketNumber, parseTicketRef, planImportNumbers, sequenceName,
  type BareRef, type NumberRequest, type RefScope,
} from '../../src/domain/numbering.js';
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

// Months read in UTC: the tests name instants by their UTC month.
const SD = createDeskNumbering({ prefix: 'SD', digits: 5 }, (instant) => new Date(instant).toISOString().slice(0, 7).replace('-', ''));
const OCTOBER = Date.UTC(2026, 9, 6, 1);
const NOVEMBER_3 = Date.UTC(2026, 10, 3, 1);

describe('createDeskNumbering', () => {
  it('draws from the sequence of the creation month and pads to the digits', () => {
    expect([SD.sequenceOf(OCTOBER), SD.sequenceOf(NOVEMBER_3)]).toEqual(['SD-202610', 'SD-202611']);
    expect(SD.format('SD-202610', 42)).toBe('SD-202610-00042');
  });

  it.each<[string, { sequence: string; value: number } | null]>([
    ['SD-202610-00042', { sequence: 'SD-202610', value: 42 }],
    ['SD-202610-042', { sequence: 'SD-202610', value: 42 }],
    ['SD-202610-123456', { sequence: 'SD-202610', value: 123456 }],
    ['HD-202610-00042', null], // another prefix
    ['INC0012345', null], // another system's pattern
    ['SD-2026-00042', null],
  ])('reads %s as %j', (number, parsed) => {
    expect(SD.parse(number)).toEqual(parsed);
  });
});

describe('planImportNumbers', () => {
  const at = (given: string | null, createdAt = OCTOBER): NumberRequest => ({ given, createdAt });
  it.each<{ case: string; requests: NumberRequest[]; taken?: string[]; kept: (string | null)[]; floors: [string, number][]; draws: [string, number[]][] }>([
    {
      case: "a free number of the desk's own is kept, and its sequence must reach it",
      requests: [at('SD-202610-00042')],
      kept: ['SD-202610-00042'], floors: [['SD-202610', 42]], draws: [],
    },
    {
      case: "another system's free number is kept and moves no sequence",
      requests: [at('INC0012345')],
      kept: ['INC0012345'], floors: [], draws: [],
    },
    {
      case: 'a taken number is not kept: the row draws from the month of its creation',
      requests: [at('SD-202610-00001', NOVEMBER_3)], taken: ['SD-202610-00001'],
      kept: [null], floors: [], draws: [['SD-202611', [0]]],
    },
    {
      case: 'the same number twice: the first row keeps it, the second draws',
      requests: [at('SD-202610-00042'), at('SD-202610-00042', NOVEMBER_3)],
      kept: ['SD-202610-00042', null], floors: [['SD-202610', 42]], draws: [['SD-202611', [1]]],
    },
    {
      case: 'rows without a number draw by month, in the order the months first come',
      requests: [at(null, NOVEMBER_3), at(null), at(null, NOVEMBER_3)],
      kept: [null, null, null], floors: [], draws: [['SD-202611', [0, 2]], ['SD-202610', [1]]],
    },
    {
      case: 'several kept numbers of one month: the sequence must reach the highest',
      requests: [at('SD-202610-00042'), at('SD-202610-00007'), at('SD-202609-00100'), at('SD-202610-043')],
      kept: ['SD-202610-00042', 'SD-202610-00007', 'SD-202609-00100', 'SD-202610-043'], floors: [['SD-202610', 43], ['SD-202609', 100]], draws: [],
    },
  ])('$case', ({ requests, taken = [], kept, floors, draws }) => {
    const plan = planImportNumbers(requests, new Set(taken), SD);
    expect({ kept: plan.kept, floors: [...plan.floors], draws: [...plan.draws] }).toEqual({ kept, floors, draws });
  });
});

describe('fitDrawnNumbers', () => {
  const october = (...values: number[]) => values.map((v) => SD.format('SD-202610', v));
  it.each<{ case: string; waiting: number[]; drawn: string[]; unavailable: string[]; draw: 'first' | 'later'; given: [number, string][]; left: number[] }>([
    {
      case: 'first draw, all free: the k-th row takes the k-th number',
      waiting: [3, 5, 8], drawn: october(1, 2, 3), unavailable: [], draw: 'first',
      given: [[3, 'SD-202610-00001'], [5, 'SD-202610-00002'], [8, 'SD-202610-00003']], left: [],
    },
    {
      case: 'first draw, one number taken: its row waits for the next draw, the others keep their places',
      waiting: [3, 5, 8], drawn: october(1, 2, 3), unavailable: ['SD-202610-00002'], draw: 'first',
      given: [[3, 'SD-202610-00001'], [8, 'SD-202610-00003']], left: [5],
    },
    {
      case: 'a later draw, all free: in turn',
      waiting: [5, 9], drawn: october(4, 5), unavailable: [], draw: 'later',
      given: [[5, 'SD-202610-00004'], [9, 'SD-202610-00005']], left: [],
    },
    {
      case: 'a later draw passes over a taken number: the next row still waiting takes the next free one',
      waiting: [5, 9], drawn: october(4, 5), unavailable: ['SD-202610-00004'], draw: 'later',
      given: [[5, 'SD-202610-00005']], left: [9],
    },
  ])('$case', ({ waiting, drawn, unavailable, draw, given, left }) => {
    expect(fitDrawnNumbers(waiting, drawn, (n) => unavailable.includes(n), draw)).toEqual({ given, waiting: left });
  });

  it('draws as many numbers as asked, from the first value on', () => {
    expect(formatDrawnNumbers(SD, 'SD-202611', 9, 3)).toEqual(['SD-202611-00009', 'SD-202611-00010', 'SD-202611-00011']);
  });
});
