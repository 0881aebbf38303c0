// The ticket filters of `desk list`, read the same way wherever a command takes them (`list`,
// `search`, and any command that selects tickets by status, team, dates or deadlines).
import { contactKey, requesterKey } from '../domain/caller.js';
import { UsageError } from '../domain/errors.js';
import { OPEN_STATUSES, type Status } from '../domain/ticket.js';
import { acceptedTerms, findTerm } from '../domain/terms.js';
import { parseDuration, parseInstant } from '../domain/time.js';
import { checkValue, DEFAULT_VOCABULARY, type Vocabulary } from '../domain/vocabulary.js';
import type { SortField, TicketQuery } from '../store/store.js';
import type { TicketFilterOptions } from './declaration.js';

/** The filter flags as commander hands them over (camelCase), with list's --search. */
export type FilterOptions = TicketFilterOptions & { search?: string };

export type TicketFilters = Omit<TicketQuery, 'sort' | 'limit'>;

export const SORT_FIELDS: readonly SortField[] = ['created_at', 'updated_at', 'number', 'urgency', 'status', 'resolve_due_at'];
export const MAX_LIMIT = 100_000;

export function parseStatuses(text: string, vocabulary: Vocabulary = DEFAULT_VOCABULARY): Status[] {
  const statuses = new Set<Status>();
  for (const word of text.split(/[,，、]/).map((w) => w.trim()).filter(Boolean)) {
    if (word === 'open' || word === '未结') OPEN_STATUSES.forEach((s) => statuses.add(s));
    else {
      const status = findTerm(vocabulary.labels, 'status', word);
      if (status === null) throw new UsageError(`--status: unknown value "${word}"`, `accepted: open (未结), ${acceptedTerms(vocabulary.labels, 'status')}`);
      statuses.add(status as Status);
    }
  }
  return [...statuses];
}

export function parseSort(text: string, otherWords: readonly string[] = []): TicketQuery['sort'] {
  const word = text.trim().toLowerCase();
  const field = word.replace(/^[-+]/, '');
  if (!(SORT_FIELDS as readonly string[]).includes(field)) {
    throw new UsageError(`--sort: unknown value "${text}" (accepted: ${[...otherWords, ...SORT_FIELDS].join(', ')}; prefix - for descending)`, 'e.g. --sort -created_at for the newest first');
  }
  return { field: field as SortField, descending: word.startsWith('-') };
}

/** The words a sort flag takes: each field ascending, and with - for descending. */
export function sortWords(fields: readonly string[]): string[] {
  return fields.flatMap((field) => [field, `-${field}`]);
}

/** `desk search --sort`: `relevance` (undefined: the search's own order) or a sort of `desk list`. */
export function parseSearchSort(text: string): TicketQuery['sort'] | undefined {
  return text.trim().toLowerCase() === 'relevance' ? undefined : parseSort(text, ['relevance']);
}

export function parseLimit(text: string, max = MAX_LIMIT, hint = 'e.g. --limit 20; use desk export for everything'): number {
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new UsageError(`--limit: "${text}" is not a number from 1 to ${max}`, hint);
  return limit;
}

/** The filters as a query for the store; times are read in `zone`, windows counted from `now`. */
export function parseTicketFilters(options: FilterOptions, { zone, vocabulary, now }: { zone: string; vocabulary: Vocabulary; now: number }): TicketFilters {
  return {
    statuses: options.status === undefined ? undefined : parseStatuses(options.status, vocabulary),
    team: options.team,
    assignee: options.assignee,
    type: options.type === undefined ? undefined : checkValue(vocabulary, 'type', options.type, '--type'),
    urgency: options.urgency === undefined ? undefined : checkValue(vocabulary, 'urgency', options.urgency, '--urgency'),
    channel: options.channel === undefined ? undefined : checkValue(vocabulary, 'channel', options.channel, '--channel'),
    createdFrom: options.from === undefined ? undefined : parseInstant(options.from, zone, '--from'),
    createdBefore: options.to === undefined ? undefined : parseInstant(options.to, zone, '--to'),
    overdueAt: options.overdue ? now : undefined,
    dueWithin: options.dueWithin === undefined ? undefined : { from: now, until: now + parseDuration(options.dueWithin, '--due-within') },
    supervised: options.supervised ? true : undefined,
    text: options.search?.trim() || undefined,
    requesterKey: options.requester === undefined ? undefined : callerKey(options.requester, requesterKey, '--requester', 'a name, e.g. --requester 李雷'),
    contactKey: options.contact === undefined ? undefined : callerKey(options.contact, contactKey, '--contact', 'a phone number or mail address, e.g. --contact 13812345678'),
  };
}

function callerKey(value: string, keyOf: (value: string) => string | null, flag: string, hint: string): string {
  const key = keyOf(value);
  if (key === null) throw new UsageError(`${flag}: "${value}" names nobody`, hint);
  return key;
}
