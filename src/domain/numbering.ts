// Ticket numbers: PREFIX-YYYYMM-NNNNN, the sequence restarting every month.

export interface NumberingSettings {
  prefix: string;
  digits: number;
}

export function sequenceName(prefix: string, month: string): string {
  return `${prefix}-${month}`;
}

export function formatTicketNumber(sequence: string, value: number, digits: number): string {
  return `${sequence}-${String(value).padStart(digits, '0')}`;
}

/** A command-line reference to a ticket: its integer id or its number. */
export type TicketRef = { id: number } | { number: string };

export function parseTicketRef(text: string): TicketRef {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? { id: Number(trimmed) } : { number: trimmed.toUpperCase() };
}
