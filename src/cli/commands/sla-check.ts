import { DEADLINE_KINDS, deadlineAlerts, type DeadlineAlert } from '../../domain/deadlines.js';
import { overdueOrders, type OverdueOrder } from '../../domain/supervision.js';
import { overdueAssists, type OverdueAssist } from '../../domain/assists.js';
import { formatIso, parseDuration } from '../../domain/time.js';
import { Presenter } from '../render/present.js';
import { printable, printableTicket, printableValue } from '../render/terminal-text.js';
import { planTierEscalation } from '../../domain/escalations.js';
import { UsageError } from '../../domain/errors.js';
import type { Ticket } from '../../domain/ticket.js';
import { tiersToEscalate, tierRecipient } from '../../sla/escalation.js';
import type { Context } from '../context.js';
import { renderList, truncate } from '../render/table.js';
import { printJson } from '../render/ticket-json.js';
import { loadStyle } from '../render/style.js';
import type { CommandInput } from '../declaration.js';

export interface SlaCheckOptions {
  within: string;
  escalate?: boolean;
}

interface TierEscalation {
  ticket: Ticket;
  tier: number;
  at: string;
  reachedAt: number;
  to: string | null;
}

/**
 * Escalates every ticket whose running resolution has reached a tier of sla.yaml it has not
 * reached yet: one write and one event per tier, in order; a tier recorded meanwhile (another
 * run) is left alone, so running it again escalates nothing twice.
 */
async function escalateTiers(ctx: Context, now: number): Promise<TierEscalation[]> {
  const sla = await ctx.sla();
  if (!sla?.escalation.length) {
    throw new UsageError('--escalate: sla.yaml has no escalation tiers', 'add e.g. escalation: [{ at: 80%, tell: supervisor }, { at: breach, tell: desk-supervisor }]');
  }
  const [writes, teams, actor] = [await ctx.writes({ create: false }), await ctx.teams(), await ctx.actor()];
  const running = await writes.store.listTickets({
    statuses: ['new', 'dispatched', 'in_progress', 'reopened'], escalationBelow: sla.escalation.length, sort: { field: 'created_at', descending: false }, limit: Number.MAX_SAFE_INTEGER,
  });
  const done: TierEscalation[] = [];
  for (const ticket of running) {
    for (const { tier, at } of tiersToEscalate(sla, sla.escalation, ticket, now)) {
      const to = tierRecipient(tier, ticket, teams);
      const result = await writes.update({ id: ticket.id }, planTierEscalation(tier, to), { actor, now });
      if (result.change) done.push({ ticket: result.ticket, tier: tier.tier, at: tier.at, reachedAt: at, to });
    }
  }
  return done;
}

/** Exit code when a deadline is breached, for cron and monitoring (README, "Exit codes"). */
export const BREACHED_EXIT = 5;

