// What a change writes into the audit trail (DESIGN.md "Storage"): its own event, naming what
// changed and why, and a notify event when it names a supervisor. Every write records its
// changes this way, the import's rule dispatch too.
import { diffPatch, type Change } from './lifecycle.js';
import type { EventData, EventKind, Ticket } from './ticket.js';

export interface TrailEvent {
  kind: EventKind;
  data: EventData;
}

/** The events `change` records on `before`, in the order they are written. */
export function changeEvents(before: Ticket, change: Change): TrailEvent[] {
  const data: EventData = { changes: diffPatch(before, change.patch) };
  // A redaction must not write down what it removes.
  if (change.kind === 'redact') for (const pair of Object.values(data.changes!)) pair[0] = null;
  if (change.text) data.text = change.text;
  if (change.reason) data.reason = change.reason;
  if (change.rules) data.rules = change.rules;
  if (change.team) data.team = change.team;
  if (change.dispatchRule) data.dispatch_rule = change.dispatchRule;
  if (change.visit) data.visit = { ...change.visit };
  if (change.eta !== undefined) data.eta = change.eta;
  // The event names the order it is about; the list's before and after would repeat every order.
  if (change.supervision) {
    delete data.changes!.supervisions;
    data.supervision = { ...change.supervision };
  }
  // Likewise a sub-task's events name the sub-task, not the whole list before and after.
  if (change.assist || change.assistsOpened || change.assistsWithdrawn) delete data.changes!.assists;
  if (change.assist) data.assist = { ...change.assist };
  if (change.escalation) data.escalation = { ...change.escalation };
  if (change.onTime !== undefined) data.on_time = change.onTime;
  if (change.outcome) data.outcome = change.outcome;
  if (change.link) data.link = { ...change.link };
  const events: TrailEvent[] = [{ kind: change.kind, data }];
  // Every sub-task opened or withdrawn is an event of its own, whatever change did it, so the
  // report counts them by kind alone.
  for (const a of change.assistsOpened ?? []) events.push({ kind: 'assist', data: { changes: {}, assist: { team: a.team, assignee: a.assignee, due_at: a.due_at } } });
  for (const a of change.assistsWithdrawn ?? []) {
    events.push({ kind: 'assist_cancel', data: { changes: {}, reason: a.cancel_reason ?? '', assist: { team: a.team, due_at: a.due_at, opened_at: a.opened_at } } });
  }
  if (change.notify) {
    const { to, team, rules } = change.notify;
    events.push({ kind: 'notify', data: { to, team, rules: Object.fromEntries(rules.map((r) => ['notify', r])) } });
  }
  return events;
}
