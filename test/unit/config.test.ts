import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { DeskFileSchema, loadDeskSettings, loadTeams, TeamsFileSchema } from '../../src/config/settings.js';
import { ConfigError, loadYamlFile } from '../../src/config/yaml-file.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'config');
const root = mkdtempSync(join(tmpdir(), 'desk-unit-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dirs = 0;
/** A fresh directory under the temp root holding `files`; returns its path. */
function configDir(files: Record<string, string>): string {
  const dir = join(root, `case-${++dirs}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError, got none');
}

function loadDesk(text: string): ConfigError {
  const dir = configDir({ 'desk.yaml': text });
  return configError(() => loadYamlFile(join(dir, 'desk.yaml'), DeskFileSchema, dir));
}

describe('loadYamlFile reports problems as file:line:column', () => {
  it.each([
    {
      case: 'an unknown top-level key, at the key',
      text: 'timezone: Asia/Shanghai\ncolour: blue\n',
      report: 'desk.yaml:2:1: colour: unknown key "colour"',
    },
    {
      case: 'an unknown nested key, at the key',
      text: 'timezone: UTC\nnumbering:\n  prefix: SD\n  width: 3\n',
      report: 'desk.yaml:4:3: numbering.width: unknown key "width"',
    },
    {
      case: 'a value breaking a rule, inside a flow sequence',
      text: 'timezone: UTC\nchannels: [phone, Email]\n',
      report: 'desk.yaml:2:19: channels.1: use lower-case letters, digits, - and _',
    },
  ])('$case', ({ text, report }) => {
    const error = loadDesk(text);
    expect(error.message).toBe(report);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.hint).toBe('fix the file and run `desk rules check`');
  });

  it.each([
    { case: 'a word where a number belongs', text: 'timezone: UTC\nnumbering:\n  prefix: SD\n  digits: five\n', at: 'desk.yaml:4:11: numbering.digits: ', expected: 'number' },
    { case: 'a quoted number', text: 'numbering: { digits: "5" }\n', at: 'desk.yaml:1:22: numbering.digits: ', expected: 'number' },
    { case: 'a word where a boolean belongs', text: 'timezone: UTC\nauto: maybe\n', at: 'desk.yaml:2:7: auto: ', expected: 'boolean' },
    { case: 'a list where a map belongs', text: '- timezone\n', at: 'desk.yaml:1:1: ', expected: 'object' },
  ])('a wrong type: $case, at the value', ({ text, at, expected }) => {
    const { message } = loadDesk(text);
    expect(message.startsWith(at)).toBe(true);
    expect(message).toContain(`expected ${expected}`);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('reports every problem of a file at once', () => {
    const error = loadDesk('colour: blue\nnumbering:\n  digits: "5"\n  width: 3\nchannels: [phone, Email]\nauto: maybe\n');
    const found = [...error.problems].sort((a, b) => a.line - b.line).map((p) => [p.file, p.line, p.column, p.message.split(':')[0]]);
    expect(found).toEqual([
      ['desk.yaml', 1, 1, 'colour'],
      ['desk.yaml', 3, 11, 'numbering.digits'],
      ['desk.yaml', 4, 3, 'numbering.width'],
      ['desk.yaml', 5, 19, 'channels.1'],
      ['desk.yaml', 6, 7, 'auto'],
    ]);
    expect(error.message.split('\n')).toHaveLength(5);
  });

  it.each([
    { case: 'a duplicate key', text: 'numbering:\n  prefix: SD\n  prefix: XY\n', report: 'desk.yaml:3:3: Map keys must be unique' },
    { case: 'a tab as indentation', text: 'timezone: UTC\nnumbering:\n\tprefix: SD\n', report: 'desk.yaml:3:1: Tabs are not allowed as indentation' },
    { case: 'a stray closing bracket', text: 'timezone: UTC\nchannels: [phone, email]]\n', report: 'desk.yaml:2:25: Unexpected flow-seq-end token in YAML stream: "]"' },
    { case: 'a misaligned key', text: 'numbering:\n  prefix: SD\n digits: 5\n', report: 'desk.yaml:3:1: All mapping items must start at the same column' },
  ])('a YAML syntax error: $case', ({ text, report }) => {
    const error = loadDesk(text);
    expect(error.message).toBe(report);
    expect(error.problems).toMatchObject([{ file: 'desk.yaml' }]);
  });

  it('reads a valid file, and an empty one as no settings', () => {
    const dir = configDir({ 'a.yaml': 'timezone: Europe/Paris\nnumbering: { prefix: HD, digits: 4 }\nauto: true\n', 'b.yaml': '# nothing yet\n' });
    expect(loadYamlFile(join(dir, 'a.yaml'), DeskFileSchema, dir)).toEqual({ timezone: 'Europe/Paris', numbering: { prefix: 'HD', digits: 4 }, auto: true });
    expect(loadYamlFile(join(dir, 'b.yaml'), DeskFileSchema, dir)).toEqual({});
  });

  it('checks teams files the same way', () => {
    const dir = configDir({ 'teams.yaml': 'teams:\n  desktop:\n    name: Desktop\n    lead: zhao\n    members: sun\n' });
    const error = configError(() => loadYamlFile(join(dir, 'teams.yaml'), TeamsFileSchema, dir));
    const found = [...error.problems].sort((a, b) => a.line - b.line).map((p) => [p.line, p.column, p.message.split(':')[0]]);
    expect(found).toEqual([[4, 5, 'teams.desktop.lead'], [5, 14, 'teams.desktop.members']]);
  });

  it('points a badly named team key at the key, with the naming rule', () => {
    const dir = configDir({ 'teams.yaml': 'teams:\n  desktop: { members: [sun] }\n  Bad: { members: [a] }\n' });
    const error = configError(() => loadYamlFile(join(dir, 'teams.yaml'), TeamsFileSchema, dir));
    expect(error.problems).toEqual([{ file: 'teams.yaml', line: 3, column: 3, message: 'teams.Bad: team keys use lower-case letters, digits, - and _' }]);
  });
});

describe('loadDeskSettings', () => {
  const defaultVocabulary = {
    channels: ['phone', 'email', 'web', 'onsite'],
    types: ['consultation', 'fault', 'request', 'complaint', 'suggestion'],
    impacts: ['single', 'department', 'company'],
    urgencies: ['normal', 'urgent', 'critical'],
    labels: expect.any(Object),
  };
  const builtInLabels = { 满意: 5, 基本满意: 4, 不满意: 1, satisfied: 5, 'fairly satisfied': 4, dissatisfied: 1 };

  it('reads the example config/desk.yaml', () => {
    expect(loadDeskSettings(EXAMPLES, join(import.meta.dirname, '..', '..'), 'Europe/Paris')).toEqual({
      timezone: 'Asia/Shanghai', numbering: { prefix: 'SD', digits: 5 }, vocabulary: defaultVocabulary, language: null, teamNames: expect.objectContaining({ desktop: { en: 'Desktop support', zh: '桌面支持' } }), auto: false, currency: 'CNY', limits: { title: 500, text: 65536 }, satisfactionLabels: builtInLabels, repeatCallWindow: 604_800_000,
    });
  });

  it.each([
    { case: 'no config directory', dir: () => null },
    { case: 'a directory without desk.yaml', dir: () => configDir({}) },
  ])('falls back to defaults and the system zone with $case', ({ dir }) => {
    expect(loadDeskSettings(dir(), root, 'Europe/Paris')).toEqual({
      timezone: 'Europe/Paris', numbering: { prefix: 'SD', digits: 5 }, vocabulary: defaultVocabulary, language: null, teamNames: {}, auto: false, currency: 'CNY', limits: { title: 500, text: 65536 }, satisfactionLabels: builtInLabels, repeatCallWindow: 604_800_000,
    });
  });

  it('lays a partial file over the defaults', () => {
    const dir = configDir({ 'desk.yaml': 'numbering:\n  prefix: HD\ntypes: [fault, request]\nauto: true\nlimits: { text: 4000 }\n' });
    expect(loadDeskSettings(dir, root, 'UTC')).toEqual({
      timezone: 'UTC', numbering: { prefix: 'HD', digits: 5 }, vocabulary: { ...defaultVocabulary, types: ['fault', 'request'] }, language: null, teamNames: {}, auto: true, currency: 'CNY', limits: { title: 500, text: 4000 }, satisfactionLabels: builtInLabels, repeatCallWindow: 604_800_000,
    });
  });

  it('reads labels that relabel a built-in value and add new ones, and the language', () => {
    const dir = configDir({ 'desk.yaml': 'language: zh\nchannels: { phone: 座机, letter: 来信, fax: { en: Fax } }\nurgencies: { critical: 十万火急 }\n' });
    const settings = loadDeskSettings(dir, root, 'UTC');
    expect(settings.language).toBe('zh');
    expect(settings.vocabulary.channels).toEqual(['phone', 'email', 'web', 'onsite', 'letter', 'fax']);
    expect(settings.vocabulary.labels.channel).toEqual({
      phone: { en: '座机', zh: '座机' }, email: { en: 'email', zh: '邮件' }, web: { en: 'web', zh: '网页' }, onsite: { en: 'onsite', zh: '现场' },
      letter: { en: '来信', zh: '来信' }, fax: { en: 'Fax', zh: 'fax' },
    });
    expect(settings.vocabulary.labels.urgency.critical).toEqual({ en: '十万火急', zh: '十万火急' });
  });

  it('lays satisfaction labels over the built-in ones: a label given again, in any case, takes its new score', () => {
    const dir = configDir({ 'desk.yaml': 'satisfaction:\n  非常满意: 5\n  满意: 4\n  一般: 3\n  Satisfied: 4\n' });
    expect(loadDeskSettings(dir, root, 'UTC').satisfactionLabels).toEqual({
      基本满意: 4, 不满意: 1, 'fairly satisfied': 4, dissatisfied: 1, 非常满意: 5, 满意: 4, 一般: 3, Satisfied: 4,
    });
  });

  it('refuses a satisfaction score off the scale and a label that is a number, each at its line', () => {
    const dir = configDir({ 'desk.yaml': 'satisfaction:\n  满意: 6\n  "3": 3\n' });
    const error = configError(() => loadDeskSettings(dir, root, 'UTC'));
    expect([...error.problems].sort((a, b) => a.line - b.line).map((p) => [p.line, p.column, p.message])).toEqual([
      [2, 7, expect.stringMatching(/^satisfaction\.满意: /)],
      [3, 3, 'satisfaction.3: a label is a word: the numbers 1 to 5 are accepted as they are'],
    ]);
  });

  it('refuses a label for a status that does not exist, at its line', () => {
    const dir = configDir({ 'desk.yaml': 'statuses:\n  waiting: 等待\n' });
    expect(configError(() => loadDeskSettings(dir, root, 'UTC')).message).toMatch(/desk\.yaml:2:3: statuses\.waiting: not one of new, dispatched/);
  });

  it('names the file relative to the working directory', () => {
    const dir = configDir({});
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'config', 'desk.yaml'), 'timezone: UTC\nnumbering:\n  prefix: sd\n');
    expect(configError(() => loadDeskSettings(join(dir, 'config'), dir, 'UTC')).message).toBe(
      'config/desk.yaml:3:11: numbering.prefix: a prefix is 1–10 upper-case letters or digits, starting with a letter',
    );
  });
});

describe('loadTeams', () => {
  it('reads the example config/teams.yaml', () => {
    const teams = loadTeams(EXAMPLES, join(import.meta.dirname, '..', '..'));
    expect(teams.teams()).toEqual([
      { key: 'service-desk', name: 'Service desk', label: { en: 'Service desk', zh: '服务台' }, supervisor: 'chen', members: ['li', 'wang'] },
      { key: 'desktop', name: 'Desktop support', label: { en: 'Desktop support', zh: '桌面支持' }, supervisor: 'zhao', members: ['sun', 'zhou'] },
      { key: 'network', name: 'Network', label: { en: 'Network', zh: '网络' }, supervisor: 'qian', members: ['wu', 'zheng'] },
      { key: 'applications', name: 'Business applications', label: { en: 'Business applications', zh: '业务系统' }, supervisor: 'feng', members: ['chu', 'wei', 'jiang'] },
      { key: 'facilities', name: 'Facilities', label: { en: 'Facilities', zh: '后勤' }, supervisor: 'han', members: ['yang', 'zhu'] },
      { key: 'complaints', name: 'Complaints', label: { en: 'Complaints', zh: '投诉处理' }, supervisor: 'chen', members: ['lin', 'he'] },
    ]);
    expect([teams.teamOf('jiang'), teams.teamOf('han'), teams.isMember('wu', 'desktop')]).toEqual(['applications', 'facilities', false]);
  });

  it('fills a missing name with the key and missing members with none', () => {
    const dir = configDir({ 'teams.yaml': 'teams:\n  night: { supervisor: chen }\n' });
    expect(loadTeams(dir, root).teams()).toEqual([{ key: 'night', name: 'night', label: { en: 'night', zh: 'night' }, supervisor: 'chen', members: [] }]);
  });

  it('is an empty directory, accepting any name, when there is no teams.yaml', () => {
    expect(loadTeams(configDir({}), root).configured).toBe(false);
    expect(loadTeams(null, root).configured).toBe(false);
  });
});
