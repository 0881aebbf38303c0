// A complaint's verification (投诉核查): whom it is about, whether it was found true (查实, 部分属实,
// 不属实), the root cause, the corrective action and any penalty; then the feedback given to the
// complainant, a milestone of its own. The appraisal counts the complaints found true against
// each agent.
import { UsageError } from './errors.js';
import { requireText, type Change, type SyncPlan } from './lifecycle.js';
import type { TicketPatch } from './ticket.js';
import type { TeamDirectory } from './vocabulary.js';

export const VERDICTS = ['yes', 'partly', 'no'] as const;
export type Verdict = (typeof VERDICTS)[number];

const VERDICT_WORDS: Record<string, Verdict> = { yes: 'yes', partly: 'partly', no: 'no', 查实: 'yes', 属实: 'yes', 部分属实: 'partly', 不属实: 'no' };

export const TARGET_KINDS = ['agent', 'team', 'department'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** The verdict a word names (yes, 查实, …), or null. */
export function verdictOf(text: string): Verdict | null {
  return VERDICT_WORDS[text.trim().toLowerCase()] ?? null;
}

export function parseVerdict(text: string): Verdict {
  const verdict = verdictOf(text);
  if (!verdict) throw new UsageError(`--verified: unknown value "${text}"`, 'accepted: yes (查实), partly (部分属实), no (不属实)');
  return verdict;
}

/** `agent:NAME`, `team:NAME` or `department:NAME`, checked against teams.yaml for agents and teams. */
export function parseTarget(text: string, teams: TeamDirectory): string {
  const at = text.indexOf(':');
  const kind = text.slice(0, Math.max(at, 0)).trim().toLowerCase();
  const name = text.slice(at + 1).trim();
  if (at < 0 || !(TARGET_KINDS as readonly string[]).includes(kind) || !name) {
    throw new UsageError(`--against: "${text}" is not agent:NAME, team:NAME or department:NAME`, 'e.g. --against agent:wang or --against department:城管局');
  }
  if (kind === 'agent') teams.checkAgent(name, '--against');
  if (kind === 'team') teams.checkTeam(name, '--against');
  return `${kind}:${name}`;
}

/** The agent a target names, or null when it names a team or department. */
export function targetAgent(target: string | null): string | null {
  return target?.startsWith('agent:') ? target.slice('agent:'.length) : null;
}

/** A verdict found true in whole or in part counts against its target. */
export function isUpheld(verdict: string | null): boolean {
  return verdict === 'yes' || verdict === 'partly';
}

export interface ComplaintInput {
  verification?: { against: string; verified: Verdict; cause: string | undefined; action: string | undefined; penalty: string | undefined };
  feedback?: string;
}

/**
 * Records the verification, the feedback, or both, on a ticket of type complaint. Feedback tells
 * the complainant the outcome, so it needs the verification first (or in the same command).
 */
export function planComplaint(input: ComplaintInput, now: number): SyncPlan {
  const v = input.verification;
  const verification = v && { against: v.against, verified: v.verified, cause: requireText(v.cause, '--cause'), action: requireText(v.action, '--action'), penalty: v.penalty?.trim() || null };
  const feedback = input.feedback === undefined ? undefined : requireText(input.feedback, '--feedback');
  if (!verification && feedback === undefined) {
    throw new UsageError('complaint needs the verification (--against, --verified, --cause, --action) or --feedback', 'e.g. desk complaint 42 --against agent:wang --verified partly --cause "rude on the phone" --action "coaching"');
  }
  return (ticket): Change => {
    if (ticket.type !== 'complaint') {
      throw new UsageError(`${ticket.number} is ${ticket.type === null ? 'not classified' : `a ${ticket.type} ticket`}, not a complaint`, `classify it first: desk classify ${ticket.number} --type complaint`);
    }
    const patch: TicketPatch = {};
    if (verification) {
      Object.assign(patch, {
        complaint_against: verification.against, complaint_verified: verification.verified, complaint_cause: verification.cause,
        complaint_action: verification.action, complaint_penalty: verification.penalty, complaint_verified_at: now,
      });
    } else if (ticket.complaint_verified === null) {
      throw new UsageError(`${ticket.number}'s complaint is not verified yet: the feedback tells the complainant the outcome`, 'give the verification with it: --against, --verified, --cause, --action');
    }
    if (feedback !== undefined) Object.assign(patch, { complaint_feedback: feedback, complaint_feedback_at: now });
    return { kind: 'complaint', patch };
  };
}
