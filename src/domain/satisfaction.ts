// The 1–5 satisfaction scale and the words requesters answer a call-back with (满意, 基本满意,
// 不满意), which desk.yaml may add to or re-score.
import { UsageError } from './errors.js';

/** Label → score. 基本满意 is a positive answer ("basically satisfied"), so it sits above the middle 3. */
export const DEFAULT_SATISFACTION_LABELS: Readonly<Record<string, number>> = {
  满意: 5,
  基本满意: 4,
  不满意: 1,
  satisfied: 5,
  'fairly satisfied': 4,
  dissatisfied: 1,
};

/** How a label is compared: trimmed, spaces collapsed, case ignored. */
export function normaliseLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A whole number from 1 to 5, or a label of `labels`. */
export function parseSatisfaction(text: string, place: string, labels: Readonly<Record<string, number>> = DEFAULT_SATISFACTION_LABELS): number {
  const value = Number(text);
  if (text.trim() !== '' && Number.isInteger(value) && value >= 1 && value <= 5) return value;
  const wanted = normaliseLabel(text);
  for (const [label, score] of Object.entries(labels)) if (normaliseLabel(label) === wanted) return score;
  const named = Object.entries(labels).map(([label, score]) => `${label} (${score})`).join(', ');
  throw new UsageError(`${place}: "${text}" is not a rating`, `give a whole number from 1 (very dissatisfied) to 5 (very satisfied)${named ? `, or one of ${named}` : ''}`);
}
