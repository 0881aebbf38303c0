// Linked and merged tickets as a hotline uses them: repeat calls about one case, their links shown
// from both ends, the refusals, and a month whose figures leave the merged duplicates out, worked
// out by hand. Asia/Shanghai, the example calendar (office: Mon–Fri 09:00–12:00 and 13:30–18:00;
// normal: response 10 min, resolution 24 business hours).
import { describe, expect, it } from 'vitest';
import { commandSandbox, type CommandSandbox } from './harness.js';

async function at(box: CommandSandbox, when: string, args: string[], actor = 'tester'): Promise<string> {
  const result = await box.desk(args, { env: { DESK_NOW: `${when}+08:00`, DESK_ACTOR: actor } });
  if (result.code !== 0) throw new Error(`desk ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const create = (box: CommandSandbox, when: string, title: string, ...flags: string[]) => at(box, when, ['create', '--title', title, '--requester', 'r', '--channel', 'phone', ...flags]);
/** The trail as printed, each event on one line again (the text wraps at 80 columns). */
const unwrapped = (text: string) => text.replace(/\n {10,}/g, ' ');
const json = async (box: CommandSandbox, when: string, args: string[], actor?: string) => JSON.parse(await at(box, when, [...args, '--json'], actor));

async function twoCalls(): Promise<CommandSandbox> {
  const box = commandSandbox();
  await create(box, '2026-11-02T09:00:00', 'Water cut on Elm St', '--team', 'desktop', '--assignee', 'sun');
  await create(box, '2026-11-02T09:30:00', 'No water at no. 5');
  return box;
}

describe('desk link', () => {
  it('refuses a parent link that would close a circle, changing nothing, and lets the pair\'s own link turn round', async () => {
    const box = await twoCalls();
    await create(box, '2026-11-02T09:35:00', 'Pressure low at no. 7');
    await at(box, '2026-11-02T09:40:00', ['link', '1', '2', '--as', 'parent']);
    await at(box, '2026-11-02T09:41:00', ['link', '2', '3', '--as', 'parent']);
    const circle = await box.desk(['link', '3', '1', '--as', 'parent'], { env: { DESK_NOW: '2026-11-02T09:42:00+08:00' } });
    expect(circle).toEqual({
      code: 2,
      stdout: '',
      stderr: "desk: SD-202611-00001 is above SD-202611-00003 already, by parent links: making it SD-202611-00003's child would close a circle\nhint: link them as related instead, or remove the parent link above SD-202611-00003 first (desk show SD-202611-00003 lists its links)\n",
    });
    expect((await json(box, '2026-11-02T09:43:00', ['show', '1'])).links.map((l: any) => [l.as, l.number])).toEqual([['parent_of', 'SD-202611-00002']]);
    // 2 becomes 1's parent in place of 1 being 2's: no circle, their one link turned round.
    expect((await json(box, '2026-11-02T09:44:00', ['link', '2', '1', '--as', 'parent'])).was).toBe('child_of');
    expect(await json(box, '2026-11-02T09:45:00', ['link', '3', '1', '--as', 'related'])).toMatchObject({ action: 'linked', as: 'related' });
  });

  it('stores a link once and shows it from both ends, in --json and in both languages', async () => {
    const box = await twoCalls();
    expect(await json(box, '2026-11-02T09:40:00', ['link', '1', '2', '--as', 'parent'], 'li')).toEqual({
      ticket: 'SD-202611-00001', linked: 'SD-202611-00002', action: 'linked', as: 'parent_of', was: null,
    });
    const one = await json(box, '2026-11-02T09:41:00', ['show', '1']);
    const two = await json(box, '2026-11-02T09:41:00', ['show', '2']);
    expect(one.links).toEqual([{ as: 'parent_of', number: 'SD-202611-00002', title: 'No water at no. 5', status: 'new', linked_at: '2026-11-02T09:40:00+08:00', linked_by: 'li' }]);
    expect(two.links).toEqual([{ as: 'child_of', number: 'SD-202611-00001', title: 'Water cut on Elm St', status: 'dispatched', linked_at: '2026-11-02T09:40:00+08:00', linked_by: 'li' }]);
    expect(await at(box, '2026-11-02T09:41:00', ['show', '2'])).toMatch(/\n\nLinks\n {2}child of SD-202611-00001 {2}Water cut on Elm St \(dispatched\)\n$/);
    expect(await at(box, '2026-11-02T09:41:00', ['show', '1', '--lang', 'zh'])).toMatch(/\n\n关联工单\n {2}SD-202611-00002 的父工单 {2}No water at no\. 5 \(新建\)\n$/);
    // Each end's trail has the link, naming the other ticket.
    const history = await json(box, '2026-11-02T09:41:00', ['history', '2']);
    expect(history.map((e: any) => [e.kind, e.actor, e.link])).toEqual([['create', 'tester', null], ['link', 'li', { ticket: 'SD-202611-00001', as: 'child_of' }]]);
  });

  it('replaces the link the pair had, says so, and changes nothing when it is the same', async () => {
    const box = await twoCalls();
    await at(box, '2026-11-02T09:40:00', ['link', '1', '2', '--as', 'parent']);
    expect(await at(box, '2026-11-02T09:45:00', ['link', '2', '1', '--as', 'duplicate'])).toBe('SD-202611-00002 duplicate of SD-202611-00001 (was child of SD-202611-00001)\n');
    expect(await at(box, '2026-11-02T09:46:00', ['link', '1', '2', '--as', 'duplicate'])).toBe('SD-202611-00001 unchanged: already duplicate of SD-202611-00002\n');
    expect((await json(box, '2026-11-02T09:47:00', ['show', '1'])).links.map((l: any) => [l.as, l.number, l.linked_at])).toEqual([['duplicate', 'SD-202611-00002', '2026-11-02T09:45:00+08:00']]);
    const trail = unwrapped(await at(box, '2026-11-02T09:47:00', ['history', '1']));
    expect(trail).toContain('link — duplicate of SD-202611-00002 (was parent of SD-202611-00002)');
    expect(unwrapped(await at(box, '2026-11-02T09:47:00', ['history', '1', '--lang', 'zh']))).toContain('关联 — 与 SD-202611-00002 重复 (原为SD-202611-00002 的父工单)');
  });

  it('removes a link, recording it on both tickets', async () => {
    const box = await twoCalls();
    await at(box, '2026-11-02T09:40:00', ['link', '1', '2', '--as', 'related']);
    expect(await json(box, '2026-11-02T09:50:00', ['link', '2', '1', '--remove'])).toEqual({
      ticket: 'SD-202611-00002', linked: 'SD-202611-00001', action: 'removed', as: 'related', was: null,
    });
    expect((await json(box, '2026-11-02T09:51:00', ['show', '1'])).links).toEqual([]);
    expect((await json(box, '2026-11-02T09:51:00', ['history', '1'])).map((e: any) => e.kind)).toEqual(['create', 'link', 'unlink']);
    expect(unwrapped(await at(box, '2026-11-02T09:51:00', ['history', '2']))).toContain('unlink — related to SD-202611-00001');
  });

  it.each([
    { name: 'a ticket with itself', args: ['link', '1', '1', '--as', 'related'], code: 2, stderr: 'desk: cannot link SD-202611-00001 with itself\nhint: give two different tickets\n' },
    { name: 'no --as', args: ['link', '1', '2'], code: 2, stderr: 'desk: --as is required: how are the tickets linked?\nhint: accepted: related, duplicate, parent (--as parent: the first ticket is the parent of the second)\n' },
    { name: 'an unknown link', args: ['link', '1', '2', '--as', 'sibling'], code: 2, stderr: 'desk: --as: unknown link "sibling"\nhint: accepted: related, duplicate, parent (--as parent: the first ticket is the parent of the second)\n' },
    { name: 'removing a link there is not', args: ['link', '1', '2', '--remove'], code: 3, stderr: 'desk: SD-202611-00001 and SD-202611-00002 have no link\nhint: see the links of each with `desk show SD-202611-00001`\n' },
    { name: 'a ticket that does not exist', args: ['link', '1', '9', '--as', 'related'], code: 3, stderr: /^desk: .*9.*\n/ },
  ])('refuses $name (exit $code), the database unchanged', async ({ args, code, stderr }) => {
    const box = await twoCalls();
    const before = [await at(box, '2026-11-02T10:00:00', ['history', '1', '--json']), await at(box, '2026-11-02T10:00:00', ['history', '2', '--json'])];
    const result = await box.desk(args, { env: { DESK_NOW: '2026-11-02T10:00:00+08:00' } });
    expect([result.code, result.stdout]).toEqual([code, '']);
    if (typeof stderr === 'string') expect(result.stderr).toBe(stderr);
    else expect(result.stderr).toMatch(stderr);
    expect([await at(box, '2026-11-02T10:00:00', ['history', '1', '--json']), await at(box, '2026-11-02T10:00:00', ['history', '2', '--json'])]).toEqual(before);
  });
});

describe('desk merge', () => {
  it('closes the duplicate as merged into the ticket that carries the case on, which gets the note', async () => {
    const box = await twoCalls();
    const merged = await json(box, '2026-11-02T10:00:00', ['merge', '2', '--into', '1', '--reason', 'Same burst main on Elm St'], 'li');
    expect(Object.keys(merged)).toEqual(['merged', 'into']);
    expect(merged.merged).toMatchObject({ number: 'SD-202611-00002', status: 'merged', closed_at: '2026-11-02T10:00:00+08:00', resolved_at: null, update_due_at: null });
    // Its response, due 09:40, had passed unanswered: settled as missed, as every write settles it.
    expect(merged.merged.response_met).toBe(false);
    expect(merged.into).toMatchObject({ number: 'SD-202611-00001', status: 'dispatched', closed_at: null });
    expect((await json(box, '2026-11-02T10:01:00', ['show', '1'])).links.map((l: any) => [l.as, l.number, l.status])).toEqual([['merged_from', 'SD-202611-00002', 'merged']]);
    expect((await json(box, '2026-11-02T10:01:00', ['show', '2'])).links.map((l: any) => [l.as, l.number])).toEqual([['merged_into', 'SD-202611-00001']]);

    // The duplicate keeps its own trail; the other ticket gets a note naming it, found by search.
    const two = await json(box, '2026-11-02T10:01:00', ['history', '2']);
    expect(two.map((e: any) => e.kind)).toEqual(['create', 'merge']);
    expect(two[1]).toMatchObject({ actor: 'li', reason: 'Same burst main on Elm St', link: { ticket: 'SD-202611-00001', as: 'merged_into' } });
    expect(two[1].changes.status).toEqual(['new', 'merged']);
    const one = await json(box, '2026-11-02T10:01:00', ['history', '1']);
    expect(one.map((e: any) => [e.kind, e.text, e.link])).toEqual([
      ['create', null, null],
      ['note', 'Same burst main on Elm St', { ticket: 'SD-202611-00002', as: 'merged_from' }],
    ]);
    expect(unwrapped(await at(box, '2026-11-02T10:01:00', ['history', '1', '--lang', 'zh']))).toContain('备注 — 由 SD-202611-00002 并入 — Same burst main on Elm St');
    expect((await json(box, '2026-11-02T10:01:00', ['search', 'burst'])).map((h: any) => h.ticket.number)).toEqual(['SD-202611-00001']);
    expect(await at(box, '2026-11-02T10:01:00', ['show', '2'])).toMatch(/^Status {8}merged\n/m);
    expect(await at(box, '2026-11-02T10:01:00', ['show', '2', '--lang', 'zh'])).toContain('已合并');

    // Not open any more; shown where its status is asked for.
    expect((await json(box, '2026-11-02T10:01:00', ['list', '--status', 'open'])).map((t: any) => t.number)).toEqual(['SD-202611-00001']);
    expect((await json(box, '2026-11-02T10:01:00', ['list', '--status', 'merged'])).map((t: any) => t.number)).toEqual(['SD-202611-00002']);
    expect((await json(box, '2026-11-02T10:01:00', ['list'])).map((t: any) => t.number)).toEqual(['SD-202611-00002', 'SD-202611-00001']);
  }, 30_000);

  it('prints the merge and the note in a line each', async () => {
    const box = await twoCalls();
    expect(await at(box, '2026-11-02T10:00:00', ['merge', '2', '--into', '1', '--reason', 'Same main'])).toMatch(
      /^SD-202611-00002 merge: status new → merged, .*\nSD-202611-00001 note — merged from SD-202611-00002\n$/,
    );
  });

  it.each([
    { name: 'into itself', args: ['merge', '1', '--into', '1', '--reason', 'x'], stderr: 'desk: cannot merge SD-202611-00001 into itself\nhint: give --into the ticket that carries the case on\n' },
    {
      name: 'into a merged ticket', args: ['merge', '3', '--into', '2', '--reason', 'x'],
      stderr: 'desk: SD-202611-00002 is itself merged: cannot merge SD-202611-00003 into a merged ticket\nhint: merge into the ticket SD-202611-00002 was merged into (see `desk show SD-202611-00002`)\n',
    },
    { name: 'a merged ticket again', args: ['merge', '2', '--into', '3', '--reason', 'x'], stderr: 'desk: SD-202611-00002 is merged: only an open ticket can be merged into another\nhint: merged is final\n' },
    { name: 'without --into', args: ['merge', '3', '--reason', 'x'], stderr: 'desk: --into is required: which ticket carries the case on?\nhint: e.g. desk merge 3 --into SD-202611-00042 --reason "…"\n' },
    { name: 'without a reason', args: ['merge', '3', '--into', '1'], stderr: 'desk: --reason is required and must not be empty\nhint: e.g. --reason "…"\n' },
    { name: 'a call-back of the merged ticket', args: ['callback', '2', '--note', 'x'], stderr: 'desk: SD-202611-00002 is merged: call-backs follow a resolved or closed ticket\nhint: merged is final\n' },
    { name: 'reopening the merged ticket', args: ['reopen', '2', '--reason', 'x'], stderr: 'desk: SD-202611-00002 is merged: cannot move to reopened\nhint: merged is final\n' },
    { name: 'unlinking the merge', args: ['link', '1', '2', '--remove'], stderr: 'desk: SD-202611-00002 was merged into SD-202611-00001: that link stays\nhint: a merge is final; link other tickets instead\n' },
  ])('refuses $name with exit 2, the database unchanged', async ({ args, stderr }) => {
    const box = await twoCalls();
    await create(box, '2026-11-02T09:50:00', 'Low pressure on Elm St');
    await at(box, '2026-11-02T10:00:00', ['merge', '2', '--into', '1', '--reason', 'Same main']);
    const trails = () => Promise.all(['1', '2', '3'].map((n) => at(box, '2026-11-02T10:05:00', ['history', n, '--json'])));
    const before = await trails();
    const result = await box.desk(args, { env: { DESK_NOW: '2026-11-02T10:05:00+08:00' } });
    expect([result.code, result.stdout, result.stderr]).toEqual([2, '', stderr]);
    expect(await trails()).toEqual(before);
  });

  it('takes --if-version of the merged ticket: changed since, it stops with exit 4 and merges nothing', async () => {
    const box = await twoCalls();
    await create(box, '2026-11-02T09:40:00', 'Low pressure on Elm St');
    await at(box, '2026-11-02T09:45:00', ['note', '2', 'Caller rang again'], 'li');
    const result = await box.desk(['merge', '2', '--into', '1', '--reason', 'x', '--if-version', '1'], { env: { DESK_NOW: '2026-11-02T10:00:00+08:00' } });
    expect([result.code, result.stderr]).toEqual([4, 'desk: SD-202611-00002 was changed by li at 2026-11-02 09:45 (version 2, you had 1)\nhint: look again with `desk show SD-202611-00002` and redo your change\n']);
    expect((await json(box, '2026-11-02T10:00:00', ['show', '2'])).status).toBe('new');
    expect((await json(box, '2026-11-02T10:00:00', ['merge', '2', '--into', '1', '--reason', 'x', '--if-version', '2'])).merged.status).toBe('merged');
    // The note the merge added is a change of the other ticket too; link guards its first ticket.
    expect((await box.desk(['link', '1', '3', '--as', 'related', '--if-version', '1'], { env: { DESK_NOW: '2026-11-02T10:01:00+08:00' } })).code).toBe(4);
    expect((await json(box, '2026-11-02T10:01:00', ['link', '3', '1', '--as', 'related', '--if-version', '1'])).action).toBe('linked');
  });

  it('refuses to merge into a closed ticket, which will not be called back again', async () => {
    const box = await twoCalls();
    await at(box, '2026-11-02T09:35:00', ['close', '1', '--solution', 'Valve opened']);
    const result = await box.desk(['merge', '2', '--into', '1', '--reason', 'x'], { env: { DESK_NOW: '2026-11-02T10:00:00+08:00' } });
    expect([result.code, result.stderr]).toEqual([
      2,
      'desk: SD-202611-00001 is closed: it will not be called back for SD-202611-00002\nhint: reopen it first (desk reopen SD-202611-00001 --reason "…"), or link the tickets instead (desk link SD-202611-00002 SD-202611-00001 --as duplicate)\n',
    ]);
    expect((await json(box, '2026-11-02T10:00:00', ['show', '2'])).status).toBe('new');
  });
});

/**
 * November 2026, reported on 1 December 08:00 and again on 2 December, after a December merge:
 * #1 Mon 2 Nov 09:00 (desktop/sun), answered 09:05, resolved Tue 3 Nov 10:00 (due Thu 5 Nov 10:30), closed ★5.
 * #2 Mon 2 Nov 09:30, a repeat call about #1: its response (due 09:40) passes unanswered, and it
 *    is merged into #1 at 10:00 (the merge settles that response missed, at 09:40).
 * #3 Tue 3 Nov 09:00 (desktop/sun), answered 09:05, resolved 09:30, closed 10:00 ★3.
 * #4 Tue 3 Nov 09:20, a complaint about #3, answered 09:25 (on time), merged into #3 at 09:50, resolved then.
 * #5 Wed 4 Nov 09:00 (desktop/zhou), answered 09:05, never resolved: missed at Mon 9 Nov 10:30.
 * #6 Mon 30 Nov 17:00, never answered in November (due 17:10); merged into #5 on 1 December 09:00.
 */
async function november(box: CommandSandbox): Promise<void> {
  await create(box, '2026-11-02T09:00:00', 'Water cut on Elm St', '--team', 'desktop', '--assignee', 'sun');
  await at(box, '2026-11-02T09:05:00', ['respond', '1'], 'sun');
  await create(box, '2026-11-02T09:30:00', 'No water at no. 5');
  await at(box, '2026-11-02T10:00:00', ['merge', '2', '--into', '1', '--reason', 'Same burst main']);
  await at(box, '2026-11-03T10:00:00', ['resolve', '1', '--solution', 'Main repaired'], 'sun');
  await at(box, '2026-11-03T11:00:00', ['close', '1', '--satisfaction', '5'], 'sun');

  await create(box, '2026-11-03T09:00:00', 'Street light out', '--team', 'desktop', '--assignee', 'sun');
  await at(box, '2026-11-03T09:05:00', ['respond', '3'], 'sun');
  await create(box, '2026-11-03T09:20:00', 'Street light still out', '--type', 'complaint');
  await at(box, '2026-11-03T09:25:00', ['respond', '4']);
  await at(box, '2026-11-03T09:30:00', ['resolve', '3', '--solution', 'Lamp replaced'], 'sun');
  await at(box, '2026-11-03T09:50:00', ['merge', '4', '--into', '3', '--reason', 'Same lamp']);
  await at(box, '2026-11-03T10:00:00', ['close', '3', '--satisfaction', '3'], 'sun');

  await create(box, '2026-11-04T09:00:00', 'Pothole on Oak Rd', '--team', 'desktop', '--assignee', 'zhou');
  await at(box, '2026-11-04T09:05:00', ['respond', '5'], 'zhou');
  await create(box, '2026-11-30T17:00:00', 'Pothole on Oak Rd again');
}

describe('the monthly report of a month with merged tickets', () => {
  it('counts the merged in totals.merged and leaves them out of the rates, the SLA figures and satisfaction', async () => {
    const box = commandSandbox();
    await november(box);
    const report = () => at(box, '2026-12-02T10:00:00', ['report', 'monthly', '--month', '2026-11', '--json']);
    const first = await at(box, '2026-12-01T08:00:00', ['report', 'monthly', '--month', '2026-11', '--json']);
    const r = JSON.parse(first);
    // Created: all six. Resolved and closed: #1, #3 (a merge is no closure). Merged: #2, #4.
    // Backlog at the end: #5 and #6.
    expect(r.totals).toEqual({ created: 6, resolved: 2, closed: 2, reopened: 0, escalated: 0, merged: 2, backlog_end: 2 });
    // #1 and #3 of the four not merged.
    expect(r.resolution_rate).toBe(0.5);
    // Responses: met by #1, #3, #5; missed by #6 (passing unanswered). #2's miss and #4's answer count nowhere.
    expect(r.sla.response).toEqual({ met: 3, missed: 1, rate: 0.75 });
    // Resolutions: met by #1 and #3; missed by #5. The merged ones' deadlines stopped at the merge.
    expect(r.sla.resolution).toEqual({ met: 2, missed: 1, rate: 0.6667 });
    expect(r.satisfaction).toEqual({ average: 4, distribution: { '1': 0, '2': 0, '3': 1, '4': 0, '5': 1 }, rated: 2, closed: 2, response_rate: 1 });
    expect(r.callback).toEqual({ called: 0, closed: 2, rate: 0 });
    expect(r.complaints).toEqual({
      received: 1, resolved: 0, closed: 0, open: 0, satisfaction: null,
      verification: { verified: 0, yes: 0, partly: 0, no: 0, verified_rate: null, by_cause: {}, by_target: {}, agents: {} },
    });
    expect(r.agents).toEqual([
      { agent: 'sun', handled: 2, resolved: 2, sla_rate: 1, satisfaction: 4 },
      { agent: 'zhou', handled: 1, resolved: 0, sla_rate: 0, satisfaction: null },
    ]);

    // #6 merged in December: November still counts its response missed in November.
    await at(box, '2026-12-01T09:00:00', ['merge', '6', '--into', '5', '--reason', 'Same pothole']);
    expect(await report()).toBe(first);
    const december = JSON.parse(await at(box, '2026-12-02T10:00:00', ['report', 'monthly', '--month', '2026-12', '--json']));
    expect([december.totals.merged, december.totals.backlog_end, december.previous.totals.merged]).toEqual([1, 1, 2]);
  }, 60_000);

  it('labels the merged tickets in both languages', async () => {
    const box = commandSandbox();
    await november(box);
    expect(await at(box, '2026-12-01T08:00:00', ['report', 'monthly', '--month', '2026-11', '--format', 'md'])).toMatch(/\| Merged \| 2 \|/);
    expect(await at(box, '2026-12-01T08:00:00', ['report', 'monthly', '--month', '2026-11', '--format', 'md', '--lang', 'zh'])).toMatch(/\| 已合并 \| 2 \|/);
  }, 60_000);

  it('leaves the merged tickets out of the call-back campaign: the ticket merged into is called back', async () => {
    const box = commandSandbox();
    await november(box);
    expect((await json(box, '2026-12-01T08:00:00', ['callbacks'])).map((t: any) => t.number)).toEqual(['SD-202611-00003', 'SD-202611-00001']);
  }, 60_000);
});
