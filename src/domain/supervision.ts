// Supervision of a hotline case (督办/催办): a supervisor orders the responsible team to report by a
// time; reminders (催办) press it and are counted; the team's reply answers the oldest order still
// open. Orders live on the ticket, in the order they were issued, so each plan decides from the
// ticket alone.
import { UsageError } from './errors.js';
import { readListedRecords } from './listed-records.js';
import { requireText, type Change, type SyncPlan } from './lifecycle.js';
import type { DeskGroup } from './roles.js';
import { refusal } from './status-machine.js';
import { isOpen, type SupervisionLevel, type SupervisionOrder, type Ticket } from './ticket.js';

export type { SupervisionLevel, SupervisionOrder } from './ticket.js';
import type { TeamDirectory } from './vocabulary.js';

/** 1 general (一般督办), 2 key (重点督办), 3 special (特别督办). */
export const SUPERVISION_LEVELS: readonly SupervisionLevel[] = [1, 2, 3];


export function parseSupervisionLevel(text: string): SupervisionLevel {
  const level = Number(text.trim());
  if (!(SUPERVISION_LEVELS as readonly number[]).includes(level)) {
    throw new UsageError(`--level: "${text}" is not a supervision level`, 'give 1 (general), 2 (key) or 3 (special)');
  }
  return level as SupervisionLevel;
}

/** When the earliest order still unanswered is due; null when every order is answered. */
export function supervisionDue(orders: readonly SupervisionOrder[]): number | null {
  const open = orders.filter((o) => o.replied_at === null).map((o) => o.reply_by);
  return open.length ? Math.min(...open) : null;
}

/** An order answered by its reply time; null while it waits. */
export function answeredOnTime(order: SupervisionOrder): boolean | null {
  return order.replied_at === null ? null : order.replied_at <= order.reply_by;
}

/**
 * Who may issue an order: where the server keeps roles (PostgreSQL), a session of the supervisor
 * group; elsewhere, and for the desk's owner who acts in others' names, a supervisor of teams.yaml.
 */
export function checkMaySupervise(actor: string, rights: 'owner' | DeskGroup | null | undefined, teams: TeamDirectory): void {
  if (rights !== undefined && rights !== null && rights !== 'owner') {
    if (rights === 'supervisor') return;
    throw new UsageError(`only a supervisor may issue a supervision order; role ${actor} is ${rights === 'operator' ? 'an operator' : 'an auditor'}`, 'log in as a supervisor\'s role; the desk\'s owner adds one with `desk roles add NAME --as supervisor`');
  }
  if (rights === null) throw new UsageError(`only a supervisor may issue a supervision order; role ${actor} is in no group of the desk`, 'the desk\'s owner adds one with `desk roles add NAME --as supervisor`');
  const supervisors = teams.supervisors();
  if (!supervisors.includes(actor)) {
    throw new UsageError(`only a team supervisor may issue a supervision order; ${actor} is not one`, `supervisors in teams.yaml: ${supervisors.join(', ') || 'none'}; act as one with --actor`);
  }
}

function requireTeam(ticket: Ticket, what: string): string {
  if (ticket.team === null) throw new UsageError(`${ticket.number} has no responsible team yet: ${what} goes to the team`, `dispatch it first: desk dispatch ${ticket.number} --team TEAM`);
  return ticket.team;
}

export interface SuperviseInput {
  level: SupervisionLevel;
  replyBy: number;
  note: string | undefined;
}

export function planSupervise(input: SuperviseInput, now: number, actor: string): SyncPlan {
  const note = requireText(input.note, '--note');
  if (input.replyBy <= now) throw new UsageError('--reply-by: that time has already passed', 'give a later time, e.g. --reply-by 2d or --reply-by "2026-11-27 17:00"');
  return (ticket): Change => {
    if (!isOpen(ticket.status)) throw refusal(ticket, `cannot supervise a ${ticket.status} ticket`);
    const team = requireTeam(ticket, 'a supervision order');
    const order: SupervisionOrder = { level: input.level, team, note, reply_by: input.replyBy, issued_at: now, issued_by: actor, reply: null, replied_at: null, replied_by: null };
    const supervisions = [...ticket.supervisions, order];
    return {
      kind: 'supervise',
      patch: { supervisions, supervision_due_at: supervisionDue(supervisions) },
      text: note,
      supervision: { level: order.level, team, reply_by: order.reply_by },
    };
  };
}

