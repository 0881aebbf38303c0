// A time zone as the config files name it: an IANA name, checked, with the nearest known name
// offered for a typing mistake ("Asia/Shanghia" → "Asia/Shanghai").
import { z } from 'zod';
import { luxon } from '../domain/luxon.js';
import { suggest } from './yaml-file.js';

/** The names this Node knows, and the names of UTC. */
function knownZones(): string[] {
  return [...Intl.supportedValuesOf('timeZone'), 'UTC'];
}

/** "unknown time zone "Asia/Shanghia" (did you mean "Asia/Shanghai"?)", or null for a zone luxon knows. */
export function zoneProblem(zone: string): string | null {
  if (luxon().IANAZone.isValidZone(zone)) return null;
  const guess = suggest(zone, knownZones());
  return `unknown time zone "${zone}"${guess ? ` (did you mean "${guess}"?)` : ': use an IANA name such as Asia/Shanghai or UTC'}`;
}

export const TimezoneSchema = z
  .string({ error: 'a time zone is an IANA name such as Asia/Shanghai' })
  .superRefine((zone, ctx) => {
    const problem = zoneProblem(zone);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
