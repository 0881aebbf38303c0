import { UsageError } from '../../domain/errors.js';
import { formatIso, formatLocal, formatSpan } from '../../domain/time.js';
import type { BusinessTimeStep } from '../../sla/business-time.js';
import { explainDueTimes, targetFor } from '../../sla/targets.js';
import type { Context } from '../context.js';
import { readTicketRef } from '../ticket-refs.js';
import { printJson } from '../render/ticket-json.js';
import type { CommandInput } from '../declaration.js';

const REASONS: Record<string, string> = {
  'before-opening': 'before opening',
  break: 'break',
  night: 'after closing',
  'closed-days': 'closed',
};

function describeStep(step: BusinessTimeStep, zone: string): string {
  const span = `${formatLocal(step.fromMs, zone)} → ${formatLocal(step.toMs, zone).slice(11)}`;
  const length = formatSpan(step.toMs - step.fromMs);
  const closed = 'closedDays' in step && step.closedDays.length ? ` (${step.closedDays.map((d) => `${d.date} ${d.kind}`).join(', ')})` : '';
  switch (step.kind) {
    case 'elapsed':
      return `counted  ${span}  ${length}, around the clock`;
    case 'counted':
      return `counted  ${span}  ${length}${step.dayKind === 'make-up' ? `, make-up workday${step.worksAs ? ` working ${step.worksAs}'s hours` : ''}` : ''}`;
    case 'skipped':
      return `skipped  ${formatLocal(step.fromMs, zone)} → ${formatLocal(step.toMs, zone)}  ${REASONS[step.reason] ?? step.reason}${closed}`;
    case 'working-days':
      return `${step.days} working day(s)  ${formatLocal(step.fromMs, zone)} → ${formatLocal(step.toMs, zone)}${closed}`;
  }
}

export async function run({ args }: CommandInput<Record<string, never>>, ctx: Context) {
  const [{ timezone: zone }, sla] = [await ctx.settings(), await ctx.sla()];
  if (!sla) throw new UsageError('no sla.yaml in the config directory', 'run `desk init` for an example, or pass --config DIR');
  const ref = await readTicketRef(ctx, args[0]!);
  const store = await ctx.openStore({ create: false });
  const ticket = await store.getTicket(ref);
  const target = targetFor(sla, ticket.urgency, ticket.type);
  const explained = explainDueTimes(sla, ticket);
  const pauses = (await store.listEvents(ticket.id)).filter((e) => e.kind === 'pending' || e.kind === 'resume' || (e.data.changes?.status?.[0] === 'pending'));
  const stored = { response: ticket.response_due_at, dispatch: ticket.dispatch_due_at, resolve: ticket.resolve_due_at };

  if (ctx.json) {
    printJson((t) => ctx.io.stdout.write(t), {
      number: ticket.number,
      urgency: ticket.urgency,
      type: ticket.type,
      calendar: target.calendar,
      paused_minutes: Math.round(ticket.paused_ms / 60_000),
      deadlines: Object.fromEntries(
        Object.entries(explained).map(([kind, e]) => [
          kind,
          { target: e.target, counted_from: formatIso(e.startMs, zone), due_before_pauses: formatIso(e.dueMs, zone), due_at: stored[kind as keyof typeof stored] === null ? null : formatIso(stored[kind as keyof typeof stored]!, zone), steps: e.steps.map((s) => ({ ...s, from: formatIso(s.fromMs, zone), to: formatIso(s.toMs, zone) })) },
        ]),
      ),
    });
    return;
  }
  const out = (text: string) => ctx.io.stdout.write(text);
  out(`${ticket.number}: urgency ${ticket.urgency ?? 'normal'}${ticket.type ? `, type ${ticket.type}` : ''}; counted in calendar ${target.calendar} from ${formatLocal(ticket.created_at, zone)}\n`);
  for (const [kind, e] of Object.entries(explained)) {
    out(`\n${kind} within ${e.target}: due ${formatLocal(e.dueMs, zone)}\n`);
    for (const step of e.steps) out(`  ${describeStep(step, zone)}\n`);
  }
  if (pauses.length || ticket.paused_ms) {
    out(`\npending pauses stop the clock: ${formatSpan(ticket.paused_ms)} of business time so far${ticket.paused_at !== null ? `, and paused since ${formatLocal(ticket.paused_at, zone)}` : ''}\n`);
    for (const e of pauses) out(`  ${formatLocal(e.at, zone)}  ${e.kind}${e.data.reason ? `: ${e.data.reason}` : ''}\n`);
    for (const [kind, due] of Object.entries(stored)) if (due !== null) out(`  ${kind} now due ${formatLocal(due, zone)}\n`);
  }
}