/**
 * The team's reply, which answers the oldest order still open. It is the team's to give: when
 * teams.yaml names the team's people, only they (members and supervisor) may.
 */
export function planSupervisionReply(reply: string | undefined, now: number, actor: string, teams: TeamDirectory): SyncPlan {
  const text = requireText(reply, '--reply');
  return (ticket): Change => {
    const index = ticket.supervisions.findIndex((o) => o.replied_at === null);
    if (index < 0) throw new UsageError(`${ticket.number} has no supervision order waiting for a reply`, `its orders: desk show ${ticket.number}`);
    const order = ticket.supervisions[index]!;
    const team = teams.teams().find((t) => t.key === order.team);
    if (team && (team.members.length || team.supervisor) && !teams.isMember(actor, order.team)) {
      throw new UsageError(`the reply to a supervision order is ${order.team}'s; ${actor} is not in that team`, `reply as one of ${[...team.members, ...(team.supervisor ? [team.supervisor] : [])].join(', ')} with --actor`);
    }
    const answered: SupervisionOrder = { ...order, reply: text, replied_at: now, replied_by: actor };
    const supervisions = ticket.supervisions.map((o, i) => (i === index ? answered : o));
    return {
      kind: 'supervision_reply',
      patch: { supervisions, supervision_due_at: supervisionDue(supervisions) },
      text,
      supervision: { level: order.level, team: order.team, reply_by: order.reply_by, issued_at: order.issued_at, on_time: answeredOnTime(answered) },
    };
  };
}

/** A reminder (催办) to the responsible team; the ticket counts them. */
export function planUrge(note: string | undefined): SyncPlan {
  const text = requireText(note, '--note');
  return (ticket): Change => {
    if (!isOpen(ticket.status)) throw refusal(ticket, `cannot send a reminder on a ${ticket.status} ticket`);
    const team = requireTeam(ticket, 'a reminder');
    return { kind: 'urge', patch: { urge_count: ticket.urge_count + 1 }, text, supervision: { team } };
  };
}

/** An order in the JSON shape (--json, export): times written by `time`, and whether the reply came in time. */
export function supervisionJson(order: SupervisionOrder, time: (ms: number) => string): Record<string, unknown> {
  const at = (ms: number | null) => (ms === null ? null : time(ms));
  return {
    level: order.level, team: order.team, note: order.note, reply_by: at(order.reply_by), issued_at: at(order.issued_at), issued_by: order.issued_by,
    reply: order.reply, replied_at: at(order.replied_at), replied_by: order.replied_by, on_time: answeredOnTime(order),
  };
}

/**
 * The orders of an imported cell (the JSON of an export); `readTime` reads a time as the import
 * does. Throws a message naming what is wrong; on_time is derived, not read.
 */
export function readSupervisions(value: unknown, readTime: (text: string, field: string) => number): SupervisionOrder[] {
  return readListedRecords(value, { one: 'order', many: 'supervision orders' }, readTime, ({ text, time, record }, place) => {
    if (!(SUPERVISION_LEVELS as readonly unknown[]).includes(record.level)) throw new UsageError(`${place}: level must be 1, 2 or 3`);
    const replied_at = time('replied_at', false);
    return {
      level: record.level as SupervisionLevel, team: text('team', true)!, note: text('note', true)!, reply_by: time('reply_by', true)!, issued_at: time('issued_at', true)!,
      issued_by: text('issued_by', true)!, reply: text('reply', replied_at !== null), replied_at, replied_by: text('replied_by', false),
    };
  });
}

export interface OverdueOrder {
  ticket: Ticket;
  order: SupervisionOrder;
}

/** The orders of `tickets` unanswered at `now` whose reply time has passed, earliest first. */
export function overdueOrders(tickets: readonly Ticket[], now: number): OverdueOrder[] {
  return tickets
    .flatMap((ticket) => ticket.supervisions.filter((o) => o.replied_at === null && o.reply_by < now).map((order) => ({ ticket, order })))
    .sort((a, b) => a.order.reply_by - b.order.reply_by || a.ticket.id - b.ticket.id);
}
