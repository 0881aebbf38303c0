// The search row PostgreSQL keeps of a ticket (src/store/postgres/search.ts): what a bulk writer
// (import) stores beside each ticket, so it must be the store's own reading of title,
// description, solution and notes.
import { describe, expect, it } from 'vitest';
import { bigramsOf, searchColumns } from '../../src/store/postgres/search.js';

describe('bigramsOf', () => {
  it.each([
    { texts: ['打印机卡纸'], bigrams: ['打印', '印机', '机卡', '卡纸'] }, // in the order met
    { texts: ['VPN down'], bigrams: ['vp', 'pn', 'do', 'ow', 'wn'] }, // lower case, none across the space
    { texts: ['卡纸', '卡纸了'], bigrams: ['卡纸', '纸了'] }, // each once
    { texts: ['纸', '卡'], bigrams: [] }, // none across two texts
    { texts: ['𠀋𠀋'], bigrams: ['𠀋𠀋'] }, // characters, not UTF-16 units
    { texts: ['a\tb\nc'], bigrams: [] },
    { texts: ['ab\u3000cd\u00a0ef'], bigrams: ['ab', 'cd', 'ef'] }, // JavaScript's white space, not only ASCII's
  ])('reads $texts', ({ texts, bigrams }) => {
    expect(bigramsOf(texts)).toEqual(bigrams);
  });
});

describe('searchColumns', () => {
  it('keeps the texts apart, the notes one per line, and the bigrams of all of them space-separated', () => {
    expect(searchColumns({ title: '网络很慢', description: null, solution: '换端口', notes: ['交换机', 'OK'] })).toEqual({
      title: '网络很慢',
      description: '',
      solution: '换端口',
      notes: '交换机\nOK',
      bigrams: '网络 络很 很慢 换端 端口 交换 换机 ok',
    });
  });
});