export async function run({ options }: CommandInput<SlaCheckOptions>, ctx: Context) {
  const { timezone: zone } = await ctx.settings();
  const window = parseDuration(options.within, '--within');
  const now = ctx.now();
  const escalated = options.escalate ? await escalateTiers(ctx, now) : null;
  const store = await ctx.openStore({ create: false });
  const tickets = await store.listTickets({ dueWithin: { from: 0, until: now + window }, sort: { field: 'created_at', descending: false }, limit: Number.MAX_SAFE_INTEGER });
  // Grouped by the deadline missed (response, dispatch, resolve), earliest first within each.
  const alerts = deadlineAlerts(tickets, now, now + window).sort((a, b) => DEADLINE_KINDS.indexOf(a.kind) - DEADLINE_KINDS.indexOf(b.kind) || a.due - b.due);
  const breached = alerts.filter((a) => a.breached);
  const near = alerts.filter((a) => !a.breached);
  // A supervision order is owed to the supervisor whatever the ticket's status, pending or resolved.
  const supervised = overdueOrders(await store.listTickets({ supervisionOverdueAt: now, sort: { field: 'created_at', descending: false }, limit: Number.MAX_SAFE_INTEGER }), now);
  // A sub-task is owed to the lead team by its deadline.
  const assists = overdueAssists(await store.listTickets({ assistOverdueAt: now, sort: { field: 'created_at', descending: false }, limit: Number.MAX_SAFE_INTEGER }), now);
  const code = breached.length || supervised.length || assists.length ? BREACHED_EXIT : 0;

  if (ctx.json) {
    const shape = (a: DeadlineAlert) => ({
      number: a.ticket.number,
      title: a.ticket.title,
      kind: a.kind,
      due_at: formatIso(a.due, zone),
      minutes: Math.round((a.breached ? now - a.due : a.due - now) / 60_000),
      urgency: a.ticket.urgency,
      team: a.ticket.team,
      assignee: a.ticket.assignee,
    });
    const order = ({ ticket, order: o }: OverdueOrder) => ({
      number: ticket.number,
      title: ticket.title,
      level: o.level,
      team: o.team,
      note: o.note,
      issued_at: formatIso(o.issued_at, zone),
      issued_by: o.issued_by,
      reply_by: formatIso(o.reply_by, zone),
      minutes: Math.round((now - o.reply_by) / 60_000),
      status: ticket.status,
    });
    const assist = ({ ticket, assist: a }: OverdueAssist) => ({
      number: ticket.number,
      title: ticket.title,
      team: a.team,
      assignee: a.assignee,
      lead_team: ticket.team,
      opened_at: formatIso(a.opened_at, zone),
      due_at: formatIso(a.due_at!, zone),
      minutes: Math.round((now - a.due_at!) / 60_000),
      status: ticket.status,
    });
    printJson((t) => ctx.io.stdout.write(t), {
      checked_at: formatIso(now, zone), within_minutes: Math.round(window / 60_000), breached: breached.map(shape), near: near.map(shape), supervision: supervised.map(order),
      assists: assists.map(assist),
      ...(escalated && {
        escalated: escalated.map((e) => ({ number: e.ticket.number, title: e.ticket.title, tier: e.tier, at: e.at, reached_at: formatIso(e.reachedAt, zone), to: e.to, team: e.ticket.team })),
      }),
    });
    return code;
  }
  // From cron, silence means all is well: nothing is written unless something needs attention.
  if (!alerts.length && !supervised.length && !assists.length && !escalated?.length) {
    if (ctx.io.stdoutIsTTY) ctx.io.stdout.write(`${(await ctx.presenter()).words.slaCheck.nothing(options.within)}\n`);
    return 0;
  }
  const style = await loadStyle(ctx.color);
  // Piped (cron, scripts), the rows keep English words and stored values.
  const p = ctx.io.stdoutIsTTY ? await ctx.presenter() : new Presenter({ zone });
  const w = p.words.slaCheck;
  const rows = (list: DeadlineAlert[]) =>
    list.map((alert) => ({ ...alert, ticket: printableTicket(alert.ticket) })).map((a) => [
      p.words.deadline[a.kind],
      a.ticket.number,
      ctx.io.stdoutIsTTY ? truncate(a.ticket.title, 36) : a.ticket.title,
      a.ticket.urgency === null ? '' : p.value('urgency', a.ticket.urgency),
      a.ticket.team ?? '',
      a.ticket.assignee ?? '',
      p.time(a.due),
      a.breached ? style.red(p.words.overdue(p.span(now - a.due))) : p.words.dueIn(p.span(a.due - now)),
    ]);
  const head = [w.deadline, p.heading('number'), p.heading('title'), p.heading('urgency'), p.heading('team'), p.heading('assignee'), p.heading('due'), w.when];
  const table = { terminal: ctx.io.stdoutIsTTY, color: ctx.color };
  if (breached.length) ctx.io.stdout.write(`${style.bold(w.breached(breached.length))}\n${await renderList(head, rows(breached), table)}`);
  if (near.length) ctx.io.stdout.write(`${breached.length ? '\n' : ''}${style.bold(w.dueWithin(options.within, near.length))}\n${await renderList(head, rows(near), table)}`);
  if (supervised.length) {
    const s = p.words.supervision;
    const orderRows = supervised.map(({ ticket, order }) => ({ ticket: printableTicket(ticket), order: printableValue(order) })).map(({ ticket, order }) => [
      ticket.number,
      ctx.io.stdoutIsTTY ? truncate(ticket.title, 36) : ticket.title,
      s.level(order.level),
      p.team(order.team),
      p.time(order.issued_at),
      p.time(order.reply_by),
      style.red(p.words.overdue(p.span(now - order.reply_by))),
    ]);
    const orderHead = [p.heading('number'), p.heading('title'), p.heading('supervisions'), p.heading('team'), s.issued, s.replyBy, w.when];
    ctx.io.stdout.write(`${alerts.length ? '\n' : ''}${style.bold(s.heading(supervised.length))}\n${await renderList(orderHead, orderRows, table)}`);
  }
  if (escalated?.length) {
    const escalatedRows = escalated.map((e) => ({ ...e, ticket: printableTicket(e.ticket) })).map((e) => [
      e.ticket.number,
      ctx.io.stdoutIsTTY ? truncate(e.ticket.title, 36) : e.ticket.title,
      p.words.tier(e.tier, e.at),
      p.time(e.reachedAt),
      printable(e.to ?? ''),
    ]);
    const escalatedHead = [p.heading('number'), p.heading('title'), w.tier, w.reached, w.told];
    ctx.io.stdout.write(`${alerts.length || supervised.length ? '\n' : ''}${style.bold(w.escalated(escalated.length))}\n${await renderList(escalatedHead, escalatedRows, table)}`);
  }
  if (assists.length) {
    const assistRows = assists.map(({ ticket, assist }) => ({ ticket: printableTicket(ticket), assist: printableValue(assist) })).map(({ ticket, assist }) => [
      ticket.number,
      ctx.io.stdoutIsTTY ? truncate(ticket.title, 36) : ticket.title,
      p.team(assist.team),
      assist.assignee ?? '',
      p.team(ticket.team),
      p.time(assist.due_at),
      style.red(p.words.overdue(p.span(now - assist.due_at!))),
    ]);
    const assistHead = [p.heading('number'), p.heading('title'), p.heading('assists'), p.heading('assignee'), p.heading('team'), p.heading('due'), w.when];
    ctx.io.stdout.write(`${alerts.length || supervised.length || escalated?.length ? '\n' : ''}${style.bold(p.words.assist.heading(assists.length))}\n${await renderList(assistHead, assistRows, table)}`);
  }
  return code;
}
