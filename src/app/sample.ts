// Replays a sample ticket through the lifecycle the way operators would have worked it, so the
// demo and `init --sample` produce a database with real history, not just final states.
import { openAssists, planAssistReply } from '../domain/assists.js';
import { buildNewTicket, type TicketDraft } from '../domain/new-ticket.js';
import { planClassify, planClose, planDispatch, planPending, planResolve, planRespond, type Plan } from '../domain/lifecycle.js';
import { formatTicketNumber, sequenceName, type NumberingSettings } from '../domain/numbering.js';
import type { Status, Ticket } from '../domain/ticket.js';
import { monthKey } from '../domain/time.js';
import type { TeamDirectory, Vocabulary } from '../domain/vocabulary.js';
import type { RuleEngine } from '../rules/engine.js';
import { planRuleClassify, planRuleDispatch } from './routing.js';
import type { TicketWrites } from './ticket-writes.js';

export interface SampleTicket extends TicketDraft {
  status: Status;
  solution?: string;
  steps?: string;
  satisfaction?: number;
}

export interface ReplayContext {
  /** The database written to, with the desk's SLA policy. */
  writes: TicketWrites;
  zone: string;
  vocabulary: Vocabulary;
  teams: TeamDirectory;
  numbering: NumberingSettings;
  operator: string;
  now: number;
  /** When given, the routing rules classify and dispatch instead of the sample's own fields. */
  rules?: RuleEngine;
}

const MINUTE = 60_000;
const REACHES: Record<Status, number> = { new: 0, dispatched: 1, in_progress: 2, pending: 3, resolved: 3, closed: 4, reopened: 4, merged: 0 };

export interface ReplayResult {
  ticket: Ticket;
  steps: string[];
}

export async function replaySampleTicket(sample: SampleTicket, ctx: ReplayContext): Promise<ReplayResult> {
  const { type, category, urgency, team, assignee, ...intake } = sample;
  const draft: TicketDraft = { ...intake };
  const draftTicket = buildNewTicket(draft, { now: ctx.now, zone: ctx.zone, vocabulary: ctx.vocabulary, teams: ctx.teams });
  const start = draftTicket.created_at;
  const at = (minutes: number) => Math.min(start + minutes * MINUTE, ctx.now);
  let ticket = await ctx.writes.create(draftTicket, {
    actor: ctx.operator,
    now: start,
    sequence: sequenceName(ctx.numbering.prefix, monthKey(start, ctx.zone)),
    formatNumber: (seq, value) => formatTicketNumber(seq, value, ctx.numbering.digits),
  });
  const steps = ['create'];
  const apply = async (kind: string, plan: Plan, minutes: number, actor = ctx.operator) => {
    ticket = (await ctx.writes.update({ id: ticket.id }, plan, { actor, now: at(minutes) })).ticket;
    steps.push(kind);
  };

  const reach = REACHES[sample.status];
  if (ctx.rules) {
    // The desk's own rules classify and dispatch, as they would a new request.
    const rules = new Set<string>();
    await apply('classify', planRuleClassify(ctx.rules, false, (_, decisions) => Object.values(decisions.decided).forEach((d) => rules.add(d.rule))), 2);
    steps[steps.length - 1] = `classify${rules.size ? ` (${[...rules].join(', ')})` : ''}`;
    if (reach >= 1) await apply('dispatch', planRuleDispatch(ctx.rules, ctx.teams, at(5)), 5);
  } else {
    if (type || category || urgency) await apply('classify', planClassify({ type, category, urgency }), 2);
    if (reach >= 1 && team) await apply('dispatch', planDispatch({ team, agent: assignee }, ctx.teams, at(5)), 5);
  }
  if (ticket.status === 'dispatched' && reach >= 1) steps[steps.length - 1] = `dispatch ${ticket.team}${ticket.assignee ? `/${ticket.assignee}` : ''}`;
  const agent = ticket.assignee ?? ctx.operator;
  if (reach >= 2) await apply('respond', planRespond('Contacted the requester', at(9)), 9, agent);
  if (sample.status === 'pending') await apply('pending', planPending('Waiting for the requester to confirm', at(40)), 40, agent);
  if (sample.status === 'resolved' || sample.status === 'closed') {
    // Collaborating teams answer their sub-tasks before the lead team resolves.
    for (const assist of openAssists(ticket.assists)) {
      const helper = ctx.teams.teams().find((t) => t.key === assist.team)?.members[0] ?? ctx.operator;
      await apply(`assist reply ${assist.team}`, planAssistReply(assist.team, 'Checked on our side: done', at(120), helper, ctx.teams), 120, helper);
    }
    await apply('resolve', planResolve({ solution: sample.solution ?? 'Solved', steps: sample.steps }, at(150)), 150, agent);
  }
  if (sample.status === 'closed') {
    const close = planClose({ satisfaction: sample.satisfaction, callbackNote: 'Requester confirmed the fix' }, at(24 * 60), agent);
    await apply(`close${sample.satisfaction ? ` ★${sample.satisfaction}` : ''}`, close, 24 * 60);
  }
  return { ticket, steps };
}
