import { describe, expect, it } from 'vitest';
import { Presenter } from '../../src/cli/render/present.js';
import type { Ticket } from '../../src/domain/ticket.js';
import { makeVocabulary } from '../../src/domain/vocabulary.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ZONE = 'Asia/Shanghai';
const en = new Presenter({ zone: ZONE });
const zh = new Presenter({ zone: ZONE, lang: 'zh' });
// 2026-11-27 10:03 in Shanghai.
const AT = Date.UTC(2026, 10, 27, 2, 3);

describe('spans', () => {
  it.each([
    [40_000, '40 s', '40 秒'],
    [25 * MINUTE, '25 min', '25 分钟'],
    [HOUR, '1 h', '1 小时'],
    [HOUR + 20 * MINUTE + 59_000, '1 h 20 min', '1 小时 20 分钟'],
    [47 * HOUR, '1 d 23 h', '1 天 23 小时'],
    [72 * HOUR + 5 * MINUTE, '3 d', '3 天'],
  ])('%i ms reads "%s" and "%s"', (ms, english, chinese) => {
    expect(en.span(ms)).toBe(english);
    expect(zh.span(ms)).toBe(chinese);
  });
});

describe('due times', () => {
  const ticket = {
    status: 'in_progress', first_response_at: 1, dispatched_at: 1, resolved_at: null,
    response_due_at: 0, dispatch_due_at: 0, resolve_due_at: 10 * HOUR, update_due_at: null,
  } as unknown as Ticket;

  it('name the next running deadline, in how long or how long overdue', () => {
    expect(en.nextDue(ticket, 9 * HOUR + 35 * MINUTE)).toEqual({ text: 'resolve due in 25 min', overdue: false });
    expect(en.nextDue(ticket, 11 * HOUR + 20 * MINUTE)).toEqual({ text: 'resolve overdue 1 h 20 min', overdue: true });
    expect(zh.nextDue(ticket, 11 * HOUR + 20 * MINUTE)).toEqual({ text: '解决 已超时 1 小时 20 分钟', overdue: true });
  });

  it('stop while the ticket waits on its requester, and end with it', () => {
    expect(en.nextDue({ ...ticket, status: 'pending' }, 12 * HOUR)).toEqual({ text: 'paused', overdue: false });
    expect(zh.nextDue({ ...ticket, status: 'pending' }, 12 * HOUR)).toEqual({ text: '挂起中', overdue: false });
    expect(en.nextDue({ ...ticket, status: 'closed' }, 12 * HOUR)).toEqual({ text: '', overdue: false });
  });
});

describe('the changes of an audit event', () => {
  it.each<[string, Record<string, [unknown, unknown]>, string, string]>([
    [
      'respond',
      { first_response_at: [null, AT], status: ['dispatched', 'in_progress'], response_met: [null, true], response_business_ms: [null, 3 * MINUTE] },
      'respond: first response 2026-11-27 10:03, status dispatched → in_progress, response met (3 min)',
      '响应：首次响应 2026-11-27 10:03，状态 已派单 → 处理中，响应 达成 (3 分钟)',
    ],
    [
      'resume',
      { status: ['pending', 'in_progress'], paused_at: [AT, null], paused_ms: [0, 2 * HOUR + 30 * MINUTE], cycle_paused_ms: [0, 2 * HOUR + 30 * MINUTE] },
      'resume: status pending → in_progress, paused 2 h 30 min',
      '恢复：状态 挂起 → 处理中，挂起 2 小时 30 分钟',
    ],
    [
      'create',
      { channel: [null, 'phone'], urgency: [null, 'critical'], manual_fields: [null, ['urgency']], classified_by: [null, 'manual'], escalated: [false, true] },
      'create: channel phone, urgency critical, classified by hand, escalated',
      '受理：渠道 电话，紧急程度 特急，分类方式 人工，已升级',
    ],
    [
      'reopen',
      { resolve_met: [true, null], resolved_at: [AT, null], satisfaction: [4, null] },
      'reopen: resolve reset, resolved 2026-11-27 10:03 → —, satisfaction 4/5 → —',
      '重开：解决 重新计时，解决时间 2026-11-27 10:03 → —，满意度 4/5 分 → —',
    ],
  ])('%s reads as people say it', (kind, changes, english, chinese) => {
    expect(en.change(kind, changes)).toBe(english);
    expect(zh.change(kind, changes)).toBe(chinese);
  });
});

describe('vocabulary values', () => {
  it('show a label from desk.yaml, a built-in one, or the value itself', () => {
    const vocabulary = makeVocabulary({ channels: ['phone', 'email', 'letter'] }, { channel: { letter: '来信', phone: { zh: '座机' } } });
    const present = new Presenter({ zone: ZONE, lang: 'zh', labels: vocabulary.labels });
    expect([present.value('channel', 'letter'), present.value('channel', 'phone'), present.value('channel', 'email'), present.value('channel', 'fax')]).toEqual(['来信', '座机', '邮件', 'fax']);
    expect(new Presenter({ zone: ZONE, labels: vocabulary.labels }).value('channel', 'phone')).toBe('phone');
  });
});
