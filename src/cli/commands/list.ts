import { UsageError } from '../../domain/errors.js';
import { OPEN_STATUSES, STATUSES, type Status } from '../../domain/ticket.js';
import { parseDuration, parseInstant } from '../../domain/time.js';
import { checkEnum } from '../../domain/vocabulary.js';
import type { SortField, TicketQuery } from '../../store/store.js';
import type { Context } from '../context.js';
import { renderList } from '../render/table.js';
import { printJson, toTicketJson } from '../render/ticket-json.js';
import { LIST_HEADINGS, ticketRow } from '../render/ticket-view.js';
import { loadStyle } from '../render/style.js';

interface Options {
  status?: string;
  team?: string;
  assignee?: string;
  type?: string;
  urgency?: string;
  channel?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  dueWithin?: string;
  search?: string;
  sort: string;
  limit: string;
  reveal?: boolean;
}

const SORT_FIELDS: readonly SortField[] = ['created_at', 'updated_at', 'number', 'urgency', 'status', 'resolve_due_at'];
const MAX_LIMIT = 100_000;

function parseStatuses(text: string): Status[] {
  const statuses = new Set<Status>();
  for (const word of text.split(',').map((w) => w.trim()).filter(Boolean)) {
    if (word === 'open') OPEN_STATUSES.forEach((s) => statuses.add(s));
    else statuses.add(checkEnum(word, [...STATUSES, 'open'], '--status') as Status);
  }
  return [...statuses];
}

function parseSort(text: string): TicketQuery['sort'] {
  const descending = text.startsWith('-');
  const field = checkEnum(text.replace(/^[-+]/, ''), SORT_FIELDS, '--sort') as SortField;
  return { field, descending };
}

function parseLimit(text: string): number {
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new UsageError(`--limit: "${text}" is not a number from 1 to ${MAX_LIMIT}`, 'e.g. --limit 20; use desk export for everything');
  }
  return limit;
}

export async function run({ options }: { options: Options }, ctx: Context) {
  const { timezone: zone, vocabulary } = await ctx.settings();
  const now = ctx.now();
  const query: TicketQuery = {
    statuses: options.status === undefined ? undefined : parseStatuses(options.status),
    team: options.team,
    assignee: options.assignee,
    type: options.type === undefined ? undefined : checkEnum(options.type, vocabulary.types, '--type'),
    urgency: options.urgency === undefined ? undefined : checkEnum(options.urgency, vocabulary.urgencies, '--urgency'),
    channel: options.channel === undefined ? undefined : checkEnum(options.channel, vocabulary.channels, '--channel'),
    createdFrom: options.from === undefined ? undefined : parseInstant(options.from, zone, '--from'),
    createdBefore: options.to === undefined ? undefined : parseInstant(options.to, zone, '--to'),
    overdueAt: options.overdue ? now : undefined,
    dueWithin: options.dueWithin === undefined ? undefined : { from: now, until: now + parseDuration(options.dueWithin, '--due-within') },
    text: options.search?.trim() || undefined,
    sort: parseSort(options.sort),
    limit: parseLimit(options.limit),
  };
  const store = await ctx.openStore({ create: false });
  const tickets = await store.listTickets(query);
  const reveal = Boolean(options.reveal);
  if (ctx.json) {
    printJson((t) => ctx.io.stdout.write(t), tickets.map((t) => toTicketJson(t, { zone, reveal })));
    return;
  }
  if (!tickets.length) {
    ctx.io.stderr.write('no tickets match\n');
    return;
  }
  const view = { zone, reveal, now, style: await loadStyle(ctx.color) };
  ctx.io.stdout.write(await renderList(LIST_HEADINGS, tickets.map((t) => ticketRow(t, view)), { terminal: ctx.io.stdoutIsTTY, color: ctx.color }));
}
