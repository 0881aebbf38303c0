// The operator's queue (`desk` alone in a terminal, `desk queue`) and listings that fit an
// 80-column terminal.
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/cli/render/display-width.js';
import { withoutEscapes } from '../e2e/helpers.js';
import { commandSandbox, type CommandSandbox } from './harness.js';

const NOW = '2026-11-25T15:00:00+08:00';

/**
 * desk typed by an operator in an 80-column terminal (or `cols`) 30 rows high, at NOW: `raw` is
 * stdout as written, `output` without its colour codes.
 */
async function inTerminalNow(box: CommandSandbox, args: string[], cols = 80, env: NodeJS.ProcessEnv = {}) {
  const run = await box.desk(args, { columns: cols, rows: 30, interactive: true, env: { DESK_NOW: NOW, ...env } });
  return { ...run, raw: run.stdout, output: withoutEscapes(run.stdout) };
}

/** Every line a run showed, on stdout and on stderr. */
const linesOf = ({ output, stderr }: { output: string; stderr: string }) => `${output}${withoutEscapes(stderr)}`.trimEnd().split('\n');

async function seed(box: CommandSandbox) {
  const create = async (time: string, title: string, ...flags: string[]) => {
    const r = await box.desk(['create', '--title', title, '--requester', '周敏', '--channel', 'phone', ...flags], { env: { DESK_NOW: `${time}+08:00` } });
    if (r.code !== 0) throw new Error(r.stderr);
    return r.stdout.trim();
  };
  const mine = await create('2026-11-25T09:00:00', '财务部三楼彩色激光打印机卡纸严重，每打印两三页就卡一次，已经影响月底结账报表的打印', '--team', 'desktop', '--assignee', 'sun');
  await box.desk(['respond', mine], { env: { DESK_NOW: '2026-11-25T09:05:00+08:00' } });
  const late = await create('2026-11-25T10:00:00', 'VPN down for the whole sales department since this morning', '--urgency', 'urgent', '--team', 'desktop');
  const soon = await create('2026-11-25T14:55:00', '会议室投影仪无法显示', '--team', 'desktop', '--assignee', 'zhou');
  const elsewhere = await create('2026-11-25T10:30:00', 'ERP 报表导出慢', '--team', 'applications', '--assignee', 'chu');
  const fresh = await create('2026-11-25T14:58:00', '新员工入职电脑申请（3人）');
  return { mine, late, soon, elsewhere, fresh };
}

