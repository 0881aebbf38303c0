// The report as a file for Chinese Excel (GB18030, or UTF-8 with a BOM), with every label of its
// CSV in the report's language, and the HTML chart of created tickets per day readable on paper.
// October 2026 in Asia/Shanghai (the example configuration, CNY).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandSandbox, type CommandSandbox } from './harness.js';

const at = (stamp: string) => ({ env: { DESK_NOW: `2026-${stamp}:00+08:00` } });
const LATER = at('11-05T12:00');
let box: CommandSandbox;

async function step(args: string[], stamp: string): Promise<void> {
  const result = await box.desk(args, at(stamp));
  if (result.code !== 0) throw new Error(`desk ${args.join(' ')}: ${result.stderr}`);
}

/**
 * Created: 3 on 5 October (#1–#3, desktop, printers), 1 on 12 October (#4, network), 7 on
 * 20 October (#5–#11): 11 in the month. Visits: #1 on 6 October by sun and zhou, materials 85.50,
 * transport 20; #4 on 13 October by wu, transport 12.25.
 */
beforeAll(async () => {
  box = commandSandbox();
  const create = (stamp: string, ...flags: string[]) => step(['create', '--title', `Call ${stamp}`, '--requester', 'r', '--channel', 'phone', ...flags], stamp);
  for (const hour of ['09', '10', '11']) await create(`10-05T${hour}:00`, '--team', 'desktop', '--category', 'hardware/printer');
  await create('10-12T10:00', '--team', 'network', '--category', 'network/access');
  for (const hour of ['09', '10', '11', '12', '13', '14', '15']) await create(`10-20T${hour}:00`);
  await step(['visit', '1', '--date', '2026-10-06 14:00', '--staff', 'sun,zhou', '--materials-cost', '85.50', '--transport-cost', '20'], '10-06T18:00');
  await step(['visit', '4', '--date', '2026-10-13 10:00', '--staff', 'wu', '--transport-cost', '12.25'], '10-13T18:00');
});

const october = (...args: string[]) => box.desk(['report', 'monthly', '--month', '2026-10', ...args], LATER);
const octoberBytes = (...args: string[]) => box.deskBytes(['report', 'monthly', '--month', '2026-10', ...args], LATER);

