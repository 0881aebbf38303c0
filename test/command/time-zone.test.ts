// Times are shown in the desk's zone, from desk.yaml or else the system's (DESIGN.md "Time"); the
// zone's offsets are kept in the settings cache, which must follow a change of the system zone.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG } from '../e2e/helpers.js';
import { commandSandbox } from './harness.js';

// 2026-07-01T08:00:00Z: summer in Berlin (UTC+2), Tokyo is UTC+9 all year.
const CREATED = '2026-07-01T08:00:00Z';

/** A desk whose desk.yaml names no time zone: it keeps the system's. */
function systemZoneDesk() {
  const config = commandSandbox({ config: null });
  writeFileSync(join(config.dir, 'desk.yaml'), 'numbering: { prefix: SD, digits: 5 }\n');
  return commandSandbox({ config: config.dir });
}

describe('the time zone of shown times', () => {
  it('follows TZ when desk.yaml names no zone, also once the settings are cached', async () => {
    const box = systemZoneDesk();
    const cache = { XDG_CACHE_HOME: join(box.dir, 'cache'), DESK_NOW: CREATED };
    expect((await box.desk(['create', '--title', 'printer jam', '--requester', 'Li Lei', '--channel', 'phone'], { env: cache })).code).toBe(0);
    const createdAt = async (tz: string) => JSON.parse((await box.desk(['show', '1', '--json'], { env: { ...cache, TZ: tz } })).stdout).created_at;
    expect(await createdAt('Europe/Berlin')).toBe('2026-07-01T10:00:00+02:00');
    expect(await createdAt('Europe/Berlin')).toBe('2026-07-01T10:00:00+02:00');
    expect(await createdAt('Asia/Tokyo')).toBe('2026-07-01T17:00:00+09:00');
    expect(await createdAt('Europe/Berlin')).toBe('2026-07-01T10:00:00+02:00');
  });

  it('shows local times across a daylight-saving change as the calendar has them', async () => {
    const box = systemZoneDesk();
    const env = { XDG_CACHE_HOME: join(box.dir, 'cache'), TZ: 'Europe/Berlin' };
    // 00:59 and 01:00 UTC on 2026-03-29: the last minute of winter time and the first of summer.
    for (const at of ['2026-03-29T00:59:00Z', '2026-03-29T01:00:00Z']) {
      expect((await box.desk(['create', '--title', `at ${at}`, '--requester', 'Li Lei', '--channel', 'phone'], { env: { ...env, DESK_NOW: at } })).code).toBe(0);
    }
    const shown: string[] = [];
    for (const n of [1, 2]) shown.push(JSON.parse((await box.desk(['show', String(n), '--json'], { env })).stdout).created_at);
    expect(shown).toEqual(['2026-03-29T01:59:00+01:00', '2026-03-29T03:00:00+02:00']);
    const listed = (await box.desk(['list'], { env: { ...env, DESK_NOW: '2026-03-30T00:00:00Z' } })).stdout;
    expect(listed).toContain('03-29 01:59');
    expect(listed).toContain('03-29 03:00');
  });
});

describe('one desk time zone', () => {
  /** A config directory with the example teams and sla.yaml, and desk.yaml as given (or none). */
  function deskWith(deskYaml: string | null, slaZone = 'Asia/Shanghai') {
    const config = commandSandbox({ config: null });
    const sla = readFileSync(join(EXAMPLE_CONFIG, 'sla.yaml'), 'utf8').replace(/^timezone: .*$/m, `timezone: ${slaZone}`);
    writeFileSync(join(config.dir, 'sla.yaml'), sla);
    writeFileSync(join(config.dir, 'teams.yaml'), readFileSync(join(EXAMPLE_CONFIG, 'teams.yaml')));
    if (deskYaml !== null) writeFileSync(join(config.dir, 'desk.yaml'), deskYaml);
    return commandSandbox({ config: config.dir });
  }

  it("is sla.yaml's when desk.yaml names none, so months end where the calendars' days do", async () => {
    const box = deskWith(null);
    // 31 October 20:00 UTC is already 1 November in Shanghai; the machine's zone is UTC.
    const created = await box.desk(['create', '--title', 'VPN', '--requester', 'r', '--channel', 'web', '--json'], { env: { DESK_NOW: '2026-10-31T20:00:00Z', TZ: 'UTC' } });
    expect(JSON.parse(created.stdout)).toMatchObject({ number: 'SD-202611-00001', created_at: '2026-11-01T04:00:00+08:00' });
    const report = async (month: string) => JSON.parse((await box.desk(['report', 'monthly', '--month', month, '--json'], { env: { DESK_NOW: '2026-12-05T10:00:00+08:00', TZ: 'UTC' } })).stdout);
    expect([(await report('2026-11')).timezone, (await report('2026-11')).totals.created, (await report('2026-10')).totals.created]).toEqual(['Asia/Shanghai', 1, 0]);
    // --tz still overrides it for one command.
    expect(JSON.parse((await box.desk(['show', '1', '--json', '--tz', 'UTC'])).stdout).created_at).toBe('2026-10-31T20:00:00Z');
  });

  it('refuses an unknown zone at file:line:column with the nearest name, in rules check and in every command', async () => {
    const box = deskWith('numbering: { prefix: SD }\ntimezone: Asia/Shanghia\n');
    const check = await box.desk(['rules', 'check']);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('desk.yaml:2:11: timezone: unknown time zone "Asia/Shanghia" (did you mean "Asia/Shanghai"?)\n');
    const list = await box.desk(['list']);
    expect(list.code).toBe(2);
    expect(list.stderr).toMatch(/^desk: .*desk\.yaml:2:11: timezone: unknown time zone "Asia\/Shanghia" \(did you mean "Asia\/Shanghai"\?\)/);
    expect(list.stderr).not.toContain('Invalid DateTime');
  });

  it('is warned about by rules check when desk.yaml and sla.yaml name different zones', async () => {
    const box = deskWith('timezone: Asia/Shanghai\n', 'UTC');
    const check = await box.desk(['rules', 'check']);
    expect(check.code).toBe(0);
    expect(check.stderr).toMatch(/desk\.yaml:1:11: warning: time zone "Asia\/Shanghai" differs from "UTC" in .*sla\.yaml:\d+:11: /);
    const json = JSON.parse((await box.desk(['rules', 'check', '--json'])).stdout);
    expect(json.warnings).toHaveLength(1);
    expect((await deskWith('timezone: Asia/Shanghai\n').desk(['rules', 'check'])).stderr).toBe('');
  });
});
