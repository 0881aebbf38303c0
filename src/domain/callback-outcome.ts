// What a call-back attempt came to, as operators type it: the id, or the words a Chinese hotline
// records it with (the first of each is the label the catalogue shows).
import { UsageError } from './errors.js';
import { CALLBACK_OUTCOMES, type CallbackOutcome } from './ticket.js';

export const OUTCOME_WORDS: Readonly<Record<CallbackOutcome, readonly string[]>> = {
  reached: ['已联系', '已回访', '接通', '联系上'],
  unreachable: ['未接通', '无法联系', '联系不上', '无人接听'],
  refused: ['拒绝回访', '拒绝', '拒访'],
};

export function parseOutcome(text: string, place: string): CallbackOutcome {
  const wanted = text.trim().toLowerCase();
  const found = CALLBACK_OUTCOMES.find((o) => o === wanted || OUTCOME_WORDS[o].includes(wanted));
  if (found) return found;
  throw new UsageError(`${place}: unknown outcome "${text}"`, `accepted: ${CALLBACK_OUTCOMES.map((o) => `${o} (${OUTCOME_WORDS[o][0]})`).join(', ')}`);
}
