// The desk the contract cases work in: fixed instants of November 2026 in Shanghai (UTC+8 all
// year), three teams, an SLA counted in plain elapsed time (so every due instant is a sum done by
// hand), and builders of tickets as the desk's commands would write them.
import { withClock, startClock } from '../../src/app/ticket-clock.js';
import type { Plan } from '../../src/domain/lifecycle.js';
import { formatTicketNumber, type BareRef, type TicketRef } from '../../src/domain/numbering.js';
import { unsupervisedCase, type NewTicket, type Ticket } from '../../src/domain/ticket.js';
import { TeamDirectory } from '../../src/domain/vocabulary.js';
import { compileSla } from '../../src/sla/targets.js';
import { RuleEngine } from '../../src/rules/engine.js';
import { RoutingFileSchema } from '../../src/rules/schema.js';
import type { CreateOptions, Store, UpdateResult } from '../../src/store/store.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** "MM-DD HH:MM" of 2026 in Shanghai, as epoch milliseconds. */
export function at(time: string): number {
  const ms = Date.parse(`2026-${time.replace(' ', 'T')}:00+08:00`);
  if (Number.isNaN(ms)) throw new Error(`not a time of 2026: ${time}`);
  return ms;
}

export const TEAMS = new TeamDirectory([
  { key: 'service-desk', name: 'Service desk', supervisor: 'chen', members: ['li', 'wang'] },
  { key: 'desktop', name: 'Desktop support', supervisor: 'zhao', members: ['sun', 'zhou'] },
  { key: 'network', name: 'Network', supervisor: 'qian', members: ['wu', 'zheng'] },
]);

/**
 * Every target in plain elapsed time. Normal: response 30 min, dispatch 2 h, resolution 8 h,
 * a progress update every 4 h. Urgent: 10 min, 30 min, 4 h, 2 h. Critical: 5 min, 10 min, 1 h,
 * no progress updates.
 */
export const SLA = compileSla(
  {
    timezone: 'Asia/Shanghai',
    calendars: { always: '24x7' },
    targets: {
      normal: { response: '30m', dispatch: '2h', resolve: '8h', update: '4h', calendar: 'always' },
      urgent: { response: '10m', dispatch: '30m', resolve: '4h', update: '2h', calendar: 'always' },
      critical: { response: '5m', dispatch: '10m', resolve: '1h', calendar: 'always' },
    },
  },
  'Asia/Shanghai',
);

/** A new ticket as `desk create` would make it: logged 3 November 09:00, new, normal, nothing else known. */
export function newTicket(fields: Partial<NewTicket> = {}): NewTicket {
  return {
    ...unsupervisedCase(),
    external_id: null, created_at: at('11-03 09:00'), channel: 'phone', requester: 'Li Lei', department: null,
    contact: null, title: 'Printer jams', description: null, occurred_at: null, impact: null, type: null,
    category: null, urgency: 'normal', status: 'new', team: null, collaborators: [], assignee: null,
    classified_by: null, manual_fields: [], dispatched_by: null, first_response_at: null, dispatched_at: null,
    resolved_at: null, closed_at: null, response_due_at: null, dispatch_due_at: null, resolve_due_at: null,
    escalated: false, escalation_reason: null, solution: null, steps: null, remaining: null, satisfaction: null,
    callback_at: null, callback_note: null, callback_attempts: 0, callback_outcome: null, reopen_count: 0, paused_at: null, paused_ms: 0, response_met: null,
    dispatch_met: null, resolve_met: null, update_met: null, rated_at: null, reopened_at: null,
    cycle_paused_ms: 0, response_business_ms: null, resolve_business_ms: null, last_update_at: null,
    update_due_at: null, eta_at: null, routed_at: null, extension_until: null, original_resolve_due_at: null,
    ...fields,
  };
}

/** The desk's numbering: SD-YYYYMM-NNNNN, a sequence a month. */
export function numberOf(sequence: string, value: number): string {
  return formatTicketNumber(sequence, value, 5);
}

/** The month of an instant in Shanghai, as YYYYMM. */
function monthOf(ms: number): string {
  const wall = new Date(ms + 8 * HOUR);
  return `${wall.getUTCFullYear()}${String(wall.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function createOptions(now: number, actor = 'li', sequence = `SD-${monthOf(now)}`): CreateOptions {
  return { actor, now, sequence, formatNumber: numberOf };
}

export interface LogOptions {
  /** When the operator logs it; the ticket's own creation time unless given. */
  now?: number;
  actor?: string;
  /** Plans applied in the create's transaction (rule classification and dispatch). */
  afterCreate?: readonly Plan[];
}

/** Creates the ticket exactly as given (its due times too): a back-dated create, without the SLA clock. */
export function createTicket(store: Store, fields: Partial<NewTicket> = {}, options: LogOptions = {}): Promise<Ticket> {
  const ticket = newTicket(fields);
  const now = options.now ?? ticket.created_at;
  return store.createTicket(ticket, { ...createOptions(now, options.actor), sequence: `SD-${monthOf(ticket.created_at)}` }, options.afterCreate);
}

/** Logs the ticket as `desk create` does: its deadlines set by the SLA clock, the plans after it run by the clock too. */
export function logTicket(store: Store, fields: Partial<NewTicket> = {}, options: LogOptions = {}): Promise<Ticket> {
  const { ticket, settlements } = startClock(SLA, newTicket(fields));
  const now = options.now ?? ticket.created_at;
  const afterCreate = (options.afterCreate ?? []).map((plan) => withClock(plan, SLA, now));
  return store.createTicket(ticket, { ...createOptions(now, options.actor), sequence: `SD-${monthOf(ticket.created_at)}`, settlements }, afterCreate);
}

/** An operator's action on a ticket at `now`, through the SLA clock as every command applies it. */
export function act(store: Store, ref: TicketRef | Ticket, plan: Plan, now: number, actor = 'sun'): Promise<UpdateResult> {
  const target = 'title' in ref ? { id: ref.id } : ref;
  return store.updateTicket(target, withClock(plan, SLA, now), { actor, now });
}

/** A bare integer typed in November 2026. */
export function bare(value: number): BareRef {
  return { bare: value, month: '202611', thisMonth: numberOf('SD-202611', value) };
}

/** The error a promise rejects with; fails the case when it fulfils. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection, got none');
}

/**
 * The routing rules of the cases: printers are hardware faults for the desktop team in turn,
 * network problems go to its least-loaded agent, complaints to the service desk's supervisor,
 * who is told.
 */
export const ROUTING = new RuleEngine(
  RoutingFileSchema.parse({
    classify: [{ name: 'printer', when: { keywords: ['printer', '打印机'] }, set: { type: 'fault', category: 'hardware/printer' } }],
    dispatch: [
      { name: 'hardware', when: { category: 'hardware/*' }, team: 'desktop', assign: 'round-robin' },
      { name: 'network', when: { category: 'network/**' }, team: 'network', assign: 'least-loaded' },
      { name: 'complaints', when: { type: 'complaint' }, team: 'service-desk', assign: 'chen', notify: 'supervisor' },
    ],
  }),
);
