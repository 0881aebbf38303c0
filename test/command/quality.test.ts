// Quality inspection as an inspector and a supervisor work it, on every store: the day's sample,
// item scores, appeals and their decisions, each in the trail and none changing the ticket.
import { describe, expect, it } from 'vitest';
import { commandSandbox, type CommandSandbox } from './harness.js';

// Monday 30 November 2026 in Shanghai; the sample is drawn on Tuesday.
const as = (actor: string, time: string, day = '30') => ({ env: { DESK_NOW: `2026-11-${day}T${time}:00+08:00`, DESK_ACTOR: actor } });
const tuesday = (actor: string, time = '09:00') => ({ env: { DESK_NOW: `2026-12-01T${time}:00+08:00`, DESK_ACTOR: actor } });

/** li logs three tickets, wang two, lin (the inspector) one; wang resolves one of li's. */
async function monday(box: CommandSandbox): Promise<{ li: string[]; wang: string[]; lin: string }> {
  const create = async (actor: string, title: string, time: string) => (await box.json(['create', '--title', title, '--requester', 'Zhang San', '--channel', 'phone', '--team', 'service-desk'], as(actor, time))).number as string;
  const li = [await create('li', 'Printer jams', '09:00'), await create('li', 'VPN drops', '09:30'), await create('li', 'Mail quota', '10:00')];
  const wang = [await create('wang', 'Badge lost', '10:30'), await create('wang', 'New laptop', '11:00')];
  const lin = await create('lin', 'Projector', '11:30');
  await box.json(['resolve', li[0]!, '--solution', 'cleared the tray'], as('wang', '14:00'));
  return { li, wang, lin };
}

const ALL_PASS = 'greeting=pass,closing=pass,attitude=pass,wording=pass,knowledge=pass,timeliness=pass';

describe('desk qa sample', () => {
  it('refuses a day that is not over, recording nothing', async () => {
    const box = commandSandbox();
    await monday(box);
    expect(await box.desk(['qa', 'sample', '--date', '2026-11-30', '--seed', 'a'], as('lin', '17:00'))).toEqual({
      code: 2,
      stdout: '',
      stderr: 'desk: --date: 2026-11-30 is not over yet: a day is sampled once it has ended\nhint: sample an earlier day, e.g. yesterday\n',
    });
    expect(await box.json(['qa', 'list', '--date', '2026-11-30'], tuesday('lin'))).toEqual([]);
  });

  it("draws every agent's records but the inspector's own, fewer when fewer were handled, and keeps one sample a day", async () => {
    const box = commandSandbox();
    const { li, wang } = await monday(box);
    const drawn = await box.json(['qa', 'sample', '--date', '2026-11-30', '--seed', 'n30'], tuesday('lin'));
    expect({ ...drawn, records: drawn.records.map((r: any) => [r.agent, r.number, r.roles.join('+'), r.state]) }).toEqual({
      day: '2026-11-30', seed: 'n30', per_agent: 20, inspector: 'lin', drawn_at: '2026-12-01T09:00:00+08:00', drawn_before: false,
      records: [
        ['li', li[0], 'logged', 'to_inspect'], ['li', li[1], 'logged', 'to_inspect'], ['li', li[2], 'logged', 'to_inspect'],
        ['wang', li[0], 'responded+resolved', 'to_inspect'], ['wang', wang[0], 'logged', 'to_inspect'], ['wang', wang[1], 'logged', 'to_inspect'],
      ],
    });
    const again = await box.json(['qa', 'sample', '--date', '2026-11-30'], tuesday('chen', '10:00'));
    expect([again.drawn_before, again.inspector, again.seed, again.records.length]).toEqual([true, 'lin', 'n30', 6]);
    const other = await box.desk(['qa', 'sample', '--date', '2026-11-30', '--seed', 'x'], tuesday('lin', '10:00'));
    expect([other.code, other.stderr.split('\n')[0]]).toEqual([2, 'desk: the sample of 2026-11-30 was drawn already, with seed n30, by lin: a day has one sample']);
    const piped = await box.desk(['qa', 'sample', '--date', '2026-11-30'], tuesday('lin', '10:00'));
    expect(piped.stderr).toBe('the sample of 2026-11-30 was drawn already, by lin at 2026-12-01 09:00; shown as recorded\n');
    expect(piped.stdout.split('\n').slice(0, 2)).toEqual(['Day\tTicket\tAgent\tHandled as\tState\tScore\tInspector', `2026-11-30\t${li[0]}\tli\tlogged\tto inspect\t\t`]);
  });

  it('draws the same records from the same tickets with the same seed, on another desk too', async () => {
    const sample = async () => {
      const box = commandSandbox();
      await monday(box);
      const drawn = await box.json(['qa', 'sample', '--date', '2026-11-30', '--per-agent', '2', '--seed', 'same'], tuesday('lin'));
      return drawn.records.map((r: any) => `${r.agent} ${r.number}`);
    };
    const first = await sample();
    expect(first.filter((r: string) => r.startsWith('li '))).toHaveLength(2);
    expect(await sample()).toEqual(first);
  });

  it('is refused to anyone but an inspector or a supervisor', async () => {
    const box = commandSandbox();
    await monday(box);
    const refused = await box.desk(['qa', 'sample', '--date', '2026-11-30'], tuesday('wang'));
    expect([refused.code, refused.stderr.split('\n')[0]]).toEqual([2, 'desk: wang is not an inspector: quality.yaml names lin, and supervisors inspect too']);
  });
});

