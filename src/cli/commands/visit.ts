import { UsageError } from '../../domain/errors.js';
import { planVisit } from '../../domain/lifecycle.js';
import { formatLocal, parseInstant } from '../../domain/time.js';
import { parseHours, parseMoney, parseStaff } from '../../domain/visit.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface VisitOptions {
  date?: string;
  staff?: string;
  hours?: string;
  parts?: string;
  materialsCost?: string;
  transportCost?: string;
  cause?: string;
  opinion?: string;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<VisitOptions>, ctx: Context) {
  const { timezone: zone } = await ctx.settings();
  if (options.staff === undefined) throw new UsageError('visit needs --staff', 'name who went, e.g. --staff sun,zhou');
  const staff = parseStaff(options.staff, '--staff');
  const visitedAt = options.date === undefined ? ctx.now() : parseInstant(options.date, zone, '--date');
  if (visitedAt > ctx.now() + 5 * 60_000) throw new UsageError(`--date: ${options.date} is in the future`, 'record a visit once it has happened');
  const clean = (text: string | undefined) => text?.trim() || null;
  const visit = {
    visited_at: visitedAt,
    visit_date: formatLocal(visitedAt, zone).slice(0, 10),
    staff,
    person_times: staff.length,
    hours: options.hours === undefined ? null : parseHours(options.hours, '--hours'),
    parts: clean(options.parts),
    materials_cents: options.materialsCost === undefined ? 0 : parseMoney(options.materialsCost, '--materials-cost'),
    transport_cents: options.transportCost === undefined ? 0 : parseMoney(options.transportCost, '--transport-cost'),
    cause: clean(options.cause),
    opinion: clean(options.opinion),
  };
  await runTicketAction(ctx, { refs: args, ifVersion: options.ifVersion, plan: ({ now }) => planVisit(visit, now) });
}
