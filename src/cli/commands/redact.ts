import { UsageError } from '../../domain/errors.js';
import type { Context } from '../context.js';
import { readTicketRef } from '../ticket-refs.js';
import { printJson, toTicketJson } from '../render/ticket-json.js';
import type { CommandInput } from '../declaration.js';

export interface RedactOptions {
  reason?: string;
}

/**
 * A privacy request: only a supervisor may erase a requester's details. On a store with roles
 * (PostgreSQL) the server decides who is one, except for its owner, who acts in others' names:
 * then, as on SQLite, teams.yaml names them.
 */
export async function run({ args, options }: CommandInput<RedactOptions>, ctx: Context) {
  const [{ timezone: zone }, teams] = [await ctx.settings(), await ctx.teams()];
  const store = await ctx.openStore({ create: false, write: true });
  const actor = await ctx.actor();
  const supervisors = teams.supervisors();
  const namesItsActor = !store.session || store.session.rights === 'owner';
  if (namesItsActor && !supervisors.includes(actor)) {
    throw new UsageError(`only a team supervisor may redact; ${actor} is not one`, `supervisors in teams.yaml: ${supervisors.join(', ') || 'none'}; act as one with --actor`);
  }
  const reason = options.reason?.trim();
  if (!reason) throw new UsageError('redact needs --reason', 'e.g. --reason "privacy request of 2026-11-25"');
  const ref = await readTicketRef(ctx, args[0]!);
  const ticket = await store.redactTicket(ref, reason, { actor, now: ctx.now() });
  if (ctx.json) printJson((t) => ctx.io.stdout.write(t), toTicketJson(ticket, { zone, reveal: false }));
  else ctx.io.stdout.write(`${ticket.number} redacted: requester, contact and their mentions removed from the ticket, its visits and its history\n`);
}