describe('the queue', () => {
  it('lists my tickets, the breached and due soon of my teams, and the unassigned', async () => {
    const box = commandSandbox();
    const t = await seed(box);
    const json = async (actor: string) => JSON.parse((await box.desk(['--actor', actor, 'queue', '--json'], { env: { DESK_NOW: NOW } })).stdout);
    const q = await json('sun');
    const numbers = (s: any) => [s.total, s.tickets.map((x: any) => x.number)];
    expect([q.actor, q.teams, q.within_minutes]).toEqual(['sun', ['desktop'], 60]);
    expect(numbers(q.mine)).toEqual([1, [t.mine]]);
    // Not dispatched yet is everybody's business; the applications ticket is not sun's.
    expect(numbers(q.breached)).toEqual([1, [t.late]]);
    expect(numbers(q.due_soon)).toEqual([2, [t.soon, t.fresh]]);
    expect(numbers(q.unassigned)).toEqual([2, [t.late, t.fresh]]);
    const desk = await json('nobody');
    expect([desk.teams, desk.mine.total, desk.breached.tickets.map((x: any) => x.number)]).toEqual([null, 0, expect.arrayContaining([t.late, t.elsewhere])]);
  });

  it('shows a critical ticket due soon, though it owes no progress updates, earliest deadline first', async () => {
    const box = commandSandbox();
    const t = await seed(box);
    // Critical: answered within 5 minutes, 24×7; no update target, so no update deadline at all.
    const critical = (await box.desk(['create', '--title', '核心交换机故障', '--requester', '周敏', '--channel', 'phone', '--urgency', 'critical', '--team', 'desktop'], { env: { DESK_NOW: '2026-11-25T14:58:00+08:00' } })).stdout.trim();
    const q = JSON.parse((await box.desk(['--actor', 'sun', 'queue', '--json'], { env: { DESK_NOW: NOW } })).stdout);
    // Due: the critical response 15:03, the projector's response 15:05, the new request's 15:08.
    expect(q.due_soon.tickets.map((x: any) => x.number)).toEqual([critical, t.soon, t.fresh]);
    expect(q.due_soon.tickets[0].update_due_at).toBeNull();
  });

  it('is what `desk` alone shows in a terminal, in 80 columns; without a terminal `desk` prints the help', async () => {
    const box = commandSandbox();
    const t = await seed(box);
    const { code, output } = await inTerminalNow(box, [], 80, { DESK_ACTOR: 'sun' });
    expect(code).toBe(0);
    const lines = output.trimEnd().split('\n');
    expect(lines[0]).toBe('Queue of sun (desktop) · 2026-11-25 15:00');
    expect(output).toMatch(/^Assigned to me \(1\)$/m);
    expect(output).toMatch(/^Breached \(\d\)$/m);
    expect(output).toMatch(/^Due within 1h \(2\)$/m);
    expect(output).toMatch(/^New or unassigned \(2\)$/m);
    expect(output).toContain(`${t.mine}  in_progress`);
    expect(output).toMatch(new RegExp(`${t.late} .*response overdue 4 h`));
    expect(output).toMatch(new RegExp(`${t.soon} .*response due in 5 min`));
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    expect(lines.length).toBeLessThanOrEqual(24);
    expect((await box.desk([])).stdout).toMatch(/^Usage: desk/);
  });

  it('says how to start when there is no database yet', async () => {
    const box = commandSandbox();
    const { code, stderr } = await inTerminalNow(box, []);
    expect(code).toBe(3);
    expect(stderr).toMatch(/desk: no (desk )?database at/);
    expect(stderr).toContain('hint: start with `desk init` (or try `desk demo`)');
  });
});

describe('listings in an 80-column terminal', () => {
  it('fit the width, cut Chinese titles by display width and show due times relative', async () => {
    const box = commandSandbox();
    const t = await seed(box);
    for (const args of [['list'], ['sla', 'check'], ['search', '打印机'], ['similar', t.mine], ['handover', '--no-record']]) {
      const run = await inTerminalNow(box, args);
      for (const line of linesOf(run)) expect(displayWidth(line), `${args.join(' ')}: ${line}`).toBeLessThanOrEqual(80);
    }
    const { output } = await inTerminalNow(box, ['list']);
    expect(output).toMatch(/│ 财务部三楼彩… +│/); // six characters: twelve columns, the least a title keeps
    expect(output).toMatch(/response overdue 4 h/);
    expect(output).toMatch(/resolve due in \d+ (h|d)|update due in \d+ d/);
    const wide = await inTerminalNow(box, ['list'], 200);
    expect(wide.output).toContain('财务部三楼彩色激光打印机卡纸严重，每打印两三页就卡一次，已经影响月底结账报表的打印'.slice(0, 20));
    expect(wide.output).toContain('Requester');
  });
});

describe('search and similar in a terminal', () => {
  it('highlights the matches, and desk create shows the solved tickets like the new one', async () => {
    const box = commandSandbox();
    const t = await seed(box);
    const search = await inTerminalNow(box, ['search', '卡纸']);
    expect(search.raw).toMatch(/\x1b\[33m\x1b\[1m卡纸\x1b\[22m\x1b\[39m/);
    await box.desk(['resolve', t.mine, '--solution', '清理搓纸轮，更换硒鼓'], { env: { DESK_NOW: '2026-11-25T09:30:00+08:00' } });
    const create = await inTerminalNow(box, ['create', '--title', '财务部三楼彩色激光打印机卡纸', '--requester', '王芳', '--channel', 'phone']);
    expect(create.code).toBe(0);
    expect(create.output).toMatch(/^SD-202611-00006\n\nSolved before:\n/m);
    expect(create.output).toContain(`${t.mine}  `);
    expect(create.output).toContain('→ 清理搓纸轮，更换硒鼓');
  });
});