describe('the report as CSV', () => {
  it('writes GB18030 with Chinese headers for --encoding gb18030 --lang zh, on stdout and to --out', async () => {
    const run = await octoberBytes('--format', 'csv', '--encoding', 'gb18030', '--lang', 'zh');
    expect([run.code, run.stderr]).toEqual([0, '']);
    // 类别 in GB18030: the bytes as written, not UTF-8 (E7 B1 BB E5 88 AB).
    expect([...run.stdout.subarray(0, 4)]).toEqual([0xc0, 0xe0, 0xb1, 0xf0]);
    const lines = iconv.decode(run.stdout, 'gb18030').split('\n');
    expect(lines[0]).toBe('类别,指标,数值');
    expect(lines).toContain('工单量,新建,11');
    expect(lines).toContain('工单量,月末积压,11');
    expect(lines).toContain('满意度,5 分,0');
    expect(lines).toContain('现场服务,上门次数,2');

    const out = join(box.dir, '月报.csv');
    const file = await october('--format', 'csv', '--encoding', 'gb18030', '--lang', 'zh', '--out', out);
    expect([file.code, file.stdout, file.stderr]).toEqual([0, '', '']);
    expect(readFileSync(out).equals(run.stdout)).toBe(true);
  });

  it('starts UTF-8 with the byte order mark on --bom, on stdout and in a file named .csv', async () => {
    const run = await octoberBytes('--format', 'csv', '--bom');
    expect([...run.stdout.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(run.stdout.subarray(3).toString('utf8').split('\n')[0]).toBe('section,metric,value');
    const out = join(box.dir, 'october.csv');
    expect((await october('--bom', '--lang', 'zh', '--out', out)).code).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toMatch(/^类别,指标,数值\n工单量,新建,11\n/);
  });

  it('refuses --bom and --encoding with another format, and an unknown encoding, with exit 2', async () => {
    const json = await october('--format', 'json', '--bom');
    expect([json.code, json.stdout, json.stderr]).toEqual([2, '', 'desk: --bom: only for --format csv (this report is json)\nhint: add --format csv, or leave --bom out\n']);
    const html = await box.desk(['report', 'weekly', '--week', '2026-W43', '--encoding', 'gb18030', '--out', join(box.dir, 'week.html')], LATER);
    expect([html.code, html.stderr]).toEqual([2, 'desk: --encoding: only for --format csv (this report is html)\nhint: add --format csv, or leave --encoding out\n']);
    expect((await october('--bom')).stderr).toMatch(/^desk: --bom: only for --format csv \(this report is table\)\n/);
    const unknown = await october('--format', 'csv', '--encoding', 'klingon');
    expect([unknown.code, unknown.stderr]).toEqual([2, 'desk: --encoding: unknown encoding "klingon"\nhint: e.g. utf-8 (the default), gb18030, gbk, big5, utf-16le\n']);
  });

  it('lists the tickets created on each day of the month', async () => {
    const lines = (await october('--format', 'csv')).stdout.split('\n');
    const days = lines.filter((line) => line.startsWith('Created per day,'));
    expect(days).toHaveLength(31);
    expect(days.slice(0, 6)).toEqual(['Created per day,2026-10-01,0', 'Created per day,2026-10-02,0', 'Created per day,2026-10-03,0', 'Created per day,2026-10-04,0', 'Created per day,2026-10-05,3', 'Created per day,2026-10-06,0']);
    expect(days.filter((line) => !line.endsWith(',0'))).toEqual(['Created per day,2026-10-05,3', 'Created per day,2026-10-12,1', 'Created per day,2026-10-20,7']);
    const zh = (await october('--format', 'csv', '--lang', 'zh')).stdout.split('\n');
    expect(zh).toContain('每日新建,2026-10-20,7');
  });

  it('has the field-service totals and their tables by team and by category', async () => {
    const lines = (await october('--format', 'csv')).stdout.split('\n');
    expect(lines.filter((line) => line.startsWith('Field service'))).toEqual([
      'Field service,Visits,2',
      'Field service,Person-times,3',
      'Field service,Days,2',
      'Field service,Parts replaced,0',
      'Field service,Materials,85.50 CNY',
      'Field service,Transport,32.25 CNY',
      'Field service,Total cost,117.75 CNY',
      'Field service by team,Desktop support · Visits,1',
      'Field service by team,Desktop support · Person-times,2',
      'Field service by team,Desktop support · Materials,85.50 CNY',
      'Field service by team,Desktop support · Transport,20.00 CNY',
      'Field service by team,Desktop support · Total cost,105.50 CNY',
      'Field service by team,Network · Visits,1',
      'Field service by team,Network · Person-times,1',
      'Field service by team,Network · Materials,0.00 CNY',
      'Field service by team,Network · Transport,12.25 CNY',
      'Field service by team,Network · Total cost,12.25 CNY',
      'Field service by category,hardware/printer · Visits,1',
      'Field service by category,hardware/printer · Person-times,2',
      'Field service by category,hardware/printer · Materials,85.50 CNY',
      'Field service by category,hardware/printer · Transport,20.00 CNY',
      'Field service by category,hardware/printer · Total cost,105.50 CNY',
      'Field service by category,network/access · Visits,1',
      'Field service by category,network/access · Person-times,1',
      'Field service by category,network/access · Materials,0.00 CNY',
      'Field service by category,network/access · Transport,12.25 CNY',
      'Field service by category,network/access · Total cost,12.25 CNY',
    ]);
    const zh = (await october('--format', 'csv', '--lang', 'zh')).stdout.split('\n');
    expect(zh).toContain('现场服务（按处理组）,桌面支持 · 上门次数,1');
    expect(zh).toContain('现场服务（按处理组）,网络 · 交通费,12.25 CNY');
    expect(zh).toContain('现场服务（按分类）,hardware/printer · 人次,2');
  });
});

/** The texts of one class in the chart of created tickets per day, in order. */
function dayChartTexts(html: string, kind: 'tick' | 'count' | 'date'): string[] {
  const chart = html.match(/<svg class="chart" role="img" aria-label="Created per day".*?<\/svg>/s)![0];
  return [...chart.matchAll(new RegExp(`<text class="${kind}"[^>]*>([^<]*)</text>`, 'g'))].map((m) => m[1]!);
}

describe('the HTML chart of created tickets per day', () => {
  it('has a scale with gridlines, the count over each day, and the days below', async () => {
    const html = (await october('--format', 'html')).stdout;
    // The highest day has 7: a scale of 0 to 8 in steps of 2.
    expect(dayChartTexts(html, 'tick')).toEqual(['0', '2', '4', '6', '8']);
    expect(html.match(/<line class="grid"/g)).toHaveLength(5);
    expect(dayChartTexts(html, 'count')).toEqual(['3', '1', '7']);
    expect(dayChartTexts(html, 'date')).toEqual(['01', '06', '11', '16', '21', '26', '31']);
    // The 7 stands above the column of 20 October.
    const column = html.match(/<rect class="day" x="[\d.]+" y="([\d.]+)"[^>]*><title>2026-10-20: 7<\/title>/)!;
    const count = html.match(/<text class="count" x="[\d.]+" y="([\d.]+)"[^>]*>7<\/text>/)!;
    expect(Number(count[1])).toBeLessThan(Number(column[1]));
  });

  it('shows only the highest count when a year of days leaves no room for the others', async () => {
    const html = (await box.desk(['report', 'yearly', '--year', '2026', '--format', 'html'], LATER)).stdout;
    expect(dayChartTexts(html, 'tick')).toEqual(['0', '2', '4', '6', '8']);
    expect(dayChartTexts(html, 'count')).toEqual(['7']);
    expect(dayChartTexts(html, 'date')[0]).toBe('01-01');
  });
});

describe('a report CSV a spreadsheet opens', () => {
  it('neutralises a cell that would start a formula, and leaves the numbers numbers', async () => {
    const own = commandSandbox();
    const created = await own.desk(['create', '--title', 'Call', '--requester', 'r', '--channel', 'phone', '--department', '=HYPERLINK("http://x","y")'], at('10-05T09:00'));
    expect(created.code).toBe(0);
    const run = await own.desk(['report', 'monthly', '--month', '2026-10', '--format', 'csv'], LATER);
    const lines = run.stdout.split('\n');
    expect(lines).toContain(`By department,"'=HYPERLINK(""http://x"",""y"")",1`);
    expect(lines).toContain('Volume,Created,1');
  });
});
