// Co-handling through the built binary: the outcome lines, one-line refusals, sla check's exit 5
// for a late sub-task, an import and export that keep the sub-tasks, and the completion of the flags.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandbox } from './helpers.js';

const at = (time: string, actor = 'tester') => ({ env: { DESK_NOW: `2026-11-27T${time}:00+08:00`, DESK_ACTOR: actor } });

describe('desk assist', () => {
  it('opens, reports late, answers and lets the lead team resolve, with the codes cron and scripts read', () => {
    const box = sandbox();
    const created = box.desk(['create', '--title', 'Street light out', '--requester', 'Li Lei', '--channel', 'phone', '--team', 'facilities', '--json'], at('09:00'));
    const number = JSON.parse(created.stdout).number as string;
    expect(box.desk(['respond', number, '--message', 'logged'], at('09:00')).code).toBe(0);

    const opened = box.desk(['assist', number, '--team', 'network', '--to', 'wu', '--due', '1h', '--note', 'check the cable'], at('10:00', 'yang'));
    expect([opened.code, opened.stdout, opened.stderr]).toEqual([0, `${number} sub-task: with teams — → Network\n`, '']);
    expect(box.desk(['resolve', number, '--solution', 'lamp replaced'], at('10:10', 'yang'))).toEqual({
      code: 2,
      stdout: '',
      stderr: `desk: ${number} has open sub-tasks of network: the lead team resolves it once they reply\nhint: wait for their replies, withdraw them (desk assist ${number} --team network --cancel --reason "…"), or resolve anyway with --force --reason "…"\n`,
    });
    expect(box.desk(['sla', 'check'], at('10:45'))).toEqual({ code: 0, stdout: '', stderr: '' });
    const late = box.desk(['sla', 'check'], at('11:30'));
    expect([late.code, late.stdout.split('\n')[0]]).toEqual([5, 'Sub-tasks past their deadline: 1']);
    expect(box.desk(['list', '--team', 'network', '--json'], at('11:30')).stdout).toContain(number);

    expect(box.desk(['assist', number, '--team', 'network', '--reply', 'cable fine'], at('11:40', 'wu')).code).toBe(0);
    expect(box.desk(['sla', 'check'], at('11:45')).code).toBe(0);
    expect(box.desk(['resolve', number, '--solution', 'lamp replaced'], at('11:50', 'yang')).code).toBe(0);
    expect(box.json(['history', number]).map((e: { kind: string }) => e.kind)).toEqual(['create', 'respond', 'assist', 'assist_reply', 'resolve']);
  });

  it('keeps the sub-tasks through an export and an import', () => {
    const box = sandbox();
    const number = JSON.parse(box.desk(['create', '--title', 'Street light out', '--requester', 'Li Lei', '--channel', 'phone', '--team', 'facilities', '--json'], at('09:00')).stdout).number;
    expect(box.desk(['assist', number, '--team', 'network', '--due', '1h'], at('10:00')).code).toBe(0);
    expect(box.desk(['assist', number, '--team', 'applications', '--due', '2h'], at('10:00')).code).toBe(0);
    expect(box.desk(['assist', number, '--team', 'network', '--reply', 'fine'], at('10:30', 'wu')).code).toBe(0);
    const exported = join(box.dir, 'out.csv');
    expect(box.desk(['export', '--out', exported, '--reveal'], at('11:00')).code).toBe(0);
    const copy = join(box.dir, 'copy.db');
    const imported = box.desk(['--db', copy, 'import', exported, '--json'], at('11:00'));
    expect(JSON.parse(imported.stdout)).toMatchObject({ inserted: 1, rejected: 0 });
    const [original, again] = [box.json(['show', number]), JSON.parse(box.desk(['--db', copy, 'show', number, '--json']).stdout)];
    expect(again.assists).toEqual(original.assists);
    // The open one still holds the copy's resolve, and still counts for its team.
    expect(box.desk(['--db', copy, 'resolve', number, '--solution', 'x'], at('11:10')).code).toBe(2);
    expect(JSON.parse(box.desk(['--db', copy, 'list', '--team', 'applications', '--json'], at('11:10')).stdout)).toHaveLength(1);

    writeFileSync(join(box.dir, 'bad.csv'), `title,requester,channel,assists\nBroken,Li,phone,"[{""team"":""network""}]"\n`);
    const bad = box.desk(['--db', join(box.dir, 'bad.db'), 'import', join(box.dir, 'bad.csv')], at('11:00'));
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([2, `${join(box.dir, 'bad.csv')}:2: column "assists": sub-task 1: opened_at must be text (the JSON list of sub-tasks an export writes)`]);
  });

  it('completes its flags', () => {
    const script = sandbox().desk(['completion', 'bash']).stdout;
    expect(script).toContain("'assist:--team') echo 'teams' ;;");
    expect(script).toContain("'assist:--to') echo 'agents' ;;");
  });
});
