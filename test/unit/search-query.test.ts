import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { fieldsMatching, findTerms, ftsString, highlightTerms, parseSearchText, snippetAround, trigrams } from '../../src/search/query.js';
import { thrown } from './thrown.js';

const words = (text: string) => parseSearchText(text).map((t) => [t.text, t.length]);

describe('parseSearchText', () => {
  it.each([
    { text: '打印机', terms: [['打印机', 3]] },
    { text: '  打印机   卡纸 ', terms: [['打印机', 3], ['卡纸', 2]] },
    { text: 'VPN Certificate', terms: [['vpn', 3], ['certificate', 11]] },
    { text: '"paper jam" printer', terms: [['paper jam', 9], ['printer', 7]] },
    { text: '"  blue   screen "', terms: [['blue screen', 11]] },
    { text: '打印 打印机 打印机', terms: [['打印机', 3]] }, // a term inside another adds nothing
    { text: 'OA 网', terms: [['oa', 2], ['网', 1]] },
    { text: '𠀋𠀋', terms: [['𠀋𠀋', 2]] }, // characters, not UTF-16 units
  ])('reads "$text"', ({ text, terms }) => {
    expect(words(text)).toEqual(terms);
  });

  it('refuses an empty query', () => {
    const error = thrown(() => parseSearchText(' "" '));
    expect([error.constructor, error.message]).toEqual([UsageError, 'the search query is empty']);
  });
});

describe('trigrams and FTS strings', () => {
  it('cuts text into lower-case runs of three characters, as the trigram tokenizer does', () => {
    expect(trigrams('打印机卡纸')).toEqual(['打印机', '印机卡', '机卡纸']);
    expect(trigrams('VPN ok')).toEqual(['vpn', 'pn ', 'n o', ' ok']);
    expect(trigrams('ab')).toEqual([]);
  });

  it('quotes a term as one FTS5 string', () => {
    expect(ftsString('say "hi"')).toBe('"say ""hi"""');
  });
});

describe('matches in text', () => {
  const terms = parseSearchText('打印机 jam');

  it('finds every occurrence, ignoring case, merging overlaps', () => {
    expect(findTerms('Printer JAM: 打印机卡纸, jammed 打印机', terms)).toEqual([[8, 11], [13, 16], [20, 23], [27, 30]]);
    expect(findTerms('a.b*c', parseSearchText('.b*'))).toEqual([[1, 4]]); // no regular expression leaks through
  });

  it('highlights the matches', () => {
    expect(highlightTerms('3楼打印机卡纸 JAM', terms, (t) => `[${t}]`)).toBe('3楼[打印机]卡纸 [JAM]');
  });

  it('quotes a long text from a little before its first match', () => {
    expect(snippetAround('您好，今天早上开始我们部门的打印机一直卡纸', parseSearchText('卡纸'), 4)).toBe('…印机一直卡纸');
    expect(snippetAround('short 卡纸', parseSearchText('卡纸'), 12)).toBe('short 卡纸');
  });

  it('names the fields a term occurs in', () => {
    expect(fieldsMatching({ title: 'VPN down', description: null, solution: 'renewed the vpn cert', notes: 'called' }, parseSearchText('vpn'))).toEqual(['title', 'solution']);
  });
});
