import { maskContact } from '../../domain/privacy.js';
import { formatIso, formatLocal, parseDuration } from '../../domain/time.js';
import { printableTicket } from '../render/terminal-text.js';
import type { Context } from '../context.js';
import { recordReveal } from '../reveal.js';
import { renderList, truncate } from '../render/table.js';
import { printJson } from '../render/ticket-json.js';
import type { CommandInput } from '../declaration.js';

export interface CallbacksOptions {
  closedSince?: string;
  limit: string;
  reveal?: boolean;
}

/** The call-back campaign: closed tickets whose call-back has not reached the requester yet, oldest first. */
export async function run({ options }: CommandInput<CallbacksOptions>, ctx: Context) {
  const { timezone: zone } = await ctx.settings();
  const since = options.closedSince === undefined ? undefined : ctx.now() - parseDuration(options.closedSince, '--closed-since');
  const store = await ctx.openStore({ create: false });
  const tickets = await store.listTickets({ statuses: ['closed'], withoutCallback: true, closedFrom: since, sort: { field: 'closed_at', descending: false }, limit: Number(options.limit) || 1000 });
  if (options.reveal) await recordReveal(ctx, store, 'callbacks', tickets.map((t) => t.id));
  const contact = (value: string | null) => (options.reveal ? value : maskContact(value));
  if (ctx.json) {
    printJson((t) => ctx.io.stdout.write(t), tickets.map((t) => ({ number: t.number, title: t.title, requester: t.requester, contact: contact(t.contact), closed_at: formatIso(t.closed_at!, zone), team: t.team, assignee: t.assignee, satisfaction: t.satisfaction, callback_attempts: t.callback_attempts, callback_outcome: t.callback_outcome })));
    return;
  }
  if (!tickets.length) {
    if (ctx.io.stdoutIsTTY) ctx.io.stdout.write('every closed ticket has had its call-back\n');
    return;
  }
  const present = await ctx.presenter();
  const rows = tickets.map(printableTicket).map((t) => [
    t.number, formatLocal(t.closed_at!, zone), t.requester ?? '', contact(t.contact) ?? '', ctx.io.stdoutIsTTY ? truncate(t.title, 30) : t.title, t.assignee ?? '',
    t.callback_attempts ? present.words.attempts(t.callback_attempts, present.fieldValue('callback_outcome', t.callback_outcome)) : '0',
  ]);
  ctx.io.stdout.write(await renderList(['number', 'closed_at', 'requester', 'contact', 'title', 'assignee', 'callback_attempts'].map((f) => present.heading(f)), rows, { terminal: ctx.io.stdoutIsTTY, color: ctx.color }));
}
