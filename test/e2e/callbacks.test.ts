import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { describeOnSqliteFile } from '../store-under-test.js';
import { sandbox } from './helpers.js';

describe('call-back attempts and escalations, by the built binary', () => {
  it('records failed attempts, refuses a rating without a reached call-back and a second call-back, and lists every escalation', () => {
    const box = sandbox();
    const at = (when: string) => ({ env: { DESK_NOW: `2026-11-${when}:00+08:00` } });
    expect(box.desk(['create', '--title', 'Streetlight out', '--requester', 'Qian', '--channel', 'phone'], at('10T09:00')).code).toBe(0);
    expect(box.desk(['escalate', '1', '--reason', 'Belongs to the city lighting office'], at('10T09:10')).code).toBe(0);
    expect(box.desk(['escalate', '1', '--reason', 'Still dark after 2 days'], at('12T09:10')).code).toBe(0);
    expect(box.desk(['close', '1', '--solution', 'Lamp replaced'], at('13T09:00')).code).toBe(0);

    expect(box.desk(['callback', '1', '--outcome', 'unreachable', '--note', 'No answer'], at('14T10:00'))).toMatchObject({ code: 0, stderr: '' });
    const rated = box.desk(['callback', '1', '--outcome', 'refused', '--satisfaction', '5'], at('14T11:00'));
    expect([rated.code, rated.stdout, rated.stderr]).toEqual([2, '', 'desk: --satisfaction: the call-back was refused: only a reached one has a rating\nhint: record the attempt without --satisfaction, or give --outcome reached\n']);
    const reached = box.desk(['callback', '1', '--satisfaction', '满意', '--json'], at('15T10:00'));
    expect(reached.code).toBe(0);
    expect(JSON.parse(reached.stdout)).toMatchObject({ callback_attempts: 2, callback_outcome: 'reached', callback_at: '2026-11-15T10:00:00+08:00', satisfaction: 5 });
    const again = box.desk(['callback', '1'], at('16T10:00'));
    expect([again.code, again.stderr.split('\n')[0]]).toEqual([4, 'desk: SD-202611-00001 was called back already, reached at attempt 2: a resolution has one call-back']);

    const shown = box.desk(['show', '1'], at('16T10:00')).stdout;
    expect(shown).toMatch(/^Escalations +2026-11-10 09:10 tester: Belongs to the city lighting office\n +2026-11-12 09:10 tester: Still dark after 2 days$/m);
    expect(shown).toMatch(/^Call-back attempts +2, last reached$/m);
  });
});

describeOnSqliteFile('the call-back attempts migration', () => {
  it('counts the call-backs a desk had before attempts were counted, each one reached', () => {
    const box = sandbox();
    const db = new Database(box.db);
    const before = MIGRATIONS.findIndex((m) => m.name === 'call-back attempts');
    for (const migration of MIGRATIONS.slice(0, before)) migration.up(db);
    db.pragma(`user_version = ${before}`);
    const t = (hhmm: string) => Date.parse(`2026-10-09T${hhmm}:00+08:00`);
    const insert = db.prepare(
      `INSERT INTO tickets (number, created_at, title, status, resolved_at, closed_at, callback_at, reopened_at, reopen_count, version, updated_at, updated_by)
       VALUES (?, ?, 't', ?, ?, ?, ?, ?, ?, 1, ?, 'li')`,
    );
    // #1 called back twice (the second overwrote the first); #2 called back, then reopened;
    // #3 called back by `close --callback`, with no callback event; #4 never called back.
    insert.run('SD-202610-00001', t('09:00'), 'closed', t('10:00'), t('10:00'), t('15:00'), null, 0, t('15:00'));
    insert.run('SD-202610-00002', t('09:00'), 'reopened', null, null, null, t('16:00'), 1, t('16:00'));
    insert.run('SD-202610-00003', t('09:00'), 'closed', t('10:00'), t('10:00'), t('10:00'), null, 0, t('10:00'));
    insert.run('SD-202610-00004', t('09:00'), 'closed', t('10:00'), t('10:00'), null, null, 0, t('10:00'));
    db.prepare(`INSERT INTO events (ticket_id, at, actor, kind, data) VALUES (1, ?, 'li', 'callback', '{}'), (1, ?, 'li', 'callback', '{}'), (2, ?, 'li', 'callback', '{}'), (2, ?, 'li', 'reopen', '{}')`)
      .run(t('11:00'), t('15:00'), t('11:00'), t('16:00'));
    db.close();

    expect(box.json(['list']).map((x: any) => [x.number, x.callback_attempts, x.callback_outcome])).toEqual([
      ['SD-202610-00004', 0, null],
      ['SD-202610-00003', 1, 'reached'],
      ['SD-202610-00002', 0, null],
      ['SD-202610-00001', 2, 'reached'],
    ]);
  });
});
