import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { checkEnum, TeamDirectory } from '../../src/domain/vocabulary.js';
import { thrown } from './thrown.js';

describe('checkEnum', () => {
  const channels = ['phone', 'email', 'web', 'onsite'];

  it.each([['phone', 'phone'], [' Phone ', 'phone'], ['EMAIL', 'email'], ['\tweb\n', 'web']])('accepts "%s" as %s', (value, normalised) => {
    expect(checkEnum(value, channels, '--channel')).toBe(normalised);
  });

  it.each(['fax', '', 'phones', 'on site'])('refuses "%s", listing the accepted values', (value) => {
    const error = thrown(() => checkEnum(value, channels, '--channel'));
    expect([error.constructor, error.message, error.hint]).toEqual([UsageError, `--channel: unknown value "${value}"`, 'accepted: phone, email, web, onsite']);
  });
});

describe('TeamDirectory', () => {
  const teams = new TeamDirectory([
    { key: 'service-desk', name: 'Service desk', supervisor: 'chen', members: ['li', 'wang'] },
    { key: 'desktop', name: 'Desktop support', supervisor: 'zhao', members: ['sun', 'zhou', 'chen'] },
    { key: 'night', name: 'Night shift', supervisor: null, members: [] },
  ]);
  const none = new TeamDirectory([]);

  it('lists the agents: supervisors and members, once each', () => {
    expect(teams.configured).toBe(true);
    expect(teams.agents()).toEqual(['chen', 'li', 'wang', 'zhao', 'sun', 'zhou']);
  });

  it.each([
    { check: () => teams.checkTeam('hr', '--team'), message: '--team: unknown team "hr"', hint: 'teams: service-desk, desktop, night' },
    { check: () => teams.checkAgent('bob', '--to'), message: '--to: unknown agent "bob"', hint: 'agents: chen, li, wang, zhao, sun, zhou' },
  ])('refuses $message', ({ check, message, hint }) => {
    const error = thrown(check);
    expect([error.constructor, error.message, error.hint]).toEqual([UsageError, message, hint]);
  });

  it('accepts known names, and any name when no teams are configured', () => {
    expect([teams.checkTeam('night', '--team'), teams.checkAgent('zhao', '--to')]).toEqual(['night', 'zhao']);
    expect(none.configured).toBe(false);
    expect([none.checkTeam('hr', '--team'), none.checkAgent('bob', '--to')]).toEqual(['hr', 'bob']);
  });

  it.each([
    ['sun', 'desktop'],
    ['li', 'service-desk'],
    ['zhao', 'desktop'], // a supervisor belongs to the team they supervise
    ['chen', 'desktop'], // membership wins over supervising another team
    ['bob', null],
  ] as const)('teamOf(%s) is %s', (agent, team) => {
    expect(teams.teamOf(agent)).toBe(team);
  });

  it.each([
    ['sun', 'desktop', true],
    ['zhao', 'desktop', true],
    ['chen', 'service-desk', true],
    ['sun', 'service-desk', false],
    ['zhao', 'night', false],
  ] as const)('isMember(%s, %s) is %s', (agent, team, member) => {
    expect(teams.isMember(agent, team)).toBe(member);
  });

  it('counts everyone a member when no teams are configured', () => {
    expect(none.isMember('bob', 'hr')).toBe(true);
  });
});
