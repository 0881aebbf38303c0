// desk.yaml read once and kept as JSON until the file changes: read commands (show, list) then
// start without loading the YAML parser and the schema library at all.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DeskSettings } from './settings.js';

const FORMAT = 3;

function stampOf(path: string | null): string {
  if (!path) return 'none';
  try {
    const stat = statSync(path, { bigint: true });
    return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
  } catch {
    return 'absent';
  }
}

export function cacheDirectory(env: NodeJS.ProcessEnv, home: string): string {
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'desk');
}

export async function loadDeskSettingsCached(configDir: string | null, cwd: string, systemZone: () => string, cacheDir: string): Promise<DeskSettings> {
  const file = configDir && resolve(cwd, configDir, 'desk.yaml');
  const stamp = stampOf(file);
  const key = createHash('sha1').update(`${file}`).digest('hex').slice(0, 16);
  const cachePath = join(cacheDir, `settings-${key}.json`);
  try {
    const cached = JSON.parse(readFileSync(cachePath, 'utf8')) as { format: number; stamp: string; settings: DeskSettings; zoneFromSystem: boolean };
    if (cached.format === FORMAT && cached.stamp === stamp) return cached.zoneFromSystem ? { ...cached.settings, timezone: systemZone() } : cached.settings;
  } catch {
    // No cache yet, or an unreadable one: read the file itself.
  }
  const { loadDeskSettings } = await import('./settings.js');
  let zoneFromSystem = false;
  const settings = loadDeskSettings(configDir, cwd, () => {
    zoneFromSystem = true;
    return systemZone();
  });
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const temp = `${cachePath}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ format: FORMAT, stamp, settings, zoneFromSystem }));
    renameSync(temp, cachePath);
  } catch {
    // A cache that cannot be written only costs speed.
  }
  return settings;
}
