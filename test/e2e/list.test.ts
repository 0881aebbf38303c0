import { describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from './helpers.js';

function seed(box: Sandbox): void {
  const make = (title: string, ...flags: string[]) => {
    const r = box.desk(['create', '--title', title, '--requester', 'Zhang San', '--channel', 'phone', '--contact', '13912345678', ...flags]);
    if (r.code !== 0) throw new Error(r.stderr);
  };
  make('打印机卡纸', '--created-at', '2026-10-05 10:00', '--team', 'desktop', '--assignee', 'sun', '--urgency', 'urgent', '--type', 'fault');
  make('VPN cannot connect', '--created-at', '2026-10-20 10:00', '--team', 'network', '--channel', 'email', '--type', 'fault');
  make('Password reset', '--created-at', '2026-11-02 10:00', '--type', 'request', '--urgency', 'critical');
  make('ERP 报表导出慢', '--created-at', '2026-11-03 10:00', '--team', 'applications', '--assignee', 'chu');
  box.desk(['respond', 'SD-202611-00002']);
  box.desk(['resolve', 'SD-202611-00002', '--solution', 'Index added']);
}

describe('desk list', () => {
  it('filters by status, team, assignee, type, urgency, channel, dates and text', () => {
    const box = sandbox();
    seed(box);
    const numbers = (args: string[]) => box.json(['list', ...args]).map((t: any) => t.title);
    expect(numbers([])).toEqual(['ERP 报表导出慢', 'Password reset', 'VPN cannot connect', '打印机卡纸']);
    expect(numbers(['--status', 'open'])).toEqual(['Password reset', 'VPN cannot connect', '打印机卡纸']);
    expect(numbers(['--status', 'resolved,new'])).toEqual(['ERP 报表导出慢', 'Password reset']);
    expect(numbers(['--team', 'desktop'])).toEqual(['打印机卡纸']);
    expect(numbers(['--assignee', 'chu'])).toEqual(['ERP 报表导出慢']);
    expect(numbers(['--type', 'fault'])).toEqual(['VPN cannot connect', '打印机卡纸']);
    expect(numbers(['--urgency', 'critical'])).toEqual(['Password reset']);
    expect(numbers(['--channel', 'email'])).toEqual(['VPN cannot connect']);
    expect(numbers(['--from', '2026-10-10', '--to', '2026-11-03'])).toEqual(['Password reset', 'VPN cannot connect']);
    expect(numbers(['--search', '打印'])).toEqual(['打印机卡纸']);
    expect(numbers(['--search', 'vpn'])).toEqual(['VPN cannot connect']);
  });

  it('sorts and limits', () => {
    const box = sandbox();
    seed(box);
    const titles = (args: string[]) => box.json(['list', ...args]).map((t: any) => t.title);
    expect(titles(['--sort', 'created_at', '--limit', '2'])).toEqual(['打印机卡纸', 'VPN cannot connect']);
    expect(titles(['--sort', '-urgency', '--limit', '2'])).toEqual(['Password reset', '打印机卡纸']);
    const bad = box.desk(['list', '--sort', 'colour']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sort: unknown value "colour"/);
    expect(box.desk(['list', '--limit', '0']).code).toBe(2);
    expect(box.desk(['list', '--status', 'sleeping']).stderr).toMatch(/accepted: open \(未结\), new \(新建\), dispatched \(已派单\)/);
    expect(box.desk(['list', '--due-within', 'soon']).stderr).toMatch(/--due-within: cannot read "soon" as a duration/);
  });

  it('masks contacts in tables and JSON unless --reveal', () => {
    const box = sandbox();
    seed(box);
    const table = box.desk(['list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('139****5678');
    expect(table.stdout).not.toContain('13912345678');
    expect(table.stdout.split('\n')[0]).toBe('Number\tCreated\tStatus\tUrgency\tTeam\tAssignee\tRequester\tContact\tTitle\tDue');
    expect(box.desk(['list', '--reveal']).stdout).toContain('13912345678');
    expect(box.json(['list']).every((t: any) => t.contact === '139****5678')).toBe(true);
    const shown = box.desk(['show', 'SD-202610-00001']);
    expect([shown.code, shown.stdout]).toEqual([0, expect.stringContaining('139****5678')]);
    expect(shown.stdout).not.toContain('13912345678');
    const history = box.desk(['history', 'SD-202610-00001']);
    expect([history.code, history.stdout]).toEqual([0, expect.stringContaining('139****5678')]);
    expect(history.stdout).not.toContain('13912345678');
    expect(box.desk(['history', 'SD-202610-00001', '--reveal']).stdout).toContain('13912345678');
  });

  it('shows times in the configured zone, plain when piped', () => {
    const box = sandbox();
    seed(box);
    const shanghai = box.json(['show', 'SD-202610-00001']);
    expect(shanghai.created_at).toBe('2026-10-05T10:00:00+08:00');
    expect(box.json(['show', 'SD-202610-00001', '--tz', 'Europe/Berlin']).created_at).toBe('2026-10-05T04:00:00+02:00');
    const piped = box.desk(['list']).stdout;
    expect(piped).not.toMatch(/\x1b\[/);
    expect(piped).not.toMatch(/[┌─│]/);
    expect(piped).toContain('2026-10-05 10:00');
  });
});
