import { describe, expect, it } from 'vitest';

import { commandSandbox, type CommandSandbox } from './harness.js';

// TEST_NOW is 2026-11-27 (test/e2e/helpers.ts); the desk's zone is Asia/Shanghai.
async function seed(box: CommandSandbox): Promise<void> {
  const make = async (title: string, ...flags: string[]) => {
    const r = await box.desk(['create', '--title', title, '--channel', 'phone', ...flags]);
    if (r.code !== 0) throw new Error(r.stderr);
  };
  await make('路灯不亮', '--requester', '李雷', '--contact', '138 1234 5678', '--created-at', '2026-09-01 09:00', '--type', 'complaint');
  await make('路灯还是不亮', '--requester', '李雷', '--contact', '+86 138-1234-5678', '--created-at', '2026-11-10 09:00', '--type', 'complaint');
  await make('噪音扰民', '--requester', '李 雷', '--contact', '13812345678', '--created-at', '2026-11-20 09:00');
  await make('Printer jams', '--requester', 'Zhang San', '--contact', 'Zhang.San@Example.com', '--created-at', '2026-11-21 09:00');
  await box.desk(['close', 'SD-202609-00001', '--solution', '已修复', '--satisfaction', '2']);
}

describe('desk caller', () => {
  it("finds a caller's tickets by their contact however written, open first, with their figures", async () => {
    const box = commandSandbox();
    await seed(box);
    const caller = await box.json(['caller', '+86 138-1234-5678']);
    expect(caller.lookup).toEqual({ by: 'contact', value: '138****5678' });
    expect(caller.tickets.map((t: any) => t.number)).toEqual(['SD-202611-00002', 'SD-202611-00001', 'SD-202609-00001']);
    expect(caller).toMatchObject({
      requesters: ['李 雷', '李雷'],
      contacts: ['138****5678'],
      total: 3,
      open: 2,
      complaints: 2,
      recent: { days: 30, tickets: 2 },
      satisfaction: { average: 2, rated: 1 },
    });
    expect(JSON.stringify(caller)).not.toContain('12345678');
  });

  it('finds them by name, case and spaces ignored, and prints the contact masked unless --reveal', async () => {
    const box = commandSandbox();
    await seed(box);
    expect((await box.json(['caller', '李雷'])).tickets.map((t: any) => t.number)).toEqual(['SD-202611-00002', 'SD-202611-00001', 'SD-202609-00001']);
    expect((await box.json(['caller', 'zhang', 'san'])).total).toBe(1);
    const table = await box.desk(['caller', '13812345678']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n').slice(0, 2)).toEqual(['Caller 138****5678 — 李 雷, 李雷', '3 tickets, 2 open · 2 in the last 30 days · 2 complaints · satisfaction 2.0 (1 rated)']);
    expect(table.stdout).not.toContain('12345678');
    const chinese = await box.desk(['caller', '13812345678', '--lang', 'zh']);
    expect(chinese.stdout.split('\n')[1]).toBe('工单 3 张，未结 2 张 · 近 30 天来电 2 次 · 投诉 2 件 · 满意度 2.0（1 次评价）');
    const revealed = await box.desk(['caller', '13812345678', '--reveal']);
    expect(revealed.stdout.split('\n')[0]).toBe('Caller 13812345678 — 李 雷, 李雷');
    expect(revealed.stdout).toContain('+86 138-1234-5678');
    expect((await box.json(['caller', 'ZHANG.SAN@example.com', '--reveal'])).contacts).toEqual(['zhang.san@example.com']);
  });

  it('says so when nobody is found, without the contact unmasked, and lists only --limit tickets', async () => {
    const box = commandSandbox();
    await seed(box);
    const missing = await box.desk(['caller', '13900001111']);
    expect([missing.code, missing.stdout]).toEqual([3, '']);
    expect(missing.stderr).toMatch(/^desk: no tickets of caller 139\*\*\*\*1111\n/);
    const empty = await box.desk(['caller', ' ']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/desk caller: name a caller/);
    const limited = await box.desk(['caller', '李雷', '--limit', '1']);
    expect(limited.stdout).toContain('SD-202611-00002');
    expect(limited.stdout).not.toContain('SD-202611-00001');
    expect(limited.stderr).toBe('showing 1 of 3, open first: --limit for more\n');
  });

  it('shows a hostile name escaped', async () => {
    const box = commandSandbox();
    await box.desk(['create', '--title', 't', '--channel', 'phone', '--requester', 'Evil\u001b[2J', '--contact', '13800000000']);
    const shown = await box.desk(['caller', '13800000000']);
    expect(shown.stdout).not.toContain('\u001b');
    expect(shown.stdout).toContain('Evil\\e[2J');
  });
});

describe('--requester and --contact', () => {
  it('select the caller\'s tickets in list, search and export', async () => {
    const box = commandSandbox();
    await seed(box);
    const numbers = async (args: string[]) => (await box.json(args)).map((t: any) => t.number ?? t.ticket.number);
    expect(await numbers(['list', '--contact', '(138) 1234-5678'])).toEqual(['SD-202611-00002', 'SD-202611-00001', 'SD-202609-00001']);
    expect(await numbers(['list', '--requester', '李 雷', '--status', 'open'])).toEqual(['SD-202611-00002', 'SD-202611-00001']);
    expect(await numbers(['list', '--contact', 'zhang.san@EXAMPLE.com'])).toEqual(['SD-202611-00003']);
    expect(await numbers(['search', '路灯', '--contact', '13812345678'])).toEqual(['SD-202611-00001', 'SD-202609-00001']);
    expect(await numbers(['search', '路灯', '--requester', 'Zhang San'])).toEqual([]);
    const exported = await box.desk(['export', '--format', 'ndjson', '--requester', 'zhang san']);
    expect(exported.stdout.trim().split('\n').map((line) => JSON.parse(line).number)).toEqual(['SD-202611-00003']);
    const bad = await box.desk(['list', '--contact', ' ']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--contact: " " names nobody/);
  });

  it('tell a search that finds nothing where a caller is looked up', async () => {
    const box = commandSandbox();
    await seed(box);
    const searched = await box.desk(['search', '13812345678']);
    expect([searched.code, searched.stdout]).toEqual([0, '']);
    expect(searched.stderr).toBe('no tickets match (search reads titles, descriptions, solutions and notes; a caller\'s tickets: desk caller 138****5678, or --contact)\n');
  });
});

describe('desk create', () => {
  it("tells the operator in a terminal of the caller's earlier tickets, before the similar ones, and --json carries them as caller", async () => {
    const box = commandSandbox();
    await seed(box);
    const created = await box.json(['create', '--title', '路灯又不亮了', '--requester', '李雷', '--channel', 'phone', '--contact', '13812345678']);
    expect(created.number).toBe('SD-202611-00004');
    expect(created.caller).toEqual({ by: 'contact', earlier: 3, open: 2, open_tickets: ['SD-202611-00002', 'SD-202611-00001'] });
    const byName = await box.json(['create', '--title', '再问一次', '--requester', 'zhang  san', '--channel', 'web']);
    expect(byName.caller).toEqual({ by: 'requester', earlier: 1, open: 1, open_tickets: ['SD-202611-00003'] });
    const first = await box.json(['create', '--title', 'Hello', '--requester', 'Wang Wu', '--channel', 'web', '--contact', '13700000000']);
    expect(first.caller).toEqual({ by: 'contact', earlier: 0, open: 0, open_tickets: [] });

    const terminal = await box.desk(['create', '--title', '路灯', '--requester', '李雷', '--channel', 'phone', '--contact', '+86 13812345678'], { columns: 100, interactive: true });
    expect(terminal.code).toBe(0);
    expect(terminal.stdout).toBe('SD-202611-00007\n');
    expect(terminal.stderr.split('\n')[0]).toBe('4 earlier tickets of this caller, 3 open: SD-202611-00004, SD-202611-00002, SD-202611-00001');
    const chinese = await box.desk(['create', '--title', '路灯', '--requester', '李雷', '--channel', 'phone', '--contact', '13812345678', '--lang', 'zh'], { columns: 100, interactive: true });
    expect(chinese.stderr.split('\n')[0]).toBe('该来电人此前有 5 张工单，未结 4 张：SD-202611-00007, SD-202611-00004, SD-202611-00002, …');
    const piped = await box.desk(['create', '--title', '路灯', '--requester', '李雷', '--channel', 'phone', '--contact', '13812345678']);
    expect([piped.stdout, piped.stderr]).toEqual(['SD-202611-00009\n', '']);
  });
});
