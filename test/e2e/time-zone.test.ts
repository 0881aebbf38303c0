// Times are shown in the desk's zone, from desk.yaml or else the system's (DESIGN.md "Time"); the
// zone's offsets are kept in the settings cache, which must follow a change of the system zone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandbox } from './helpers.js';

// 2026-07-01T08:00:00Z: summer in Berlin (UTC+2), Tokyo is UTC+9 all year.
const CREATED = '2026-07-01T08:00:00Z';

/** A desk whose desk.yaml names no time zone: it keeps the system's. */
function systemZoneDesk() {
  const config = sandbox({ config: null });
  writeFileSync(join(config.dir, 'desk.yaml'), 'numbering: { prefix: SD, digits: 5 }\n');
  return sandbox({ config: config.dir });
}

describe('the time zone of shown times', () => {
  it('follows TZ when desk.yaml names no zone, also once the settings are cached', () => {
    const box = systemZoneDesk();
    const cache = { XDG_CACHE_HOME: join(box.dir, 'cache'), DESK_NOW: CREATED };
    expect(box.desk(['create', '--title', 'printer jam', '--requester', 'Li Lei', '--channel', 'phone'], { env: cache }).code).toBe(0);
    const createdAt = (tz: string) => JSON.parse(box.desk(['show', '1', '--json'], { env: { ...cache, TZ: tz } }).stdout).created_at;
    expect(createdAt('Europe/Berlin')).toBe('2026-07-01T10:00:00+02:00');
    expect(createdAt('Europe/Berlin')).toBe('2026-07-01T10:00:00+02:00');
    expect(createdAt('Asia/Tokyo')).toBe('2026-07-01T17:00:00+09:00');
    expect(createdAt('Europe/Berlin')).toBe('2026-07-01T10:00:00+02:00');
  });

  it('shows local times across a daylight-saving change as the calendar has them', () => {
    const box = systemZoneDesk();
    const env = { XDG_CACHE_HOME: join(box.dir, 'cache'), TZ: 'Europe/Berlin' };
    // 00:59 and 01:00 UTC on 2026-03-29: the last minute of winter time and the first of summer.
    for (const at of ['2026-03-29T00:59:00Z', '2026-03-29T01:00:00Z']) {
      expect(box.desk(['create', '--title', `at ${at}`, '--requester', 'Li Lei', '--channel', 'phone'], { env: { ...env, DESK_NOW: at } }).code).toBe(0);
    }
    const shown = [1, 2].map((n) => JSON.parse(box.desk(['show', String(n), '--json'], { env }).stdout).created_at);
    expect(shown).toEqual(['2026-03-29T01:59:00+01:00', '2026-03-29T03:00:00+02:00']);
    const listed = box.desk(['list'], { env: { ...env, DESK_NOW: '2026-03-30T00:00:00Z' } }).stdout;
    expect(listed).toContain('03-29 01:59');
    expect(listed).toContain('03-29 03:00');
  });
});
