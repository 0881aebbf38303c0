// What the desk adds to an imported row: classification by the rules (--classify), and the SLA
// clock of DESIGN.md counted from the ticket's own creation, so that reports over imported
// months judge historical tickets by the calendars as they were.
import { CLASSIFY_FIELDS, type ClassifyField, type RuleEngine } from '../rules/engine.js';
import { toRuleInput } from '../app/routing.js';
import type { EventData, Ticket, TicketPatch } from '../domain/ticket.js';
import type { SlaPolicy } from '../sla/targets.js';
import { settleStarted, withDeadlines } from '../app/ticket-clock.js';
import type { Settlement } from '../domain/settlement.js';
import type { ImportTicket } from '../store/store.js';
import type { ImportRecord, ImportUpdate } from './import-write.js';

const DUE_FIELDS = ['response_due_at', 'dispatch_due_at', 'resolve_due_at'] as const;
// Computed by the clock unless the row gives them (a round trip keeps what the export said).
const CLOCK_FIELDS = [...DUE_FIELDS, 'update_due_at'] as const;
const MET_FIELDS = ['response_met', 'dispatch_met', 'resolve_met'] as const;
// The times readHistory may fill in.
const HISTORY_FIELDS = ['resolved_at', 'dispatched_at', 'rated_at'] as const;

/**
 * Classifies a row that has no type by the rules. Fields the row gave are the source's decision
 * and are kept. Returns the classify event, or null when no rule decided anything.
 */
export function classifyImported(engine: RuleEngine, ticket: ImportTicket): { kind: 'classify'; data: EventData } | null {
  if (ticket.type !== null) return null;
  const keep = new Set<ClassifyField>(CLASSIFY_FIELDS.filter((field) => ticket[field] !== null));
  const outcome = engine.classify(toRuleInput(ticket as unknown as Ticket), keep);
  const decided = Object.entries(outcome.decided) as [ClassifyField, { value: string; rule: string }][];
  if (!decided.length) return null;
  const changes: Record<string, [unknown, unknown]> = {};
  const rules: Record<string, string> = {};
  for (const [field, { value, rule }] of decided) {
    if (ticket[field] !== value) changes[field] = [ticket[field], value];
    ticket[field] = value;
    rules[field] = rule;
  }
  const classifiedBy = [...(keep.size ? ['manual'] : []), ...new Set(decided.map(([, d]) => d.rule))].join(',');
  if (ticket.classified_by !== classifiedBy) changes.classified_by = [ticket.classified_by, classifiedBy];
  ticket.classified_by = classifiedBy;
  return { kind: 'classify', data: { changes, rules } };
}

/**
 * History as other systems leave it, read as it was (README, "Import and export"): a closed row
 * without a resolution time was resolved when it closed (a merged one was not resolved); one with a team or an assignee but no
 * dispatch time was dispatched at its first response, else at its creation; a call-back time is
 * a reached call-back, its attempt counted; and a rating was given at the call-back, else at the closure. A row without a first response says nothing of
 * one: its response deadline counts neither way.
 */
export function readHistory(ticket: ImportTicket): void {
  // A merged ticket was closed into another without a resolution of its own.
  if (ticket.resolved_at === null && ticket.closed_at !== null && ticket.status !== 'merged') ticket.resolved_at = ticket.closed_at;
  if (ticket.dispatched_at === null && (ticket.team !== null || ticket.assignee !== null)) ticket.dispatched_at = ticket.first_response_at ?? ticket.created_at;
  if (ticket.callback_at !== null) {
    ticket.callback_attempts = Math.max(1, ticket.callback_attempts);
    ticket.callback_outcome = 'reached';
  }
  if (ticket.satisfaction !== null && ticket.rated_at === null) ticket.rated_at = ticket.callback_at ?? ticket.closed_at ?? ticket.resolved_at ?? ticket.created_at;
}

/**
 * The SLA clock of DESIGN.md for a historical ticket: due times from the calendars and the
 * ticket's own creation, except those the row has a column for (even an empty one: a round trip
 * keeps what the export said); and each deadline settled by the row's own times as of `now`
 * (met flags the row gives are its own word), never breached by the import itself.
 */
export function startImportedClock(sla: SlaPolicy | null, ticket: ImportTicket, given: readonly string[], now: number): { ticket: ImportTicket; settlements: Settlement[] } {
  if (ticket.urgency === null) ticket.urgency = 'normal';
  readHistory(ticket);
  if (ticket.status === 'pending' && ticket.paused_at === null) ticket.paused_at = now;
  if (!sla) return { ticket, settlements: [] };
  const started = withDeadlines(sla, ticket);
  for (const field of CLOCK_FIELDS) if (ticket[field] !== null || given.includes(field)) started[field] = ticket[field];
  return settleStarted(sla, started);
}

// Never changed by --update: how the ticket is known, and the store's own bookkeeping.
const FIXED = new Set(['id', 'number', 'version', 'updated_at', 'updated_by']);

/**
 * `--update`: the row's columns overwrite the ticket (an empty cell clears the field); due times
 * the row does not give follow when their inputs change, and the current cycle's settlements,
 * met flags and business durations follow the times. An edit of past data may change a past
 * period's figures: that is what it is for.
 */
export function planImportUpdate(sla: SlaPolicy | null): (existing: Ticket, record: ImportRecord) => ImportUpdate | null {
  return (existing, record) => {
    const patch: Record<string, unknown> = {};
    const source = record.ticket as unknown as Record<string, unknown>;
    for (const field of record.given) if (!FIXED.has(field)) patch[field] = source[field];
    if ('type' in patch || 'category' in patch || 'urgency' in patch) patch.manual_fields = record.ticket.manual_fields;
    const read = { ...existing, ...patch } as unknown as ImportTicket;
    readHistory(read);
    for (const field of HISTORY_FIELDS) if (read[field] !== existing[field] && !(field in patch)) patch[field] = read[field];
    const changed = (field: keyof Ticket) => field in patch && patch[field] !== existing[field];
    if (!sla) return { patch: patch as TicketPatch, settlements: null };
    let merged = { ...existing, ...patch } as Ticket;
    if (changed('created_at') || changed('urgency') || changed('type')) {
      const clock = withDeadlines(sla, merged);
      for (const field of DUE_FIELDS) if (!record.given.includes(field)) patch[field] = clock[field];
      merged = { ...merged, ...patch } as Ticket;
    }
    const timesChanged = ['created_at', 'urgency', 'type', 'status', 'first_response_at', 'dispatched_at', 'resolved_at', 'closed_at', ...DUE_FIELDS, ...MET_FIELDS].some((f) => changed(f as keyof Ticket));
    if (!timesChanged) return { patch: patch as TicketPatch, settlements: null };
    const unflagged = { ...merged, update_met: null } as Ticket;
    for (const met of MET_FIELDS) if (!record.given.includes(met)) unflagged[met] = null;
    const settled = settleStarted(sla, unflagged);
    for (const field of [...MET_FIELDS, 'update_met', 'response_business_ms', 'resolve_business_ms'] as const) {
      if (settled.ticket[field] !== existing[field]) patch[field] = settled.ticket[field];
    }
    return { patch: patch as TicketPatch, settlements: settled.settlements };
  };
}
