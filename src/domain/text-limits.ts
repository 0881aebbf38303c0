// How long the texts of a ticket may be (desk.yaml `limits`): a title is a line, a description or
// a solution a page or two; a megabyte pasted by mistake is refused, naming the field and the limit.
import { UsageError } from './errors.js';
import type { Plan } from './lifecycle.js';

export interface TextLimits {
  /** Characters of a title. */
  title: number;
  /** Characters of any other free text: description, solution, steps, notes, reasons. */
  text: number;
}

export const DEFAULT_TEXT_LIMITS: TextLimits = { title: 500, text: 64 * 1024 };

/** Why `value` is too long for `field`, or null when it fits. */
export function lengthProblem(value: string, field: string, limits: TextLimits): string | null {
  const limit = field === 'title' ? limits.title : limits.text;
  return value.length > limit ? `${value.length} characters is too long (at most ${limit})` : null;
}

/** Throws when `value` is too long; `place` names the flag or field. */
export function checkLength(value: string | null | undefined, field: string, place: string, limits: TextLimits): void {
  if (value === null || value === undefined) return;
  const problem = lengthProblem(value, field, limits);
  if (problem) throw new UsageError(`${place}: ${problem}`, field === 'title' ? 'put the details in the description' : `shorten it, or raise limits.${field === 'title' ? 'title' : 'text'} in desk.yaml`);
}

// The patch fields an action may fill with free text, and the flags that give them.
const ACTION_TEXTS: Record<string, string> = {
  title: '--title', description: '--description', solution: '--solution', steps: '--steps', remaining: '--remaining',
  escalation_reason: '--reason', callback_note: '--callback',
  complaint_cause: '--cause', complaint_action: '--action', complaint_penalty: '--penalty', complaint_feedback: '--feedback',
};

// The flag that gives an event's text, where it is not --message.
const TEXT_FLAGS: Record<string, string> = {
  note: 'the note', supervise: '--note', urge: '--note', supervision_reply: '--reply', complaint: '--feedback', assist: '--note', assist_reply: '--reply',
};

/** Wraps a plan so that a text it would write past the desk's limits is refused, naming the flag. */
export function withTextLimits(plan: Plan, limits: TextLimits): Plan {
  return async (ticket, tools) => {
    const change = await plan(ticket, tools);
    if (!change) return change;
    for (const [field, value] of Object.entries(change.patch)) {
      if (typeof value === 'string' && field in ACTION_TEXTS) checkLength(value, field, ACTION_TEXTS[field]!, limits);
    }
    checkLength(change.text, 'text', TEXT_FLAGS[change.kind] ?? '--message', limits);
    checkLength(change.reason, 'reason', '--reason', limits);
    if (change.visit) for (const field of ['cause', 'opinion', 'parts'] as const) checkLength(change.visit[field], field, `--${field}`, limits);
    return change;
  };
}
