// A Chinese desk in Chinese: labels of every view, vocabulary values by their Chinese names in
// flags, import cells and routing.yaml, and the language chosen by --lang, desk.yaml or LANG.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG } from '../e2e/helpers.js';
import { commandSandbox, type CommandSandbox } from './harness.js';

const at = (time: string) => ({ env: { DESK_NOW: `2026-11-27T${time}:00+08:00` } });

/** A printer ticket taken by phone at 10:00, answered at 10:03 and put on hold at 10:05. */
async function waitingTicket(box: CommandSandbox): Promise<void> {
  const create = ['create', '--title', '打印机卡纸', '--requester', '李雷', '--department', '财务部', '--channel', '电话', '--type', '故障', '--team', 'desktop', '--assignee', 'sun', '--urgency', '紧急'];
  expect((await box.desk(create, at('10:00'))).code).toBe(0);
  expect((await box.desk(['respond', '1'], at('10:03'))).code).toBe(0);
  expect((await box.desk(['pending', '1', '--reason', '等待配件'], at('10:05'))).code).toBe(0);
}

function configWith(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'desk-zh-config-')), 'config');
  cpSync(EXAMPLE_CONFIG, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('a Chinese desk', () => {
  it('takes vocabulary values by their Chinese names and keeps the values themselves', async () => {
    const box = commandSandbox();
    await waitingTicket(box);
    const [ticket] = await box.json(['list']);
    expect([ticket.channel, ticket.type, ticket.urgency, ticket.status]).toEqual(['phone', 'fault', 'urgent', 'pending']);
    expect((await box.json(['list', '--status', '挂起', '--channel', '电话'])).map((t: { number: string }) => t.number)).toEqual(['SD-202611-00001']);
  });

  it('shows a ticket and its history with Chinese labels and values', async () => {
    const box = commandSandbox();
    await waitingTicket(box);
    const show = await box.desk(['show', '1', '--lang', 'zh'], at('10:10'));
    expect(show.stdout).toBe(
      [
        'SD-202611-00001  打印机卡纸',
        '状态          挂起，已停止计时',
        '受理时间      2026-11-27 10:00',
        '渠道          电话',
        '报告人        李雷 (财务部)',
        '类型          故障',
        '紧急程度      紧急',
        '分类方式      人工',
        '处理组        桌面支持',
        '处理人        sun',
        '派单          2026-11-27 10:00 人工',
        '首次响应      2026-11-27 10:03',
        '响应时限      2026-11-27 10:10 (达成)',
        '派单时限      2026-11-27 10:30 (达成)',
        '解决时限      2026-11-27 15:30',
        '进展通报时限  2026-11-30 10:00',
        '版本          3，tester 于 2026-11-27 10:05 最后修改',
        '',
      ].join('\n'),
    );
    const history = await box.desk(['history', '1', '--lang', 'zh'], at('10:10'));
    expect(history.stdout.split('\n').slice(-3)).toEqual([
      '2026-11-27 10:03  tester  响应：状态 已派单 → 处理中，响应 达成 (3 分钟)',
      '2026-11-27 10:05  tester  挂起：状态 处理中 → 挂起 — 原因：等待配件',
      '',
    ]);
    expect(history.stdout).toMatch(/^2026-11-27 10:00 {2}tester {2}受理：渠道 电话，报告人 李雷，部门 财务部，标题/);
    expect(history.stdout).not.toMatch(/_at|_ms|_met|true|false|T\d\d:\d\d:\d\d/);
  });

  it('shows the queue and the service report in Chinese', async () => {
    const box = commandSandbox();
    await waitingTicket(box);
    expect((await box.desk(['resume', '1'], at('10:40'))).code).toBe(0);
    const queue = await box.desk(['queue', '--lang', 'zh'], { env: { ...at('10:50').env, DESK_ACTOR: 'sun' } });
    expect(queue.stdout).toContain('sun 的工作队列 (desktop) · 2026-11-27 10:50');
    expect(queue.stdout).toMatch(/^我的工单 \(1\)\n {2}SD-202611-00001 {2}处理中 {2}紧急 {2}desktop {2}打印机卡纸 {2}解决 剩余 5 小时 15 分钟$/m);
    expect(queue.stdout).toContain('已超时 无');
    expect((await box.desk(['resolve', '1', '--solution', '更换搓纸轮'], at('11:10'))).code).toBe(0);
    expect((await box.desk(['close', '1', '--satisfaction', '5'], at('11:20'))).code).toBe(0);
    const report = (await box.desk(['show', '1', '--format', 'md', '--lang', 'zh'], at('11:30'))).stdout;
    expect(report).toMatch(/^# 客服服务报告单 SD-202611-00001\n\n## 报告人信息\n/);
    for (const row of ['| 姓名 | 李雷 |', '| 渠道 | 电话 |', '| 类型 / 分类 / 紧急程度 | 故障 / 紧急 |', '| 处理组 / 处理人 | 桌面支持 / sun |', '| 解决方案 | 更换搓纸轮 |', '| 满意度 | 5/5 分 |']) {
      expect(report).toContain(row);
    }
    expect(report).toContain('服务工程师: ____________________   用户签字: ____________________   日期: ____________');
  });

  it('speaks the language of --lang, else desk.yaml, else LANG', async () => {
    const chinese = commandSandbox({ config: configWith({ 'desk.yaml': 'timezone: Asia/Shanghai\nlanguage: zh\n' }) });
    await waitingTicket(chinese);
    expect((await chinese.desk(['show', '1'])).stdout).toContain('状态          挂起');
    expect((await chinese.desk(['show', '1', '--lang', 'en'])).stdout).toContain('Status          pending, clock stopped');
    const box = commandSandbox();
    await waitingTicket(box);
    expect((await box.desk(['show', '1'])).stdout).toContain('Status          pending');
    expect((await box.desk(['show', '1'], { env: { LANG: 'zh_CN.UTF-8' } })).stdout).toContain('状态          挂起');
    expect(await box.desk(['show', '1', '--lang', 'fr'])).toMatchObject({ code: 2, stderr: 'desk: --lang: unknown value "fr"\nhint: accepted: en, zh\n' });
  });

  it('adds and relabels values in desk.yaml, and routing.yaml names them in Chinese', async () => {
    const config = configWith({
      'desk.yaml': 'timezone: Asia/Shanghai\nchannels: { letter: 来信, phone: 热线电话 }\n',
      'routing.yaml': 'classify: []\ndispatch:\n  - name: letters\n    when: { channel: 来信, urgency: [一般, 紧急] }\n    team: complaints\n',
    });
    const box = commandSandbox({ config });
    expect((await box.desk(['rules', 'check'])).code).toBe(0);
    const created = await box.json(['create', '--title', '反映噪音扰民', '--requester', '王芳', '--channel', '来信']);
    expect(created.channel).toBe('letter');
    expect((await box.json(['create', '--title', '路灯不亮', '--requester', '张三', '--channel', '热线电话'])).channel).toBe('phone');
    expect((await box.json(['rules', 'test', '--title', '反映噪音扰民', '--channel', 'letter', '--urgency', '一般'])).dispatch.team).toEqual({ value: 'complaints', rule: 'letters' });
    expect((await box.desk(['show', '1', '--lang', 'zh'])).stdout).toMatch(/^渠道 +来信$/m);
    expect(await box.desk(['create', '--title', 't', '--requester', 'r', '--channel', '传真'])).toMatchObject({ code: 2 });
    expect((await box.desk(['create', '--title', 't', '--requester', 'r', '--channel', '传真'])).stderr).toContain('accepted: phone (热线电话), email (邮件), web (网页), onsite (现场), letter (来信)');
  });

  it('imports Chinese headers, values and dates as Excel writes them', async () => {
    const box = commandSandbox();
    const file = join(box.dir, 'hotline.csv');
    writeFileSync(file, '标题,报告人,渠道,类型,紧急程度,创建时间\n路灯不亮,张三,电话,故障,特急,2026/11/3 9:05\n');
    expect((await box.desk(['import', file])).code).toBe(0);
    const [ticket] = await box.json(['list']);
    expect([ticket.channel, ticket.type, ticket.urgency, ticket.created_at]).toEqual(['phone', 'fault', 'critical', '2026-11-03T09:05:00+08:00']);
  });
});
