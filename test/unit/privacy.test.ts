import { describe, expect, it } from 'vitest';
import { maskContact } from '../../src/domain/privacy.js';

describe('maskContact', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['010-1234567', '010****4567'],
    ['alice@example.com', 'a***@example.com'],
    ['a@b.cn', 'a***@b.cn'],
    ['12345', '1***5'],
    ['abc', 'a*c'],
    ['ab', '**'],
    ['张三', '**'],
    ['x', '*'],
    ['', ''],
    [null, null],
  ] as const)('masks %j as %j', (contact, masked) => {
    expect(maskContact(contact)).toBe(masked);
  });
});
