// Stands for the PostgreSQL run of the command and end-to-end tests when no server answers.
import { it } from 'vitest';
import { describeWith, POSTGRES } from './system-programs.js';

describeWith(POSTGRES, 'the command and end-to-end tests on PostgreSQL', () => {
  it('run against a server when one answers', () => {});
});
