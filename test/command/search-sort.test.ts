// desk search --sort: the keys of desk list, or relevance (the default).
import { describe, expect, it } from 'vitest';

import { commandSandbox, type CommandSandbox } from './harness.js';

const NOW = { DESK_NOW: '2026-11-25T16:00:00+08:00' };
const URGENCY_RANK: Record<string, number> = { normal: 1, urgent: 2, critical: 3 };

interface Made {
  number: string;
  /** Order of creation: ids, and so "newest", follow it. */
  order: number;
  title: string;
  description: string;
  urgency: string;
  created: string;
  status: string;
}

// Every ticket but the last mentions 打印机. Tickets of the same urgency have the same text, so
// they tie on relevance too, and the most recently logged comes first.
const TICKETS = [
  { title: '打印机卡纸', description: '二楼的打印机卡纸', urgency: 'normal', created: '2026-11-20 09:00' },
  { title: '打印机无法连接网络', description: '财务部打印机连不上无线网络', urgency: 'urgent', created: '2026-11-22 09:00' },
  { title: '碳粉不足', description: '5楼打印机提示碳粉不足，打印很淡，急需更换', urgency: 'critical', created: '2026-11-21 09:00' },
  { title: '打印机卡纸', description: '二楼的打印机卡纸', urgency: 'normal', created: '2026-11-23 09:00' },
  { title: '打印机无法连接网络', description: '财务部打印机连不上无线网络', urgency: 'urgent', created: '2026-11-19 09:00', respond: true },
  { title: 'VPN cannot connect', description: 'Certificate expired', urgency: 'critical', created: '2026-11-24 09:00' },
];

async function seed(box: CommandSandbox): Promise<Made[]> {
  const made: Made[] = [];
  for (const [order, t] of TICKETS.entries()) {
    const r = await box.desk(['create', '--title', t.title, '--description', t.description, '--urgency', t.urgency, '--created-at', t.created, '--requester', '周敏', '--channel', 'phone', '--team', 'desktop'], { env: NOW });
    if (r.code !== 0) throw new Error(r.stderr);
    const number = r.stdout.trim();
    let status = 'dispatched';
    if ('respond' in t && t.respond) {
      expect((await box.desk(['respond', number], { env: NOW })).code).toBe(0);
      status = 'in_progress';
    }
    made.push({ ...t, number, order, status });
  }
  return made;
}

const matching = (made: Made[]) => made.filter((t) => `${t.title}${t.description}`.includes('打印机'));
const numbers = (made: Made[]) => made.map((t) => t.number);
const found = async (box: CommandSandbox, ...args: string[]) => (await box.json(['search', ...args])).map((hit: any) => hit.ticket.number);

describe('desk search --sort', () => {
  it('orders the matches by a field of list, either way', async () => {
    const box = commandSandbox();
    const made = await seed(box);
    const hits = matching(made);
    expect(hits).toHaveLength(5);
    const byCreated = [...hits].sort((a, b) => a.created.localeCompare(b.created));
    expect(await found(box, '打印机', '--sort', 'created_at')).toEqual(numbers(byCreated));
    expect(await found(box, '打印机', '--sort', '-created_at')).toEqual(numbers([...byCreated].reverse()));
    const byNumber = [...hits].sort((a, b) => a.number.localeCompare(b.number));
    expect(await found(box, '打印机', '--sort', 'number')).toEqual(numbers(byNumber));
    expect(await found(box, '打印机', '--sort', '-number', '--limit', '2')).toEqual(numbers([...byNumber].reverse().slice(0, 2)));
  });

  it('breaks ties by relevance, then newest; relevance alone is the default', async () => {
    const box = commandSandbox();
    const made = await seed(box);
    const hits = matching(made);
    const byUrgency = (direction: number) => [...hits].sort((a, b) => direction * (URGENCY_RANK[a.urgency]! - URGENCY_RANK[b.urgency]!) || b.order - a.order);
    expect(await found(box, '打印机', '--sort', '-urgency')).toEqual(numbers(byUrgency(-1)));
    expect(await found(box, '打印机', '--sort', 'urgency')).toEqual(numbers(byUrgency(1)));
    expect(await found(box, '打印机', '--sort', 'relevance')).toEqual(await found(box, '打印机'));
  });

  it('puts a better match of the same key before a newer, weaker one', async () => {
    const box = commandSandbox();
    const made = await seed(box);
    // Newest of all, and of normal urgency, but naming 打印机 once and not in its title.
    const weaker = await box.desk(['create', '--title', '纸张用完', '--description', '会议室打印机旁边的纸用完了', '--urgency', 'normal', '--created-at', '2026-11-25 09:00', '--requester', '周敏', '--channel', 'phone'], { env: NOW });
    expect(weaker.code, weaker.stderr).toBe(0);
    const normal = new Set([...matching(made).filter((t) => t.urgency === 'normal').map((t) => t.number), weaker.stdout.trim()]);
    const normalInOrder = (await found(box, '打印机', '--sort', '-urgency')).filter((n: string) => normal.has(n));
    const seededNormal = matching(made).filter((t) => t.urgency === 'normal').sort((a, b) => b.order - a.order);
    expect(normalInOrder).toEqual([...numbers(seededNormal), weaker.stdout.trim()]);
  });

  it('sorts with filters, and when a one-character term is scanned rather than ranked', async () => {
    const box = commandSandbox();
    const made = await seed(box);
    const open = matching(made).filter((t) => t.status === 'dispatched');
    const byCreated = [...open].sort((a, b) => b.created.localeCompare(a.created));
    expect(await found(box, '打印机', '--status', 'dispatched', '--sort', '-created_at')).toEqual(numbers(byCreated));
    const withJi = made.filter((t) => `${t.title}${t.description}`.includes('机'));
    expect(await found(box, '机', '--sort', 'created_at')).toEqual(numbers([...withJi].sort((a, b) => a.created.localeCompare(b.created))));
  });

  it('refuses an unknown key with exit 2, naming the flag and what it takes', async () => {
    const box = commandSandbox();
    await seed(box);
    for (const bad of ['colour', '-relevance']) {
      const r = await box.desk(['search', '打印机', '--sort', bad]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const [first] = r.stderr.split('\n');
      expect(first).toContain(`--sort: unknown value "${bad}"`);
      for (const key of ['relevance', 'created_at', 'updated_at', 'number', 'urgency', 'status', 'resolve_due_at']) expect(first).toContain(key);
    }
  });
});
