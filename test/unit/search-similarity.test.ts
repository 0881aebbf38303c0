import { describe, expect, it } from 'vitest';
import { ageFactor, isWordGram, probeFor, problemGrams, queryGrams, similarityScore, type Comparable } from '../../src/search/similarity.js';

const HOUR = 3_600_000;
const ticket = (title: string, description: string | null, more: Partial<Comparable> = {}): Comparable => ({
  title, description, created_at: 1000 * HOUR, department: '财务部', category: 'hardware/printer', ...more,
});

/** Frequencies as if the desk had `total` tickets and these trigrams were rare or common. */
function frequencies(of: Comparable, common: readonly string[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const gram of problemGrams(of)) if (isWordGram(gram)) df.set(gram, common.some((c) => c.includes(gram) || gram.includes(c)) ? 40_000 : 30);
  return df;
}

describe('similarity of problems', () => {
  const probeTicket = ticket('3楼打印机卡纸，请尽快处理', '您好，3楼的HP LaserJet M428打印时提示卡纸。');
  const df = frequencies(probeTicket, ['请尽快', '尽快处', '快处理', '您好']);
  const probe = probeFor(probeTicket, df, 1_000_000);

  it('takes the trigrams of title and description; only letters and digits are worth a lookup', () => {
    expect(problemGrams({ title: 'VPN ok', description: null })).toEqual(new Set(['vpn', 'n o'])); // not the runs that start or end in a space
    expect(['打印机', 'm42', '卡纸，', 'n o'].map(isWordGram)).toEqual([true, true, false, false]);
  });

  it('asks the index for the rarest trigrams another ticket also has', () => {
    const grams = queryGrams(probe, new Map([['打印机', 5000], ['m42', 12], ['卡纸', 1], ['快处理', 90000], ['428', 40]]));
    expect(grams).toEqual(['m42', '428', '打印机', '快处理']); // 卡纸 (only this ticket) cannot find another
  });

  it('ranks the same problem above a different one, whatever the polite words', () => {
    const twin = ticket('3楼打印机卡纸，无法打印', '3楼的HP LaserJet M428打印时提示卡纸。谢谢！', { created_at: 999 * HOUR });
    const otherModel = ticket('3楼打印机卡纸，请尽快处理', '您好，3楼的Canon iR-ADV C3530打印时提示卡纸。', { created_at: 999 * HOUR });
    const vpn = ticket('VPN无法连接，请尽快处理', '您好，VPN连接提示证书错误。', { created_at: 999 * HOUR, category: 'network/vpn' });
    const scores = [twin, otherModel, vpn].map((t) => similarityScore(probe, t));
    expect(scores[0]).toBeGreaterThan(scores[1]!);
    expect(scores[1]).toBeGreaterThan(scores[2]!);
  });

  it('prefers the same department, and recent tickets over old ones', () => {
    const same = ticket(probeTicket.title, probeTicket.description);
    expect(similarityScore(probe, same)).toBeGreaterThan(similarityScore(probe, { ...same, department: '销售部' }));
    expect(similarityScore(probe, { ...same, created_at: 990 * HOUR })).toBeGreaterThan(similarityScore(probe, { ...same, created_at: 10 * HOUR }));
    expect(ageFactor(0, 0)).toBe(1);
    expect(ageFactor(0, 24 * HOUR)).toBeCloseTo(1 / (1 + 0.2 * Math.log(25)), 10);
  });
});
