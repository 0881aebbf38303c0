import { UsageError } from '../../domain/errors.js';
import { formatIso, formatLocal, parseInstant } from '../../domain/time.js';
import { addBusinessMinutes } from '../../sla/business-time.js';
import type { Context } from '../context.js';
import { printJson } from '../render/ticket-json.js';
import type { CommandInput } from '../declaration.js';

export interface SlaDueOptions {
  start?: string;
  minutes?: string;
  calendar?: string;
}

export async function run({ options }: CommandInput<SlaDueOptions>, ctx: Context) {
  const [{ timezone: zone }, sla] = [await ctx.settings(), await ctx.sla()];
  if (!sla) throw new UsageError('no sla.yaml in the config directory', 'run `desk init` for an example, or pass --config DIR');
  const minutes = Number(options.minutes);
  if (options.minutes === undefined || !Number.isFinite(minutes) || minutes < 0) {
    throw new UsageError(`--minutes: "${options.minutes ?? ''}" is not a number of minutes`, 'e.g. --minutes 240 for four business hours');
  }
  const name = options.calendar ?? sla.byUrgency.normal.calendar;
  const calendar = sla.calendars.get(name);
  if (!calendar) throw new UsageError(`--calendar: no calendar "${name}" in sla.yaml`, `calendars: ${[...sla.calendars.keys()].join(', ')}`);
  const start = options.start === undefined ? ctx.now() : parseInstant(options.start, zone, '--start');
  const due = addBusinessMinutes(calendar, start, minutes);
  if (ctx.json) printJson((t) => ctx.io.stdout.write(t), { start: formatIso(start, zone), minutes, calendar: name, due: formatIso(due, zone) });
  else ctx.io.stdout.write(`${formatLocal(due, zone)}\n`);
}
