// What an auditor sees unmasked is recorded in each ticket's trail before it is shown: a record
// that cannot be written stops the command, so nothing is revealed unrecorded. Operators and
// supervisors reveal contacts as their work needs; an auditor's role (PostgreSQL) is for reading.
import type { Store } from '../store/store.js';
import type { Context } from './context.js';

export async function recordReveal(ctx: Context, store: Store, command: string, ticketIds: readonly number[]): Promise<void> {
  if (store.session?.rights !== 'auditor' || !ticketIds.length) return;
  await store.recordReveal(ticketIds, `desk ${command} --reveal`, { actor: await ctx.actor(), now: ctx.now() });
}
