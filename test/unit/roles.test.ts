import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { checkRoleName, groupRole } from '../../src/domain/roles.js';
import { thrown } from './thrown.js';

describe('checkRoleName', () => {
  it.each(['chen', 'wang.fang', 'li_lei', 'zhao-2', 'a', `a${'b'.repeat(62)}`])('accepts %s', (name) => {
    expect(checkRoleName(name)).toBe(name);
  });

  it.each(['Chen', '2chen', '_chen', 'wang fang', '王芳', 'chen;drop', '', `a${'b'.repeat(63)}`])('refuses "%s", saying what a name is', (name) => {
    const error = thrown(() => checkRoleName(name));
    expect([error.constructor, error.message, error.hint]).toEqual([
      UsageError,
      `role name "${name}": use lower-case letters, digits, _, . and -, starting with a letter, at most 63`,
      'e.g. desk roles add wang.fang --as operator',
    ]);
  });

  it.each(['desk_operator', 'desk_supervisor', 'desk_auditor', 'pg_monitor'])('refuses %s, a role of the desk or the server', (name) => {
    expect(thrown(() => checkRoleName(name)).message).toBe(`role name "${name}" is the server's or the desk's own`);
  });
});

describe('groupRole', () => {
  it('names the group roles as the server knows them', () => {
    expect([groupRole('operator'), groupRole('supervisor'), groupRole('auditor')]).toEqual(['desk_operator', 'desk_supervisor', 'desk_auditor']);
  });
});
