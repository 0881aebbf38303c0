// What the desk adds to an imported row: classification by the rules (--classify), and the SLA
// clock of DESIGN.md counted from the ticket's own creation, so that reports over imported
// months judge historical tickets by the calendars as they were.
import { CLASSIFY_FIELDS, type ClassifyField, type RuleEngine } from '../rules/engine.js';
import { toRuleInput } from '../domain/routing.js';
import type { EventData, Ticket, TicketPatch } from '../domain/ticket.js';
import type { SlaPolicy } from '../sla/targets.js';
import { startClock } from '../domain/ticket-clock.js';
import type { ImportRecord, ImportTicket } from '../store/store.js';

const MILESTONES = [
  ['first_response_at', 'response_due_at', 'response_met'],
  ['dispatched_at', 'dispatch_due_at', 'dispatch_met'],
  ['resolved_at', 'resolve_due_at', 'resolve_met'],
] as const;
const DUE_FIELDS = ['response_due_at', 'dispatch_due_at', 'resolve_due_at'] as const;
// Computed by the clock unless the row gives them (a round trip keeps what the export said).
const CLOCK_FIELDS = [...DUE_FIELDS, 'update_due_at'] as const;

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
 * The SLA clock of DESIGN.md for a historical ticket: due times from the calendars and the
 * ticket's own creation (startClock), except those the row has a column for (even an empty one:
 * a round trip keeps what the export said); whether each deadline was met, by the row's own
 * timestamps; and the business durations the monthly report reads.
 */
export function startImportedClock(sla: SlaPolicy | null, ticket: ImportTicket, given: readonly string[], now: number): ImportTicket {
  if (ticket.urgency === null) ticket.urgency = 'normal';
  if (ticket.status === 'pending' && ticket.paused_at === null) ticket.paused_at = now;
  const started = sla ? (startClock(sla, ticket) as ImportTicket) : ticket;
  if (sla) for (const field of CLOCK_FIELDS) if (ticket[field] !== null || given.includes(field)) started[field] = ticket[field];
  for (const [at, due, met] of MILESTONES) {
    if (ticket[met] !== null || given.includes(met)) started[met] = ticket[met];
    else {
      const done = started[at];
      const deadline = started[due];
      started[met] = done !== null && deadline !== null ? done <= deadline : null;
    }
  }
  return started;
}

// Never changed by --update: how the ticket is known, and the store's own bookkeeping.
const FIXED = new Set(['id', 'number', 'version', 'updated_at', 'updated_by']);

/**
 * `--update`: the row's columns overwrite the ticket (an empty cell clears the field); due times
 * the row does not give follow when their inputs change, and met flags and business durations
 * follow the times.
 */
export function planImportUpdate(sla: SlaPolicy | null): (existing: Ticket, record: ImportRecord) => TicketPatch | null {
  return (existing, record) => {
    const patch: Record<string, unknown> = {};
    const source = record.ticket as unknown as Record<string, unknown>;
    for (const field of record.given) if (!FIXED.has(field)) patch[field] = source[field];
    if ('type' in patch || 'category' in patch || 'urgency' in patch) patch.manual_fields = record.ticket.manual_fields;
    const changed = (field: keyof Ticket) => field in patch && patch[field] !== existing[field];
    let merged = { ...existing, ...patch } as Ticket;
    if (sla && ['created_at', 'urgency', 'type', 'first_response_at', 'resolved_at'].some((f) => changed(f as keyof Ticket))) {
      const clock = startClock(sla, merged);
      if (changed('created_at') || changed('urgency') || changed('type')) {
        for (const field of DUE_FIELDS) if (!record.given.includes(field)) patch[field] = clock[field];
      }
      patch.response_business_ms = clock.response_business_ms;
      patch.resolve_business_ms = clock.resolve_business_ms;
      merged = { ...merged, ...patch } as Ticket;
    }
    for (const [at, due, met] of MILESTONES) {
      if (record.given.includes(met)) continue;
      const done = merged[at];
      const deadline = merged[due];
      const value = done !== null && deadline !== null ? done <= deadline : null;
      if (value !== existing[met]) patch[met] = value;
    }
    return patch as TicketPatch;
  };
}
