// Where an escalation tier of sla.yaml lies on a ticket's way to its resolution deadline, as the
// file writes it: "80%", "breach", "breach+1d".
import { DURATION_FORMS, readTargetDuration, type TargetDuration } from './target-duration.js';

/** Where a tier lies: a share of the resolve time, or the breach and a business time after it. */
export type TierPoint = { share: number } | { after: TargetDuration | null };

export interface EscalationTier {
  /** 1 for the first tier of the file, and so on: a ticket records the highest it reached. */
  tier: number;
  /** As written in the file: "80%", "breach", "breach+1d". */
  at: string;
  point: TierPoint;
  /** "supervisor" (the ticket's team's, else the desk's), "desk-supervisor", or a person's name. */
  tell: string;
}

const SHARE = /^(\d{1,2})%$/;
const AFTER_BREACH = /^breach(?:\s*\+\s*(\S+))?$/;

/** The point a tier's `at` names, or a message saying why it names none. */
export function readTierPoint(text: string): TierPoint | string {
  const trimmed = text.trim().toLowerCase();
  const share = SHARE.exec(trimmed);
  if (share) {
    const percent = Number(share[1]);
    return percent >= 1 ? { share: percent / 100 } : `"${text}": give a share from 1% to 99% of the resolve time, or "breach"`;
  }
  const breach = AFTER_BREACH.exec(trimmed);
  if (breach) {
    if (breach[1] === undefined) return { after: null };
    const after = readTargetDuration(breach[1]);
    return after ? { after } : `"${text}": after "breach+" ${DURATION_FORMS}`;
  }
  return `"${text}" is not a tier: write a share of the resolve time (80%), "breach", or a time after it (breach+1d)`;
}
