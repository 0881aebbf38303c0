// Co-handling (主办/协办): the team that has a ticket leads it, and a collaborating team gets a
// sub-task with its own assignee, deadline and reply. Sub-tasks live on the ticket, in the order
// they were opened, so each plan decides from the ticket alone; while one is open the lead team
// may not resolve the ticket unless it says why.
import { UsageError } from './errors.js';
import { readListedRecords } from './listed-records.js';
import { requireOpen, requireText, type Change, type SyncPlan } from './lifecycle.js';
import type { Assist, Ticket } from './ticket.js';
import type { TeamDirectory } from './vocabulary.js';

export type { Assist } from './ticket.js';

/**
 * When a sub-task opened at `openedAt` on `ticket` is due: after `duration` (--due) or else the
 * assist target of sla.yaml for the ticket's urgency, in its calendar; null without either.
 */
export type AssistDue = (ticket: Ticket, openedAt: number, duration: string | null) => number | null;

export interface AssistOpening {
  team: string;
  agent: string | null;
  note: string | null;
  /** The --due duration as written; null for the sla.yaml target. */
  due: string | null;
}

export const openAssists = (assists: readonly Assist[]) => assists.filter((a) => a.replied_at === null && a.cancelled_at === null);

/** The sub-task of `team` still open on the ticket, if any. */
export function openAssistOf(ticket: Pick<Ticket, 'assists'>, team: string): Assist | undefined {
  return openAssists(ticket.assists).find((a) => a.team === team);
}

/** A sub-task answered by its deadline; null while it waits, when cancelled, or without a deadline. */
export function assistOnTime(assist: Assist): boolean | null {
  if (assist.replied_at === null || assist.due_at === null) return null;
  return assist.replied_at <= assist.due_at;
}

/** The teams with an open sub-task and the earliest deadline among them: what the stores index. */
export function assistKeys(assists: readonly Assist[]): { teams: string[]; dueAt: number | null } {
  const open = openAssists(assists);
  const dues = open.map((a) => a.due_at).filter((d): d is number => d !== null);
  return { teams: open.map((a) => a.team), dueAt: dues.length ? Math.min(...dues) : null };
}

function newAssist(ticket: Ticket, opening: AssistOpening, now: number, actor: string, dueOf: AssistDue): Assist {
  return {
    team: opening.team,
    assignee: opening.agent,
    note: opening.note,
    due_at: dueOf(ticket, now, opening.due),
    opened_at: now,
    opened_by: actor,
    reply: null,
    replied_at: null,
    replied_by: null,
    cancel_reason: null,
    cancelled_at: null,
    cancelled_by: null,
  };
}

/** Refuses a sub-task the ticket cannot take: for its own team, a team without a name in teams.yaml, or a second open one. */
function checkOpening(ticket: Ticket, opening: AssistOpening, teams: TeamDirectory): void {
  const known = teams.teams().map((t) => t.key);
  if (known.length && !known.includes(opening.team)) {
    throw new UsageError(`--team: unknown team "${opening.team}"`, `teams in teams.yaml: ${known.join(', ')}`);
  }
  if (opening.team === ticket.team) {
    throw new UsageError(`${opening.team} leads ${ticket.number}: a sub-task goes to a collaborating team`, 'give another --team');
  }
  if (openAssistOf(ticket, opening.team)) {
    throw new UsageError(`${opening.team} already has an open sub-task on ${ticket.number}`, `answer it with desk assist ${ticket.number} --team ${opening.team} --reply "…", or withdraw it with --cancel --reason "…"`);
  }
  if (opening.agent !== null) teams.checkAgentOfTeam(opening.agent, opening.team, [], '--to');
}

/** `desk assist N --team T`: a sub-task for a collaborating team, which also becomes one of the ticket's collaborators. */
export function planAssist(opening: AssistOpening, now: number, actor: string, teams: TeamDirectory, dueOf: AssistDue): SyncPlan {
  return (ticket): Change => {
    requireOpen(ticket, 'open a sub-task on');
    if (ticket.team === null) throw new UsageError(`${ticket.number} has no lead team yet`, `dispatch it first: desk dispatch ${ticket.number} --team TEAM`);
    checkOpening(ticket, opening, teams);
    const assist = newAssist(ticket, opening, now, actor, dueOf);
    const collaborators = ticket.collaborators.includes(opening.team) ? ticket.collaborators : [...ticket.collaborators, opening.team];
    const change: Change = {
      kind: 'assist',
      patch: { assists: [...ticket.assists, assist], collaborators },
      assist: { team: assist.team, assignee: assist.assignee, due_at: assist.due_at },
    };
    if (opening.note) change.text = opening.note;
    return change;
  };
}

/**
 * The sub-tasks a change opens for the collaborating teams it names (dispatch --with, the rules'
 * with:): one for each that has none open, due by the sla.yaml target. Null when it opens none.
 */
export function collaboratorAssists(before: Ticket, change: Change, now: number, actor: string, dueOf: AssistDue): Assist[] | null {
  const collaborators = change.patch.collaborators;
  if (!collaborators || !isOpenAfter(before, change)) return null;
  const assists = change.patch.assists ?? before.assists;
  const lead = change.patch.team === undefined ? before.team : change.patch.team;
  // Only teams the change adds: a dispatch repeats the collaborators it keeps.
  const opened = collaborators
    .filter((team) => team !== lead && !before.collaborators.includes(team) && !openAssistOf({ assists }, team))
    .map((team) => newAssist({ ...before, ...change.patch } as Ticket, { team, agent: null, note: null, due: null }, now, actor, dueOf));
  return opened.length ? [...assists, ...opened] : null;
}

