// luxon is loaded the first time a command needs it rather than at start-up: it is the largest
// module of the desk, and show and list, which only write times, do without it (time.ts writes
// them from the zone's table of offsets). Loaded with require, so that it stays synchronous.
import { createRequire } from 'node:module';
import type * as Luxon from 'luxon';

let loaded: typeof Luxon | undefined;

export function luxon(): typeof Luxon {
  if (!loaded) {
    loaded = createRequire(import.meta.url)('luxon') as typeof Luxon;
    // Times are written in fixed numeric forms; the system's locale would only cost an ICU start-up.
    loaded.Settings.defaultLocale = 'en-US';
  }
  return loaded;
}
