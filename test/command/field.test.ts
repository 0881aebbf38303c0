// Field service and follow-through, in the example configuration (Asia/Shanghai, CNY).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { commandSandbox, type CommandSandbox } from './harness.js';

async function step(box: CommandSandbox, when: string, args: string[]): Promise<string> {
  const result = await box.desk(args, { env: { DESK_NOW: `${when}+08:00` } });
  if (result.code !== 0) throw new Error(`desk ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}
const json = async (box: CommandSandbox, when: string, args: string[]) => JSON.parse(await step(box, when, [...args, '--json']));

describe('on-site visits', () => {
  it('are recorded with their costs in cents, shown, and kept in the trail', async () => {
    const box = commandSandbox();
    await step(box, '2026-10-12T09:00:00', ['create', '--title', '打印机卡纸', '--requester', '王芳', '--channel', 'phone', '--contact', '13812345678', '--team', 'desktop']);
    await step(box, '2026-10-12T15:00:00', ['visit', '1', '--date', '2026-10-12 14:00', '--staff', 'sun,zhou', '--hours', '1.5', '--parts', '搓纸轮', '--materials-cost', '85.5', '--transport-cost', '20', '--cause', '搓纸轮磨损', '--opinion', '满意']);
    const shown = await json(box, '2026-10-12T15:00:00', ['show', '1']);
    expect(shown.visits).toEqual([
      expect.objectContaining({ visited_at: '2026-10-12T14:00:00+08:00', visit_date: '2026-10-12', staff: ['sun', 'zhou'], person_times: 2, hours: 1.5, parts: '搓纸轮', materials_cost: 85.5, transport_cost: 20, cause: '搓纸轮磨损', opinion: '满意', recorded_by: 'tester' }),
    ]);
    expect((await json(box, '2026-10-12T15:00:00', ['history', '1'])).map((e: any) => e.kind)).toEqual(['create', 'visit']);
    for (const [flag, value] of [['--materials-cost', '-5'], ['--materials-cost', '1.234'], ['--transport-cost', 'ten'], ['--hours', 'lots']]) {
      const bad = await box.desk(['visit', '1', '--staff', 'sun', flag!, value!]);
      expect(bad.code, `${flag} ${value}`).toBe(2);
      expect(bad.stderr).toContain(`${flag}: "${value}" is not`);
    }
    expect((await box.desk(['visit', '1'])).stderr).toContain('visit needs --staff');
  });

  it('make the printable service report, with the contact masked unless revealed', async () => {
    const box = commandSandbox();
    await step(box, '2026-10-12T09:00:00', ['create', '--title', '打印机卡纸', '--requester', '王芳', '--channel', 'phone', '--contact', '13812345678']);
    await step(box, '2026-10-12T15:00:00', ['visit', '1', '--staff', 'sun', '--materials-cost', '85.5', '--transport-cost', '20', '--cause', '搓纸轮磨损']);
    const md = await step(box, '2026-10-12T15:00:00', ['show', '1', '--format', 'md']);
    expect(md).toMatch(/^# Service report SD-202610-00001\n/);
    expect(md).toContain('| Contact | 138****5678 |');
    expect(md).toContain('| Fault cause | 搓纸轮磨损 |');
    expect(md).toContain('| Costs | materials 85.50 CNY, transport 20.00 CNY, total 105.50 CNY |');
    expect(md).toMatch(/Engineer: _+ +Requester: _+ +Date: _+\n$/);
    const html = await step(box, '2026-10-12T15:00:00', ['show', '1', '--format', 'html', '--reveal']);
    expect(html).toContain('<td>13812345678</td>');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});

describe('the field-service section of the monthly report', () => {
  it('counts visits, person-times, days, parts and costs by team and category', async () => {
    const box = commandSandbox();
    await step(box, '2026-10-09T09:00:00', ['create', '--title', 'a', '--requester', 'r', '--channel', 'phone', '--team', 'desktop', '--category', 'hardware/printer']);
    await step(box, '2026-10-09T09:00:00', ['create', '--title', 'b', '--requester', 'r', '--channel', 'phone', '--team', 'network', '--category', 'network/access']);
    await step(box, '2026-10-20T12:00:00', ['visit', '1', '--date', '2026-10-09 14:00', '--staff', 'sun,zhou', '--parts', 'roller', '--materials-cost', '85.50', '--transport-cost', '20']);
    await step(box, '2026-10-20T12:00:00', ['visit', '1', '--date', '2026-10-12 10:00', '--staff', 'sun', '--transport-cost', '12.25']);
    await step(box, '2026-10-20T12:00:00', ['visit', '2', '--date', '2026-10-12 16:00', '--staff', 'wu,zheng,qian', '--parts', 'switch', '--materials-cost', '300']);
    await step(box, '2026-11-03T12:00:00', ['visit', '2', '--date', '2026-11-02 10:00', '--staff', 'wu', '--materials-cost', '999']);
    const r = await json(box, '2026-11-05T12:00:00', ['report', 'monthly', '--month', '2026-10']);
    // Three October visits on two days: 2 + 1 + 3 person-times; materials 85.50 + 300; transport 20 + 12.25.
    expect(r.field).toEqual({
      currency: 'CNY',
      visits: 3,
      person_times: 6,
      days: 2,
      parts: 2,
      cost: { materials: 385.5, transport: 32.25, total: 417.75 },
      by_team: {
        desktop: { visits: 2, person_times: 3, cost: { materials: 85.5, transport: 32.25, total: 117.75 } },
        network: { visits: 1, person_times: 3, cost: { materials: 300, transport: 0, total: 300 } },
      },
      by_category: {
        'hardware/printer': { visits: 2, person_times: 3, cost: { materials: 85.5, transport: 32.25, total: 117.75 } },
        'network/access': { visits: 1, person_times: 3, cost: { materials: 300, transport: 0, total: 300 } },
      },
    });
    const zh = await step(box, '2026-11-05T12:00:00', ['report', 'monthly', '--month', '2026-10', '--lang', 'zh', '--format', 'md']);
    expect(zh).toContain('## 现场服务');
    expect(zh).toContain('| 费用合计 | 417.75 CNY |');
    const csv = await step(box, '2026-11-05T12:00:00', ['report', 'monthly', '--month', '2026-10', '--format', 'csv']);
    expect(csv).toContain('Field service,Person-times,6');
  });
});

describe('progress updates', () => {
  it('are due every 3 working days on a normal ticket; sla check reports a late one; the report counts them', async () => {
    const box = commandSandbox();
    await step(box, '2026-11-23T09:00:00', ['create', '--title', 'ERP report wrong', '--requester', 'r', '--channel', 'email', '--team', 'applications']);
    await step(box, '2026-11-23T09:05:00', ['respond', '1']);
    expect((await json(box, '2026-11-23T09:06:00', ['show', '1'])).update_due_at).toBe('2026-11-26T09:00:00+08:00');
    const check = await box.desk(['sla', 'check', '--json', '--within', '1h'], { env: { DESK_NOW: '2026-11-26T10:00:00+08:00' } });
    expect(check.code).toBe(5);
    const alerts = JSON.parse(check.stdout);
    // Three working days after Monday 09:00 is Thursday 09:00; resolution is due Thursday 10:30.
    expect(alerts.breached.map((a: any) => [a.kind, a.due_at])).toEqual([['update', '2026-11-26T09:00:00+08:00']]);
    expect(alerts.near.map((a: any) => [a.kind, a.due_at])).toEqual([['resolve', '2026-11-26T10:30:00+08:00']]);
    const updated = await json(box, '2026-11-26T10:05:00', ['update', '1', '--message', 'Vendor found the cause', '--eta', '2026-11-27 17:00']);
    // The next update is due three working days later, at the same time of day.
    expect([updated.last_update_at, updated.update_due_at, updated.eta_at]).toEqual(['2026-11-26T10:05:00+08:00', '2026-12-01T10:05:00+08:00', '2026-11-27T17:00:00+08:00']);
    const after = await box.desk(['sla', 'check', '--json', '--within', '1m'], { env: { DESK_NOW: '2026-11-26T10:06:00+08:00' } });
    expect(JSON.parse(after.stdout).breached).toEqual([]);
    const r = await json(box, '2026-12-02T12:00:00', ['report', 'monthly', '--month', '2026-11']);
    expect(r.updates).toEqual({ met: 0, missed: 1, rate: 0 });
    expect((await json(box, '2026-11-26T10:06:00', ['history', '1'])).at(-1)).toMatchObject({ kind: 'update', text: 'Vendor found the cause' });
  });
});

describe('the call-back campaign', () => {
  it('lists closed tickets nobody has called back, oldest first, contacts masked unless revealed', async () => {
    const box = commandSandbox();
    for (const [i, day] of [['1', '10'], ['2', '05'], ['3', '07']]) {
      await step(box, `2026-11-${day}T09:00:00`, ['create', '--title', `t${i}`, '--requester', `r${i}`, '--channel', 'phone', '--contact', `1390000000${i}`]);
      await step(box, `2026-11-${day}T10:00:00`, ['close', i!, '--solution', 'done']);
    }
    await step(box, '2026-11-12T10:00:00', ['callback', '3', '--note', 'fine', '--satisfaction', '5']);
    const list = await json(box, '2026-11-12T11:00:00', ['callbacks']);
    expect(list.map((t: any) => [t.title, t.contact])).toEqual([['t2', '139****0002'], ['t1', '139****0001']]);
    expect((await json(box, '2026-11-12T11:00:00', ['callbacks', '--reveal', '--closed-since', '3d'])).map((t: any) => t.contact)).toEqual(['13900000001']);
    const r = await json(box, '2026-12-02T12:00:00', ['report', 'monthly', '--month', '2026-11']);
    expect(r.callback).toEqual({ called: 1, closed: 3, rate: 0.3333 });
  });
});

describe('redaction', () => {
  it('removes the requester and contact from the ticket, its visits and its trail, for supervisors only', async () => {
    const box = commandSandbox();
    await step(box, '2026-10-12T09:00:00', ['create', '--title', '王芳的打印机', '--requester', '王芳', '--channel', 'phone', '--contact', '13812345678', '--description', '请回电 13812345678 找王芳']);
    await step(box, '2026-10-12T10:00:00', ['note', '1', '王芳说下午在']);
    await step(box, '2026-10-12T11:00:00', ['visit', '1', '--staff', 'sun', '--opinion', '王芳满意']);
    const refused = await box.desk(['redact', '1', '--reason', 'privacy request'], { env: { DESK_ACTOR: 'sun' } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('only a team supervisor may redact; sun is not one');

    const done = await box.desk(['redact', '1', '--reason', 'privacy request'], { env: { DESK_ACTOR: 'chen' } });
    expect(done.code).toBe(0);
    const t = await box.json(['show', '1', '--reveal']);
    expect([t.requester, t.contact, t.title, t.description]).toEqual(['[redacted]', '[redacted]', '[redacted]的打印机', '请回电 [redacted] 找[redacted]']);
    expect(t.visits[0].opinion).toBe('[redacted]满意');
    const trail = JSON.stringify(await box.json(['history', '1', '--reveal']));
    expect(trail).not.toContain('13812345678');
    expect(trail).not.toContain('王芳');
    expect((await box.json(['history', '1'])).at(-1)).toMatchObject({ kind: 'redact', actor: 'chen', reason: 'privacy request' });
    for (const file of [box.db, `${box.db}-wal`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from('13812345678')), file).toBe(false);
      expect(bytes.includes(Buffer.from('王芳')), file).toBe(false);
    }
    expect((await box.desk(['doctor'])).code).toBe(0);
  });
});
