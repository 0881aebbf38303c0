// The lists of records a ticket carries (supervision orders, sub-tasks) as an export writes them in
// a JSON cell, read back by an import: one reader of the cell and of each record's fields.
import { UsageError } from './errors.js';

export interface RecordFields {
  /** The field's text; null when absent, refused when required or not text. */
  text(field: string, required: boolean): string | null;
  /** The field's time, read as the import reads times. */
  time(field: string, required: boolean): number | null;
  readonly record: Record<string, unknown>;
}

/**
 * Each record of the cell's JSON list given to `read`, with its fields' readers; `what` names a
 * record in the messages ("order 2: team must be text").
 */
export function readListedRecords<T>(value: unknown, what: { one: string; many: string }, readTime: (text: string, field: string) => number, read: (fields: RecordFields, place: string) => T): T[] {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (!Array.isArray(list)) throw new UsageError(`expected a list of ${what.many}`, 'the JSON list an export writes');
  return list.map((item, i) => {
    const record = (item ?? {}) as Record<string, unknown>;
    const place = `${what.one} ${i + 1}`;
    const text = (field: string, required: boolean): string | null => {
      const v = record[field];
      if (typeof v === 'string' && v.trim()) return v;
      if (required || (v !== null && v !== undefined)) throw new UsageError(`${place}: ${field} must be text`);
      return null;
    };
    const time = (field: string, required: boolean): number | null => {
      const t = text(field, required);
      return t === null ? null : readTime(t, field);
    };
    return read({ text, time, record }, place);
  });
}
