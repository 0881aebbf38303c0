import { describe, expect, it } from 'vitest';
import { KeywordMatcher } from '../../src/rules/keyword-matcher.js';

/** The keywords of `keywords` that occur in `text`, in the order they were added. */
function findIn(keywords: string[], text: string): string[] {
  const matcher = new KeywordMatcher();
  const ids = keywords.map((k) => matcher.add(k));
  matcher.compile();
  const found = matcher.find(text);
  return keywords.filter((_, i) => found.has(ids[i]!));
}

describe('KeywordMatcher finds every keyword in one pass', () => {
  it.each([
    { case: 'the classic he/she/hers overlap', keywords: ['he', 'she', 'his', 'hers'], text: 'ushers', found: ['he', 'she', 'hers'] },
    { case: 'a Chinese keyword inside a longer one', keywords: ['打印', '打印机', '卡纸'], text: '三楼打印机卡纸了', found: ['打印', '打印机', '卡纸'] },
    { case: 'the shorter keyword without the longer', keywords: ['打印', '打印机'], text: '无法打印文件', found: ['打印'] },
    { case: 'overlapping Chinese keywords sharing characters', keywords: ['无法登录', '登录', '法登'], text: '我无法登录系统', found: ['无法登录', '登录', '法登'] },
    { case: 'a partial match that falls back to another branch', keywords: ['abcd', 'bcx'], text: 'abcx', found: ['bcx'] },
    { case: 'a repeated first character', keywords: ['ab'], text: 'aab', found: ['ab'] },
    { case: 'upper-case text, lower-case keyword', keywords: ['printer'], text: 'PRINTER JAM', found: ['printer'] },
    { case: 'upper-case keyword, lower-case text', keywords: ['VPN', 'Outlook'], text: 'vpn down, outlook slow', found: ['VPN', 'Outlook'] },
    { case: 'English inside Chinese without spaces', keywords: ['vpn', '连不上'], text: '家里VPN连不上', found: ['vpn', '连不上'] },
    { case: 'a substring of a longer English word', keywords: ['mail'], text: 'E-mail bounced; email too', found: ['mail'] },
    { case: 'nothing present', keywords: ['打印机', 'printer'], text: '邮箱满了', found: [] },
    { case: 'empty text', keywords: ['打印机'], text: '', found: [] },
  ])('$case', ({ keywords, text, found }) => {
    expect(findIn(keywords, text)).toEqual(found);
  });

  it('gives one id to a keyword added twice in different case', () => {
    const matcher = new KeywordMatcher();
    const first = matcher.add('Printer');
    expect(matcher.add('printer')).toBe(first);
    expect(matcher.add('PRINTER')).toBe(first);
    expect(matcher.add('scanner')).not.toBe(first);
  });

  it('finds nothing when no keyword was added', () => {
    expect(new KeywordMatcher().compile().find('printer').size).toBe(0);
  });
});
