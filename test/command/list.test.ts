import { describe, expect, it } from 'vitest';

import { commandSandbox, type CommandSandbox } from './harness.js';

async function seed(box: CommandSandbox): Promise<void> {
  const make = async (title: string, ...flags: string[]) => {
    const r = await box.desk(['create', '--title', title, '--requester', 'Zhang San', '--channel', 'phone', '--contact', '13912345678', ...flags]);
    if (r.code !== 0) throw new Error(r.stderr);
  };
  await make('打印机卡纸', '--created-at', '2026-10-05 10:00', '--team', 'desktop', '--assignee', 'sun', '--urgency', 'urgent', '--type', 'fault');
  await make('VPN cannot connect', '--created-at', '2026-10-20 10:00', '--team', 'network', '--channel', 'email', '--type', 'fault');
  await make('Password reset', '--created-at', '2026-11-02 10:00', '--type', 'request', '--urgency', 'critical');
  await make('ERP 报表导出慢', '--created-at', '2026-11-03 10:00', '--team', 'applications', '--assignee', 'chu');
  await box.desk(['respond', 'SD-202611-00002']);
  await box.desk(['resolve', 'SD-202611-00002', '--solution', 'Index added']);
}

describe('desk list', () => {
  it('filters by status, team, assignee, type, urgency, channel, dates and text', async () => {
    const box = commandSandbox();
    await seed(box);
    const numbers = async (args: string[]) => (await box.json(['list', ...args])).map((t: any) => t.title);
    expect(await numbers([])).toEqual(['ERP 报表导出慢', 'Password reset', 'VPN cannot connect', '打印机卡纸']);
    expect(await numbers(['--status', 'open'])).toEqual(['Password reset', 'VPN cannot connect', '打印机卡纸']);
    expect(await numbers(['--status', 'resolved,new'])).toEqual(['ERP 报表导出慢', 'Password reset']);
    expect(await numbers(['--team', 'desktop'])).toEqual(['打印机卡纸']);
    expect(await numbers(['--assignee', 'chu'])).toEqual(['ERP 报表导出慢']);
    expect(await numbers(['--type', 'fault'])).toEqual(['VPN cannot connect', '打印机卡纸']);
    expect(await numbers(['--urgency', 'critical'])).toEqual(['Password reset']);
    expect(await numbers(['--channel', 'email'])).toEqual(['VPN cannot connect']);
    expect(await numbers(['--from', '2026-10-10', '--to', '2026-11-03'])).toEqual(['Password reset', 'VPN cannot connect']);
    expect(await numbers(['--search', '打印'])).toEqual(['打印机卡纸']);
    expect(await numbers(['--search', 'vpn'])).toEqual(['VPN cannot connect']);
  });

  it('sorts and limits', async () => {
    const box = commandSandbox();
    await seed(box);
    const titles = async (args: string[]) => (await box.json(['list', ...args])).map((t: any) => t.title);
    expect(await titles(['--sort', 'created_at', '--limit', '2'])).toEqual(['打印机卡纸', 'VPN cannot connect']);
    expect(await titles(['--sort', '-urgency', '--limit', '2'])).toEqual(['Password reset', '打印机卡纸']);
    const bad = await box.desk(['list', '--sort', 'colour']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sort: unknown value "colour"/);
    expect((await box.desk(['list', '--limit', '0'])).code).toBe(2);
    expect((await box.desk(['list', '--status', 'sleeping'])).stderr).toMatch(/accepted: open \(未结\), new \(新建\), dispatched \(已派单\)/);
    expect((await box.desk(['list', '--due-within', 'soon'])).stderr).toMatch(/--due-within: cannot read "soon" as a duration/);
  });

  it('masks contacts in tables and JSON unless --reveal', async () => {
    const box = commandSandbox();
    await seed(box);
    const table = await box.desk(['list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('139****5678');
    expect(table.stdout).not.toContain('13912345678');
    expect(table.stdout.split('\n')[0]).toBe('Number\tCreated\tStatus\tUrgency\tTeam\tAssignee\tRequester\tContact\tTitle\tDue');
    expect((await box.desk(['list', '--reveal'])).stdout).toContain('13912345678');
    expect((await box.json(['list'])).every((t: any) => t.contact === '139****5678')).toBe(true);
    const shown = await box.desk(['show', 'SD-202610-00001']);
    expect([shown.code, shown.stdout]).toEqual([0, expect.stringContaining('139****5678')]);
    expect(shown.stdout).not.toContain('13912345678');
    const history = await box.desk(['history', 'SD-202610-00001']);
    expect([history.code, history.stdout]).toEqual([0, expect.stringContaining('139****5678')]);
    expect(history.stdout).not.toContain('13912345678');
    expect((await box.desk(['history', 'SD-202610-00001', '--reveal'])).stdout).toContain('13912345678');
  });

  it('shows times in the configured zone, plain when piped', async () => {
    const box = commandSandbox();
    await seed(box);
    const shanghai = await box.json(['show', 'SD-202610-00001']);
    expect(shanghai.created_at).toBe('2026-10-05T10:00:00+08:00');
    expect((await box.json(['show', 'SD-202610-00001', '--tz', 'Europe/Berlin'])).created_at).toBe('2026-10-05T04:00:00+02:00');
    const piped = (await box.desk(['list'])).stdout;
    expect(piped).not.toMatch(/\x1b\[/);
    expect(piped).not.toMatch(/[┌─│]/);
    expect(piped).toContain('2026-10-05 10:00');
  });
});