describe('desk qa score, appeal and decide', () => {
  async function sampled() {
    const box = commandSandbox();
    const tickets = await monday(box);
    await box.json(['qa', 'sample', '--date', '2026-11-30', '--seed', 's'], tuesday('lin'));
    return { box, ...tickets };
  }

  it('scores every item, records it in the trail and leaves the ticket as it was', async () => {
    const { box, li } = await sampled();
    const before = await box.json(['show', li[1]!]);
    const partial = await box.desk(['qa', 'score', li[1]!, '--items', 'greeting=pass'], tuesday('lin'));
    expect(partial).toEqual({
      code: 2,
      stdout: '',
      stderr: 'desk: --items: closing, attitude, wording, knowledge, timeliness are not scored\nhint: an inspection scores every item: add closing=pass,attitude=pass,wording=pass,knowledge=pass,timeliness=pass (or fail, na)\n',
    });
    const scored = await box.desk(['qa', 'score', li[1]!, '--items', 'greeting=pass,closing=fail,attitude=pass,wording=pass,knowledge=pass,timeliness=na', '--comment', '没有结束语'], tuesday('lin', '10:00'));
    // 10 + 25 + 20 + 25 passed of the 90 that apply: 88.9, and a failed item makes the record unqualified.
    expect(scored).toEqual({ code: 0, stdout: `${li[1]} (li): 88.9 (failed: Closing), unqualified\n`, stderr: '' });
    const after = await box.json(['show', li[1]!]);
    expect([after.version, after.updated_at]).toEqual([before.version, before.updated_at]);
    const again = await box.desk(['qa', 'score', li[1]!, '--items', ALL_PASS], tuesday('lin', '10:05'));
    expect([again.code, again.stderr.split('\n')[0]]).toEqual([4, `desk: ${li[1]}'s record of 2026-11-30 for li is unqualified: nothing to score`]);
    const history = (await box.desk(['history', li[1]!, '--lang', 'zh'])).stdout.split('\n').filter(Boolean).slice(-3);
    expect(history).toEqual([
      '2026-12-01 09:00  lin  抽检 — 2026-11-30 · li',
      '2026-12-01 10:00  lin  质检评分 — 2026-11-30 · li — 88.9',
      '                       分（不合格项：closing），不合格 — 没有结束语',
    ]);
  });

  it('names the record when a ticket was sampled for two agents', async () => {
    const { box, li } = await sampled();
    const which = await box.desk(['qa', 'score', li[0]!, '--items', ALL_PASS], tuesday('lin'));
    expect([which.code, which.stderr]).toEqual([2, `desk: ${li[0]} has 2 records to score: 2026-11-30 for li, 2026-11-30 for wang\nhint: name one with --date DAY or --agent NAME\n`]);
    const scored = await box.json(['qa', 'score', li[0]!, '--agent', 'wang', '--items', ALL_PASS], tuesday('lin'));
    expect([scored.agent, scored.state, scored.score, scored.inspector]).toEqual(['wang', 'qualified', 100, 'lin']);
  });

  it('takes an appeal from the agent alone, and a decision from a supervisor who did not score it', async () => {
    const { box, li } = await sampled();
    await box.json(['qa', 'score', li[2]!, '--items', 'greeting=fail,closing=pass,attitude=pass,wording=pass,knowledge=pass,timeliness=pass'], tuesday('lin'));
    const stranger = await box.desk(['qa', 'appeal', li[2]!, '--reason', 'unfair'], tuesday('wang'));
    expect([stranger.code, stranger.stderr.split('\n')[0]]).toEqual([2, 'desk: only li or a supervisor of theirs may appeal this record, and wang is neither']);
    const appealed = await box.json(['qa', 'appeal', li[2]!, '--reason', 'the caller spoke first'], tuesday('li', '11:00'));
    expect([appealed.state, appealed.appeal]).toEqual(['appealed', { by: 'li', at: '2026-12-01T11:00:00+08:00', reason: 'the caller spoke first' }]);
    expect((await box.json(['qa', 'list'], tuesday('lin'))).filter((r: any) => r.state === 'appealed').map((r: any) => r.number)).toEqual([li[2]]);

    const neither = await box.desk(['qa', 'decide', li[2]!, '--reason', 'r'], tuesday('chen'));
    expect([neither.code, neither.stderr.split('\n')[0]]).toEqual([2, 'desk: decide with --uphold (the score stands) or --overturn (the score is void)']);
    const notSupervisor = await box.desk(['qa', 'decide', li[2]!, '--overturn', '--reason', 'r'], tuesday('lin'));
    expect([notSupervisor.code, notSupervisor.stderr.split('\n')[0]]).toEqual([2, 'desk: only a supervisor decides an appeal, and lin is not one']);
    const decided = await box.json(['qa', 'decide', li[2]!, '--overturn', '--reason', 'the recording confirms it'], tuesday('chen', '15:00'));
    expect([decided.state, decided.decision]).toEqual(['overturned', { by: 'chen', at: '2026-12-01T15:00:00+08:00', decision: 'overturn', reason: 'the recording confirms it' }]);
    const twice = await box.desk(['qa', 'decide', li[2]!, '--uphold', '--reason', 'r'], tuesday('chen', '15:05'));
    expect(twice.code).toBe(4);
  });

  it('lists what remains: records to inspect and appeals to decide, by day and agent', async () => {
    const { box, li, wang } = await sampled();
    await box.json(['qa', 'score', wang[0]!, '--items', ALL_PASS], tuesday('lin'));
    const pending = await box.json(['qa', 'list'], tuesday('lin'));
    expect(pending.map((r: any) => `${r.agent} ${r.number}`)).toEqual([`li ${li[0]}`, `li ${li[1]}`, `li ${li[2]}`, `wang ${li[0]}`, `wang ${wang[1]}`]);
    const wangs = await box.json(['qa', 'list', '--agent', 'wang'], tuesday('lin'));
    expect(wangs.map((r: any) => [r.number, r.state])).toEqual([[li[0], 'to_inspect'], [wang[0], 'qualified'], [wang[1], 'to_inspect']]);
    expect((await box.json(['qa', 'list', '--agent', 'wang', '--pending'], tuesday('lin'))).length).toBe(2);
    const zh = await box.desk(['qa', 'list', '--date', '2026-11-30', '--agent', 'wang', '--lang', 'zh'], tuesday('lin'));
    expect(zh.stdout.split('\n').slice(0, 3)).toEqual([
      '日期\t工单\t坐席\t经办环节\t状态\t得分\t质检员',
      `2026-11-30\t${li[0]}\twang\t响应, 办结\t待质检\t\t`,
      `2026-11-30\t${wang[0]}\twang\t受理\t合格\t100\tlin`,
    ]);
  });
});

