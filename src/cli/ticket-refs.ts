// The operator's ticket references, read against the desk's numbering and the current month.
import { parseTicketRef, type TicketRef } from '../domain/numbering.js';
import { monthKey } from '../domain/time.js';
import type { Context } from './context.js';

export async function readTicketRefs(ctx: Context, texts: readonly string[]): Promise<TicketRef[]> {
  const { numbering, timezone } = await ctx.settings();
  const scope = { ...numbering, month: monthKey(ctx.now(), timezone) };
  return texts.map((text) => parseTicketRef(text, scope));
}

export async function readTicketRef(ctx: Context, text: string): Promise<TicketRef> {
  return (await readTicketRefs(ctx, [text]))[0]!;
}
