// The small month the report tests work out by hand (Asia/Shanghai, example calendar), played
// through desk by either sandbox.
import { join } from 'node:path';
import { expect } from 'vitest';
import type { DeskRunner } from '../e2e/helpers.js';

/** Runs a desk command at `when` (Shanghai time); its stdout, trimmed. */
export async function step(desk: DeskRunner, when: string, args: string[]): Promise<string> {
  const result = await desk(args, { env: { DESK_NOW: `${when}+08:00` } });
  if (result.code !== 0) throw new Error(`desk ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** When the report of October is asked for. */
export const NOW = '2026-11-05T12:00:00';

/**
 * #1 created 30 September, resolved 8 October 09:30, reopened 15:00 and resolved again 9 October
 *    16:00 by zhou, closed with ★3: two resolutions in October, each on time.
 * #2 fault, 9 Oct 10:00, answered in 8 minutes by sun, resolved in an hour, closed with ★5 and a call-back.
 * #3 complaint at 23:30 on 31 October: still October in Shanghai; left open.
 * #4 at 00:10 on 1 November: not October.
 * #5 on 20 October, escalated, never answered: both its deadlines in October are missed.
 */
export async function october(desk: DeskRunner): Promise<void> {
  const create = (when: string, title: string, ...flags: string[]) => step(desk, when, ['create', '--title', title, '--requester', 'r', ...flags]);
  await create('2026-09-30T17:00:00', '显示器闪屏', '--channel', 'phone', '--type', 'fault', '--team', 'desktop', '--assignee', 'zhou');
  await step(desk, '2026-09-30T17:05:00', ['respond', '1']);
  await step(desk, '2026-10-08T09:30:00', ['resolve', '1', '--solution', 'cable']);
  await step(desk, '2026-10-08T15:00:00', ['reopen', '1', '--reason', 'flickers again']);
  await step(desk, '2026-10-09T09:00:00', ['dispatch', '1', '--team', 'desktop', '--to', 'zhou']);
  await step(desk, '2026-10-09T09:10:00', ['respond', '1']);
  await step(desk, '2026-10-09T16:00:00', ['resolve', '1', '--solution', 'new monitor']);
  await step(desk, '2026-10-10T10:00:00', ['close', '1', '--satisfaction', '3']);

  await create('2026-10-09T10:00:00', 'Printer jams', '--channel', 'phone', '--type', 'fault');
  await step(desk, '2026-10-09T10:05:00', ['dispatch', '2', '--team', 'desktop', '--to', 'sun']);
  await step(desk, '2026-10-09T10:08:00', ['respond', '2']);
  await step(desk, '2026-10-09T11:00:00', ['resolve', '2', '--solution', 'cleared']);
  await step(desk, '2026-10-12T10:00:00', ['close', '2', '--satisfaction', '5', '--callback', 'fine now']);

  await create('2026-10-31T23:30:00', '投诉：无人处理', '--channel', 'email', '--type', 'complaint');
  await create('2026-11-01T00:10:00', 'VPN', '--channel', 'web');
  await create('2026-10-20T09:00:00', 'ERP slow', '--channel', 'web');
  await step(desk, '2026-10-20T10:00:00', ['escalate', '5', '--reason', 'CFO asks']);
}

/** October's HTML report, written by desk into `dir`; its path. */
export async function writeOctoberHtml(desk: DeskRunner, dir: string): Promise<string> {
  await october(desk);
  const out = join(dir, 'october.html');
  const result = await desk(['report', 'monthly', '--month', '2026-10', '--format', 'html', '--out', out], { env: { DESK_NOW: `${NOW}+08:00` } });
  expect([result.code, result.stdout]).toEqual([0, '']);
  return out;
}
