// A target's length as sla.yaml writes it: "10m", "2h", "1h30m", "1d", "2d4h".

/**
 * A target's length. `m` and `h` are business minutes and hours of the target's calendar; `d` is a
 * count of working days: N working days later at the same position in the working day (a ticket
 * logged Tuesday 10:30 with `1d` is due Wednesday 10:30, whatever the length of the office day).
 * A start outside working time counts from the next opening; a position past the closing of a
 * shorter day is that closing. In a 24x7 calendar every day is 24 hours, so `1d` there is 24 hours.
 */
export interface TargetDuration {
  workingDays: number;
  /** Business milliseconds counted after the working days. */
  ms: number;
}

const DURATION_TEXT = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

/** How a duration is written, for the messages that refuse one. */
export const DURATION_FORMS = 'write a number with a unit: 10m, 2h, 1h30m, or 1d for one working day';

/** Reads "10m", "2h", "1h30m", "1d", "2d4h"; undefined when the text is not a positive duration. */
export function readTargetDuration(text: string): TargetDuration | undefined {
  const match = DURATION_TEXT.exec(text.trim().toLowerCase());
  if (!match || match[0] === '') return undefined;
  const [days, hours, minutes] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number];
  const duration = { workingDays: days, ms: (hours * 60 + minutes) * 60_000 };
  return duration.workingDays > 0 || duration.ms > 0 ? duration : undefined;
}
