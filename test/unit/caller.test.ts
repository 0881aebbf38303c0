import { describe, expect, it } from 'vitest';
import { callerOfTicket, contactKey, readCallerLookup, requesterKey } from '../../src/domain/caller.js';

describe('contactKey', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['0086-13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['(010) 6512-3456', '01065123456'],
    ['+1 (415) 555-0100', '14155550100'],
    ['Li.Lei@Example.COM', 'li.lei@example.com'],
    [' li.lei@example.com ', 'li.lei@example.com'],
    ['WeChat  LiLei88', 'wechat lilei88'],
    ['12', '12'],
    ['', null],
    ['   ', null],
    ['[redacted]', null],
    [null, null],
  ])('%j → %j', (contact, key) => {
    expect(contactKey(contact)).toBe(key);
  });
});

describe('requesterKey', () => {
  it.each([
    ['李雷', '李雷'],
    [' 李 雷 ', '李雷'],
    ['Li Lei', 'lilei'],
    ['LI  LEI', 'lilei'],
    ['Ｌｉ Ｌｅｉ', 'lilei'],
    ['[redacted]', null],
    ['', null],
    [null, null],
  ])('%j → %j', (requester, key) => {
    expect(requesterKey(requester)).toBe(key);
  });
});

describe('readCallerLookup', () => {
  it.each([
    ['13812345678', { by: 'contact', key: '13812345678' }],
    ['+86 138-1234-5678', { by: 'contact', key: '13812345678' }],
    ['Li.Lei@example.com', { by: 'contact', key: 'li.lei@example.com' }],
    ['李雷', { by: 'requester', key: '李雷' }],
    ['Zhang San', { by: 'requester', key: 'zhangsan' }],
    ['王先生 2', { by: 'requester', key: '王先生2' }],
    [' ', null],
  ])('%j → %j', (text, lookup) => {
    expect(readCallerLookup(text)).toEqual(lookup);
  });
});

describe('callerOfTicket', () => {
  it.each([
    [{ requester: '李雷', contact: '138 1234 5678' }, { by: 'contact', key: '13812345678' }],
    [{ requester: '李雷', contact: null }, { by: 'requester', key: '李雷' }],
    [{ requester: null, contact: null }, null],
    [{ requester: '[redacted]', contact: '[redacted]' }, null],
  ])('%j → %j', (ticket, lookup) => {
    expect(callerOfTicket(ticket)).toEqual(lookup);
  });
});
