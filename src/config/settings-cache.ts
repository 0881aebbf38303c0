// desk.yaml read once and kept as JSON until the file changes: read commands (show, list) then
// start without loading the YAML parser and the schema library at all, and, with the table of
// the desk's time zone kept beside it, without starting ICU.
import { mkdirSync, readFileSync, readlinkSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ZoneTable } from '../domain/zone-table.js';
import type { DeskSettings } from './settings.js';

const FORMAT = 9;

function stampOf(path: string | null): string {
  if (!path) return 'none';
  try {
    const stat = statSync(path, { bigint: true });
    return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
  } catch {
    return 'absent';
  }
}

/**
 * A short name for a path: FNV-1a twice over, 64 bits in hex. A cache file name needs no more,
 * and node:crypto would cost read commands about 3 ms of start-up.
 */
function cacheKey(text: string): string {
  let low = 0x811c9dc5;
  let high = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    low = Math.imul(low ^ code, 0x01000193) >>> 0;
    high = Math.imul(high ^ code, 0x01000193) >>> 0;
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

export function cacheDirectory(env: NodeJS.ProcessEnv, home: string): string {
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'desk');
}

/**
 * What the system's time zone is set from, without asking ICU: TZ, else the link /etc/localtime.
 * A cached zone taken from the system is good while this stays the same.
 */
function systemZoneSource(env: NodeJS.ProcessEnv): string {
  if (env.TZ !== undefined) return `TZ=${env.TZ}`;
  try {
    return `localtime=${readlinkSync('/etc/localtime')}`;
  } catch {
    return 'localtime=none';
  }
}

/** The years a cached zone table covers: wider than any desk's history and plans. */
const TABLE_FROM = Date.UTC(2000, 0, 1);
const TABLE_TO = Date.UTC(2050, 0, 1);

interface CachedSettings {
  format: number;
  stamp: string;
  /** ICU's time zone rules: a Node with newer ones remakes the table. */
  tzdata: string;
  settings: DeskSettings;
  /** systemZoneSource() when the zone came from the system, else null. */
  systemZone: string | null;
  zoneTable: ZoneTable | null;
}

export interface CachedDeskSettings {
  settings: DeskSettings;
  /** The offsets of settings.timezone, so that times can be shown without starting ICU. */
  zoneTable: ZoneTable | null;
}

export async function loadDeskSettingsCached(
  configDir: string | null,
  cwd: string,
  systemZone: () => string,
  cacheDir: string,
  env: NodeJS.ProcessEnv,
): Promise<CachedDeskSettings> {
  const file = configDir && resolve(cwd, configDir, 'desk.yaml');
  // sla.yaml names the desk's zone when desk.yaml does not; teams.yaml names the teams.
  const beside = (name: string) => stampOf(configDir && resolve(cwd, configDir, name));
  const stamp = `${stampOf(file)}|${beside('sla.yaml')}|${beside('teams.yaml')}`;
  const tzdata = `${process.versions.icu}/${process.versions.tz}`;
  const key = cacheKey(`${file}`);
  const cachePath = join(cacheDir, `settings-${key}.json`);
  try {
    const cached = JSON.parse(readFileSync(cachePath, 'utf8')) as CachedSettings;
    const current = cached.format === FORMAT && cached.stamp === stamp && cached.tzdata === tzdata;
    if (current && (cached.systemZone === null || cached.systemZone === systemZoneSource(env))) return { settings: cached.settings, zoneTable: cached.zoneTable };
  } catch {
    // No cache yet, or an unreadable one: read the file itself.
  }
  const [{ loadDeskSettings }, { tabulateZone }] = await Promise.all([import('./settings.js'), import('../domain/zone-table.js')]);
  let zoneFromSystem = false;
  const settings = loadDeskSettings(configDir, cwd, () => {
    zoneFromSystem = true;
    return systemZone();
  });
  let zoneTable: ZoneTable | null = null;
  try {
    zoneTable = tabulateZone(settings.timezone, TABLE_FROM, TABLE_TO);
  } catch {
    // A zone ICU does not know is reported where it is used.
  }
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const temp = `${cachePath}.${process.pid}.tmp`;
    const record: CachedSettings = { format: FORMAT, stamp, tzdata, settings, systemZone: zoneFromSystem ? systemZoneSource(env) : null, zoneTable };
    writeFileSync(temp, JSON.stringify(record));
    renameSync(temp, cachePath);
  } catch {
    // A cache that cannot be written only costs speed.
  }
  return { settings, zoneTable };
}