describe('without quality.yaml', () => {
  it('says where the checklist is missing', async () => {
    const box = commandSandbox({ config: null });
    const run = await box.desk(['qa', 'sample', '--date', '2026-11-30'], tuesday('lin'));
    expect([run.code, run.stderr.split('\n')[0]]).toEqual([2, 'desk: there is no quality.yaml: quality inspection needs its checklist']);
  });
});

describe('desk report appraisal', () => {
  it('writes a CSV Chinese Excel opens, headers in the report language', async () => {
    const box = commandSandbox();
    await monday(box);
    const december = { env: { DESK_NOW: '2026-12-01T10:00:00+08:00', DESK_ACTOR: 'chen' } };
    const csv = await box.deskBytes(['report', 'appraisal', '--month', '2026-11', '--team', 'service-desk', '--lang', 'zh', '--format', 'csv', '--encoding', 'gb18030'], december);
    const { default: iconv } = await import('iconv-lite');
    const lines = iconv.decode(csv.stdout, 'gb18030').trim().split(/\r?\n/);
    expect(lines[0]).toBe('排名,坐席,处理组,受理量,处理量,办结量,首次响应（中位数，分钟）,及时响应率,办结及时率,满意度,质检得分,不合格 / 抽检,有效投诉,退单,重开,综合得分');
    // li logged three tickets, wang two; the ticket wang resolved was nobody's, so it counts for no one's resolutions.
    // li scores 100 (accuracy alone), wang 50: accuracy 100, and 0 for the late first response his resolve gave (09:00 to 14:00 less lunch: 210 business minutes).
    expect(lines.slice(1).map((line) => line.split(','))).toEqual([
      ['1', 'li', '服务台', '3', '0', '0', '—', '—', '—', '—', '—', '0 / 0', '0', '0', '0', '100'],
      ['2', 'wang', '服务台', '2', '0', '0', '210', '0.0%', '—', '—', '—', '0 / 0', '0', '0', '0', '50'],
    ]);
    const bom = await box.deskBytes(['report', 'appraisal', '--month', '2026-11', '--format', 'csv', '--bom'], december);
    expect([...bom.stdout.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('takes one period', async () => {
    const box = commandSandbox();
    const both = await box.desk(['report', 'appraisal', '--month', '2026-11', '--week', '2026-W48']);
    expect(both).toEqual({ code: 2, stdout: '', stderr: 'desk: give one period, not --month and --week\nhint: e.g. --month 2026-11, or --from 2026-11-01 --to 2026-11-15\n' });
    const html = await box.desk(['report', 'appraisal', '--bom']);
    expect([html.code, html.stderr.split('\n')[0]]).toEqual([2, 'desk: --bom: only for --format csv (this report is table)']);
  });
});
