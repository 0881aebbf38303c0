import { describe, expect, it } from 'vitest';
import { teamsOf } from '../../src/domain/queue.js';
import { TeamDirectory } from '../../src/domain/vocabulary.js';

describe('teamsOf', () => {
  const directory = new TeamDirectory([
    { key: 'desktop', name: 'Desktop', supervisor: 'zhao', members: ['sun', 'zhou'] },
    { key: 'network', name: 'Network', supervisor: 'qian', members: ['sun', 'wu'] },
  ]);
  it('finds the teams an operator works in, or none (the whole desk)', () => {
    expect(teamsOf('sun', directory)).toEqual(['desktop', 'network']);
    expect(teamsOf('zhao', directory)).toEqual(['desktop']);
    expect(teamsOf('nobody', directory)).toBeNull();
  });
});