function isOpenAfter(before: Ticket, change: Change): boolean {
  const status = change.patch.status ?? before.status;
  return status !== 'resolved' && status !== 'closed' && status !== 'merged';
}

/** Who answers a sub-task: when teams.yaml names the team's people, only they (members and supervisor). */
function checkOfTeam(actor: string, team: string, teams: TeamDirectory, what: string): void {
  const found = teams.teams().find((t) => t.key === team);
  if (found && (found.members.length || found.supervisor) && !teams.isMember(actor, team)) {
    throw new UsageError(`${what} is ${team}'s; ${actor} is not in that team`, `act as one of ${[...found.members, ...(found.supervisor ? [found.supervisor] : [])].join(', ')} with --actor`);
  }
}

function requireOpenAssist(ticket: Ticket, team: string): number {
  const index = ticket.assists.findIndex((a) => a.team === team && a.replied_at === null && a.cancelled_at === null);
  if (index < 0) {
    const open = openAssists(ticket.assists).map((a) => a.team);
    throw new UsageError(`${team} has no open sub-task on ${ticket.number}`, open.length ? `open sub-tasks: ${open.join(', ')}` : `open one with desk assist ${ticket.number} --team ${team}`);
  }
  return index;
}

/** `desk assist N --team T --reply "…"`: the collaborating team's answer, which closes its sub-task. */
export function planAssistReply(team: string, reply: string | undefined, now: number, actor: string, teams: TeamDirectory): SyncPlan {
  const text = requireText(reply, '--reply');
  return (ticket): Change => {
    const index = requireOpenAssist(ticket, team);
    checkOfTeam(actor, team, teams, 'the reply to a sub-task');
    const answered: Assist = { ...ticket.assists[index]!, reply: text, replied_at: now, replied_by: actor };
    return {
      kind: 'assist_reply',
      patch: { assists: ticket.assists.map((a, i) => (i === index ? answered : a)) },
      text,
      assist: { team, due_at: answered.due_at, opened_at: answered.opened_at, on_time: assistOnTime(answered) },
    };
  };
}

/** `desk assist N --team T --cancel --reason "…"`: the sub-task withdrawn; the team stays a collaborator. */
export function planAssistCancel(team: string, reason: string | undefined, now: number, actor: string): SyncPlan {
  const why = requireText(reason, '--reason');
  return (ticket): Change => {
    const index = requireOpenAssist(ticket, team);
    const cancelled: Assist = { ...ticket.assists[index]!, cancel_reason: why, cancelled_at: now, cancelled_by: actor };
    return {
      kind: 'assist_cancel',
      patch: { assists: ticket.assists.map((a, i) => (i === index ? cancelled : a)) },
      reason: why,
      assist: { team, due_at: cancelled.due_at, opened_at: cancelled.opened_at },
    };
  };
}

/** A sub-task in the JSON shape (--json, export): times written by `time`, and whether the reply came in time. */
export function assistJson(assist: Assist, time: (ms: number) => string): Record<string, unknown> {
  const at = (ms: number | null) => (ms === null ? null : time(ms));
  return {
    team: assist.team, assignee: assist.assignee, note: assist.note, due_at: at(assist.due_at), opened_at: at(assist.opened_at), opened_by: assist.opened_by,
    state: assist.cancelled_at !== null ? 'cancelled' : assist.replied_at !== null ? 'replied' : 'open',
    reply: assist.reply, replied_at: at(assist.replied_at), replied_by: assist.replied_by,
    cancel_reason: assist.cancel_reason, cancelled_at: at(assist.cancelled_at), cancelled_by: assist.cancelled_by, on_time: assistOnTime(assist),
  };
}

/**
 * The sub-tasks of an imported cell (the JSON of an export); `readTime` reads a time as the import
 * does. Throws a message naming what is wrong; state and on_time are derived, not read.
 */
export function readAssists(value: unknown, readTime: (text: string, field: string) => number): Assist[] {
  return readListedRecords(value, { one: 'sub-task', many: 'sub-tasks' }, readTime, ({ text, time }, place) => {
    const replied_at = time('replied_at', false);
    const cancelled_at = time('cancelled_at', false);
    if (replied_at !== null && cancelled_at !== null) throw new UsageError(`${place}: replied and cancelled both`);
    return {
      team: text('team', true)!, assignee: text('assignee', false), note: text('note', false), due_at: time('due_at', false), opened_at: time('opened_at', true)!,
      opened_by: text('opened_by', true)!, reply: text('reply', replied_at !== null), replied_at, replied_by: text('replied_by', false),
      cancel_reason: text('cancel_reason', cancelled_at !== null), cancelled_at, cancelled_by: text('cancelled_by', false),
    };
  });
}

export interface OverdueAssist {
  ticket: Ticket;
  assist: Assist;
}

/** The open sub-tasks of `tickets` past their deadline at `now` (of `team` when given), earliest first. */
export function overdueAssists(tickets: readonly Ticket[], now: number, team?: string): OverdueAssist[] {
  return tickets
    .flatMap((ticket) => openAssists(ticket.assists).filter((a) => a.due_at !== null && a.due_at < now && (team === undefined || a.team === team)).map((assist) => ({ ticket, assist })))
    .sort((a, b) => a.assist.due_at! - b.assist.due_at! || a.ticket.id - b.ticket.id);
}
