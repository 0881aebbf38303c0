// On-site visits: the service report of each trip (fault cause, parts, costs, the requester's
// opinion). Money is kept as integer cents so sums are exact.
import { UsageError } from './errors.js';

export interface Visit {
  id: number;
  ticket_id: number;
  visited_at: number;
  /** The local date of the visit, for counting days. */
  visit_date: string;
  staff: string[];
  person_times: number;
  hours: number | null;
  parts: string | null;
  materials_cents: number;
  transport_cents: number;
  cause: string | null;
  opinion: string | null;
  recorded_at: number;
  recorded_by: string;
}

export type NewVisit = Omit<Visit, 'id' | 'ticket_id' | 'recorded_at' | 'recorded_by'>;

/** "120", "120.5", "120.50" → 12050 cents; negative amounts and fractions of a cent are refused. */
export function parseMoney(text: string, flag: string): number {
  const trimmed = text.trim();
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(trimmed)) {
    throw new UsageError(`${flag}: "${text}" is not an amount`, 'a non-negative amount with at most two decimals, e.g. 120 or 35.50');
  }
  const [whole, fraction = ''] = trimmed.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export function formatMoney(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(2)} ${currency}`;
}

export function parseHours(text: string, flag: string): number {
  const hours = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || hours > 24 * 31) throw new UsageError(`${flag}: "${text}" is not a number of hours`, 'e.g. --hours 2.5');
  return hours;
}

export function parseStaff(text: string, flag: string): string[] {
  const staff = [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
  if (!staff.length) throw new UsageError(`${flag}: name at least one person`, 'e.g. --staff sun,zhou');
  return staff;
}
