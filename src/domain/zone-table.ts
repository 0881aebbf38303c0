// A time zone's UTC offsets as a table, so that a command can write local times without starting
// ICU (the first Intl call of a process costs about 15 ms) or loading luxon (about 8 ms): together
// a third of what `desk show` added to Node's own start-up. The table is made once with ICU
// (luxon's IANAZone) and kept in the settings cache; instants outside it are asked of ICU as before.
import type { IANAZone, Zone, ZoneOffsetFormat, ZoneOffsetOptions } from 'luxon';
import { luxon } from './luxon.js';

export interface ZoneTable {
  name: string;
  /** The instants the table covers: [from, to). */
  from: number;
  to: number;
  /** [instant, offset in minutes from then on], in order; the first starts at `from`. */
  offsets: [number, number][];
}

const STEP_MS = 14 * 86_400_000;
const MINUTE_MS = 60_000;

/**
 * The offsets of `name` over [from, to), read from ICU two weeks apart, each change narrowed to
 * its minute. Two changes within two weeks that cancel out would be missed: daylight saving, and
 * its suspensions for Ramadan, last a month or more.
 */
export function tabulateZone(name: string, from: number, to: number): ZoneTable {
  const zone = luxon().IANAZone.create(name);
  if (!zone.isValid) throw new Error(`not a time zone: ${name}`);
  const offsets: [number, number][] = [[from, zone.offset(from)]];
  let last = offsets[0]![1];
  for (let at = from + STEP_MS; at < to + STEP_MS; at += STEP_MS) {
    const probe = Math.min(at, to - MINUTE_MS);
    const offset = zone.offset(probe);
    if (offset === last) continue;
    // The offset changed in (probe - step, probe]: find the first minute with the new one.
    let low = Math.max(from, probe - STEP_MS);
    let high = probe;
    while (high - low > MINUTE_MS) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
      if (zone.offset(middle) === last) low = middle;
      else high = middle;
    }
    offsets.push([high, offset]);
    last = offset;
  }
  return { name, from, to, offsets };
}

/** "+08:00" (short), "+8" (narrow) or "+0800" (techie), as luxon writes offsets. */
export function formatOffset(minutes: number, format: ZoneOffsetFormat): string {
  const sign = minutes < 0 ? '-' : '+';
  const hours = Math.trunc(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  const hh = String(hours).padStart(2, '0');
  const mm = String(rest).padStart(2, '0');
  if (format === 'narrow') return `${sign}${hours}${rest ? `:${rest}` : ''}`;
  if (format === 'techie') return `${sign}${hh}${mm}`;
  return `${sign}${hh}:${mm}`;
}

/** A table's offsets, looked up by binary search; null outside the instants it covers. */
export class ZoneOffsets {
  readonly name: string;
  private readonly from: number;
  private readonly to: number;
  private readonly instants: Float64Array;
  private readonly minutes: Int32Array;

  constructor(table: ZoneTable) {
    this.name = table.name;
    this.from = table.from;
    this.to = table.to;
    this.instants = Float64Array.from(table.offsets, ([at]) => at);
    this.minutes = Int32Array.from(table.offsets, ([, minutes]) => minutes);
  }

  at(ts: number): number | null {
    if (!(ts >= this.from && ts < this.to)) return null;
    // The last change at or before ts.
    let low = 0;
    let high = this.instants.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.instants[middle]! <= ts) low = middle;
      else high = middle - 1;
    }
    return this.minutes[low]!;
  }
}

type TableZoneClass = new (offsets: ZoneOffsets) => Zone;
let TableZone: TableZoneClass | undefined;

/** A luxon zone that answers offsets from the table, and asks ICU only outside it. */
export function tableZone(offsets: ZoneOffsets): Zone {
  TableZone ??= defineTableZone();
  return new TableZone(offsets);
}

function defineTableZone(): TableZoneClass {
  const { IANAZone: Iana, Zone: LuxonZone } = luxon();
  return class extends LuxonZone {
    private fallback: IANAZone | null = null;

    constructor(private readonly offsets: ZoneOffsets) {
      super();
    }

    override get type(): string {
      return 'iana';
    }

    override get name(): string {
      return this.offsets.name;
    }

    override get isUniversal(): boolean {
      return false;
    }

    override get isValid(): boolean {
      return true;
    }

    private iana(): IANAZone {
      this.fallback ??= Iana.create(this.offsets.name);
      return this.fallback;
    }

    override offset(ts: number): number {
      return this.offsets.at(ts) ?? this.iana().offset(ts);
    }

    override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
      return this.iana().offsetName(ts, options);
    }

    override formatOffset(ts: number, format: ZoneOffsetFormat): string {
      return formatOffset(this.offset(ts), format);
    }

    override equals(other: Zone): boolean {
      return other.type === 'iana' && other.name === this.name;
    }
  };
}
