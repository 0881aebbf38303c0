import { describe, expect, it } from 'vitest';
import { identityOf, repeatsEarlierRow } from '../../src/importer/row-identity.js';
import type { TicketKey } from '../../src/store/store.js';

const OCT_6 = Date.UTC(2026, 9, 6, 1);
const OCT_7 = Date.UTC(2026, 9, 7, 1);

describe('identityOf', () => {
  it.each<{ case: string; row: { external_id: string | null; number: string | null; created_at: number; title: string }; key: TicketKey | null }>([
    {
      case: 'an external id names the ticket, whatever the number says',
      row: { external_id: 'ZH-0001', number: 'SD-202610-00042', created_at: OCT_6, title: 'Printer jams' },
      key: { external_id: 'ZH-0001' },
    },
    {
      case: 'without one, the number with the creation time and title (a desk export read back)',
      row: { external_id: null, number: 'SD-202610-00042', created_at: OCT_6, title: 'Printer jams' },
      key: { number: 'SD-202610-00042', created_at: OCT_6, title: 'Printer jams' },
    },
    {
      case: 'another system\'s number counts the same',
      row: { external_id: null, number: 'INC0012345', created_at: OCT_6, title: 'VPN down' },
      key: { number: 'INC0012345', created_at: OCT_6, title: 'VPN down' },
    },
    {
      case: 'neither: the row names no ticket and is always new',
      row: { external_id: null, number: null, created_at: OCT_6, title: 'Printer jams' },
      key: null,
    },
  ])('$case', ({ row, key }) => {
    expect(identityOf(row)).toEqual(key);
  });
});

describe('repeatsEarlierRow', () => {
  const byNumber = (number: string, created_at = OCT_6, title = 'Printer jams'): TicketKey => ({ number, created_at, title });
  it.each<{ case: string; keys: (TicketKey | null)[]; repeats: boolean[] }>([
    {
      case: 'the same number, creation and title again: the later rows are the first',
      keys: [byNumber('SD-202610-00042'), byNumber('SD-202610-00042'), byNumber('SD-202610-00042')],
      repeats: [false, true, true],
    },
    {
      case: 'the same number created at another time, or with another title, is another ticket',
      keys: [byNumber('SD-202610-00042'), byNumber('SD-202610-00042', OCT_7), byNumber('SD-202610-00042', OCT_6, 'Printer jams again')],
      repeats: [false, false, false],
    },
    {
      case: 'repeated external ids are no concern here (the run rejects them), nor rows without a key',
      keys: [{ external_id: 'X-1' }, { external_id: 'X-1' }, null, null],
      repeats: [false, false, false, false],
    },
    {
      case: 'a repeat counts across rows between',
      keys: [byNumber('A-1'), null, { external_id: 'X-1' }, byNumber('B-1'), byNumber('A-1')],
      repeats: [false, false, false, false, true],
    },
  ])('$case', ({ keys, repeats }) => {
    expect(repeatsEarlierRow(keys)).toEqual(repeats);
  });
});
