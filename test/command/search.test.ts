// desk search and desk similar, run as an operator would: real processes, real database files.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELDS, generateWithTwins } from '../../bench/twins.mjs';
import { writeTicketsCsv } from '../e2e/helpers.js';
import { commandSandbox, type CommandSandbox } from './harness.js';

const NOW = { DESK_NOW: '2026-11-25T16:00:00+08:00' };

async function create(box: CommandSandbox, title: string, ...flags: string[]): Promise<string> {
  const r = await box.desk(['create', '--title', title, '--requester', '周敏', '--channel', 'phone', ...flags], { env: NOW });
  if (r.code !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

async function seed(box: CommandSandbox) {
  return {
    jam: await create(box, '3楼打印机卡纸，无法打印', '--description', 'HP LaserJet M428 打印时提示卡纸，清理过还是报错', '--created-at', '2026-11-20 09:00', '--department', '财务部'),
    vpn: await create(box, 'VPN cannot connect', '--description', 'The VPN client says the server certificate has expired.', '--created-at', '2026-11-21 09:00', '--team', 'network'),
    port: await create(box, '网口不通', '--description', '工位网线插上后显示未识别的网络', '--created-at', '2026-11-22 09:00'),
    blank: await create(box, 'Printer prints blank pages', '--description', 'Toner shows half full', '--created-at', '2026-11-23 09:00', '--team', 'desktop'),
    toner: await create(box, 'Toner low on 5F', '--description', '5楼打印机提示碳粉不足，打印很淡', '--created-at', '2026-11-24 09:00', '--team', 'desktop'),
  };
}

const found = async (box: CommandSandbox, ...args: string[]) => (await box.json(['search', ...args])).map((hit: any) => hit.ticket.number);

describe('desk search', () => {
  it('finds Chinese and English text by any substring, best match first, two-character Chinese terms included', async () => {
    const box = commandSandbox();
    const t = await seed(box);
    // The title counts most: the toner ticket mentions 打印机 only in its description.
    expect(await found(box, '打印机')).toEqual([t.jam, t.toner]);
    expect(await found(box, '打印')).toEqual([t.jam, t.toner]);
    expect(await found(box, '网口')).toEqual([t.port]);
    expect(await found(box, '网络')).toEqual([t.port]);
    expect(await found(box, '网')).toEqual([t.port]); // one character: a scan
    expect(await found(box, 'certificate')).toEqual([t.vpn]);
    expect(await found(box, 'CERT')).toEqual([t.vpn]);
    expect(await found(box, 'print')).toEqual([t.blank]);
    expect(await found(box, 'toner')).toEqual([t.toner, t.blank]);
    expect(await found(box, '打印机', '卡纸')).toEqual([t.jam]); // every term must occur
    expect(await found(box, '"blank pages"')).toEqual([t.blank]);
    expect(await found(box, '"pages blank"')).toEqual([]);
    expect(await found(box, 'M428')).toEqual([t.jam]);
    expect(await found(box, '碳粉', '--team', 'desktop')).toEqual([t.toner]);
    expect(await found(box, '打印', '--limit', '1')).toEqual([t.jam]);

    const none = await box.desk(['search', '量子计算']);
    expect([none.code, none.stdout, none.stderr]).toEqual([0, '', "no tickets match (search reads titles, descriptions, solutions and notes; a caller's tickets: desk caller NAME|PHONE, or --requester/--contact)\n"]);
    expect((await box.desk(['search', '""'])).code).toBe(2);
  });

  it('keeps up with notes, solutions, redaction and imports', async () => {
    const box = commandSandbox();
    const t = await seed(box);
    expect(await found(box, '证书')).toEqual([]);
    expect((await box.desk(['note', t.vpn, '用户说证书是昨天过期的'], { env: NOW })).code).toBe(0);
    const noted = await box.json(['search', '证书']);
    expect(noted.map((h: any) => [h.ticket.number, h.matched, h.snippet])).toEqual([[t.vpn, ['notes'], '用户说证书是昨天过期的']]);

    await box.desk(['dispatch', t.jam, '--team', 'desktop', '--to', 'sun'], { env: NOW });
    await box.desk(['respond', t.jam], { env: NOW });
    expect((await box.desk(['resolve', t.jam, '--solution', '更换磨损的搓纸轮，连续打印测试正常'], { env: NOW })).code).toBe(0);
    expect((await box.json(['search', '搓纸轮'])).map((h: any) => [h.ticket.number, h.matched])).toEqual([[t.jam, ['solution']]]);
    expect(await found(box, '打印', '--status', 'open')).toEqual([t.toner]);

    // A redaction takes the requester's name out of the index too.
    const named = await create(box, '周敏的显示器闪屏', '--created-at', '2026-11-25 10:00');
    expect(await found(box, '周敏')).toEqual([named]);
    expect((await box.desk(['redact', named, '--reason', 'privacy request'], { env: { ...NOW, DESK_ACTOR: 'chen' } })).code).toBe(0);
    expect(await found(box, '周敏')).toEqual([]);
    expect(await found(box, '显示器闪屏')).toEqual([named]);

    const file = join(box.dir, 'old.csv');
    writeFileSync(file, 'external_id,created_at,title,description,solution,status\nOLD-1,2025-03-01 10:00,邮件系统全部无法使用,Outlook和网页版都打不开,更新邮件服务器证书,closed\n');
    expect((await box.desk(['import', file], { env: NOW })).code).toBe(0);
    expect((await box.json(['search', '邮件服务器'])).map((h: any) => [h.ticket.external_id, h.matched])).toEqual([['OLD-1', ['solution']]]);
    expect((await box.json(['search', '证书'])).map((h: any) => h.ticket.external_id ?? h.ticket.number).sort()).toEqual(['OLD-1', t.vpn]);
  });

  it('prints tab-separated rows when piped, and the hit shape in JSON', async () => {
    const box = commandSandbox();
    const t = await seed(box);
    const piped = await box.desk(['search', 'toner']);
    expect(piped.stdout.split('\n')[0]).toBe('Number\tCreated\tStatus\tTeam\tAssignee\tTitle\tMatched\tScore');
    expect(piped.stdout).toContain(`${t.toner}\t2026-11-24 09:00\tdispatched\tdesktop\t\tToner low on 5F\ttitle\t`);
    const [hit] = await box.json(['search', '碳粉']);
    expect(Object.keys(hit)).toEqual(['ticket', 'score', 'matched', 'snippet']);
    expect([hit.ticket.number, hit.matched, hit.snippet, hit.score > 0]).toEqual([t.toner, ['description'], '5楼打印机提示碳粉不足，打印很淡', true]);
    expect(hit.ticket.contact).toBeNull();
  });
});

describe('desk similar', () => {
  it('offers the solved ticket of the same problem first, with its solution', async () => {
    const box = commandSandbox();
    const t = await seed(box);
    const other = await create(box, '5楼打印机打印有黑色条纹', '--created-at', '2026-11-19 09:00', '--department', '财务部');
    for (const [number, solution] of [[t.jam, '清除纸道内残留碎纸，更换磨损的搓纸轮'], [other, '更换硒鼓并清洁定影组件'], [t.vpn, 'Renewed the gateway certificate']]) {
      await box.desk(['dispatch', number!, '--team', 'desktop', '--to', 'sun'], { env: NOW });
      await box.desk(['respond', number!], { env: NOW });
      expect((await box.desk(['resolve', number!, '--solution', solution!], { env: NOW })).code).toBe(0);
    }
    const again = await create(box, '3楼打印机卡纸，请尽快处理', '--description', '您好，HP LaserJet M428 打印时提示卡纸', '--department', '财务部');
    const similar = await box.json(['similar', again]);
    expect(similar[0].ticket.number).toBe(t.jam);
    expect(similar[0].ticket.solution).toBe('清除纸道内残留碎纸，更换磨损的搓纸轮');
    expect(similar.every((h: any) => ['resolved', 'closed'].includes(h.ticket.status) && h.ticket.number !== again)).toBe(true);
    expect(similar.map((h: any) => h.score)).toEqual([...similar.map((h: any) => h.score)].sort((a: number, b: number) => b - a));
    const piped = await box.desk(['similar', again, '--limit', '1']);
    expect(piped.stdout).toBe(`Number\tResolved\tScore\tTitle\tSolution\n${t.jam}\t2026-11-25 16:00\t${similar[0].score}\t3楼打印机卡纸，无法打印\t清除纸道内残留碎纸，更换磨损的搓纸轮\n`);

    const lonely = await box.desk(['similar', t.port]);
    expect([lonely.code, lonely.stdout, lonely.stderr]).toEqual([0, '', 'no similar resolved ticket\n']);
    expect((await box.desk(['similar', 'SD-209901-00001'])).code).toBe(3);
    expect(await box.desk(['similar', again, '--limit', '51'])).toMatchObject({ code: 2, stderr: 'desk: --limit: "51" is not a number from 1 to 50\nhint: e.g. --limit 5\n' });
  });

  it("puts a generated ticket's near-duplicate twin in its top five", async () => {
    const tickets = [...generateWithTwins({ seed: 5, count: 1500, months: 2, end: '2026-10' })];
    const box = commandSandbox();
    const file = join(box.dir, 'history.csv');
    writeTicketsCsv(file, FIELDS, tickets);
    const imported = await box.desk(['import', file, '--json'], { env: NOW });
    expect(imported.code, imported.stderr).toBe(0);
    const numbers = new Map<string, string>((await box.json(['list', '--limit', '5000'])).map((t: any) => [t.external_id, t.number]));
    const solved = (t: (typeof tickets)[number]) => (t.status === 'resolved' || t.status === 'closed') && t.solution;
    const pairs = tickets
      .filter((t) => t.twin_of !== null && solved(tickets[t.twin_of - 1]!))
      .slice(0, 12)
      .map((t) => [numbers.get(t.external_id)!, numbers.get(tickets[t.twin_of! - 1]!.external_id)!]);
    expect(pairs).toHaveLength(12);
    const hits: string[][] = [];
    for (const pair of pairs) if ((await box.json(['similar', pair[0]!])).some((h: any) => h.ticket.number === pair[1])) hits.push(pair);
    // Measured on 1,000,000 tickets by bench/search.mjs; here a small sample must not fall far below.
    expect(hits.length).toBeGreaterThanOrEqual(10);
  });
});
