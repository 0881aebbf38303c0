import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/yaml-file.js';
import { UsageError } from '../../src/domain/errors.js';
import { DEFAULT_VOCABULARY, TeamDirectory } from '../../src/domain/vocabulary.js';
import { loadRoutingFile } from '../../src/rules/load.js';
import { RoutingFileSchema } from '../../src/rules/schema.js';
import { checkRouting } from '../../src/rules/validate.js';

const TEAMS = new TeamDirectory([
  { key: 'service-desk', name: 'Service desk', supervisor: 'chen', members: ['li', 'wang'] },
  { key: 'desktop', name: 'Desktop support', supervisor: 'zhao', members: ['sun', 'zhou'] },
  { key: 'network', name: 'Network', supervisor: 'qian', members: ['wu', 'zheng'] },
]);
const TYPES = 'consultation, fault, request, complaint, suggestion';

function check(file: unknown, teams = TEAMS) {
  return checkRouting(RoutingFileSchema.parse(file), teams, DEFAULT_VOCABULARY);
}

describe('checkRouting', () => {
  it('accepts the example of DESIGN.md', () => {
    expect(check({
      classify: [
        { name: 'printer', when: { keywords: ['打印机', 'printer', '卡纸'] }, set: { type: 'fault', category: 'hardware/printer' } },
        { name: 'outage', when: { regex: '(全部|所有人|everyone).*(无法|cannot|down)' }, set: { urgency: 'critical' } },
      ],
      dispatch: [
        { name: 'hardware', when: { category: 'hardware/*' }, team: 'desktop', assign: 'round-robin' },
        { name: 'fallback', team: 'service-desk' },
      ],
    })).toEqual([]);
  });

  it.each([
    {
      case: 'a duplicate rule name',
      file: { classify: [{ name: 'printer', set: { type: 'fault' }, when: { keywords: ['a'] } }, { name: 'outage', when: { urgency: 'critical' }, set: { impact: 'company' } }, { name: 'printer', when: { keywords: ['b'] }, set: { type: 'fault' } }] },
      issues: [{ path: ['classify', 2, 'name'], message: 'duplicate rule name "printer" (also rule 1 of classify)' }],
    },
    {
      case: 'an unknown type set, with a suggestion',
      file: { classify: [{ name: 'r', set: { type: 'falut' } }] },
      issues: [{ path: ['classify', 0, 'set', 'type'], message: `unknown type "falut" (did you mean "fault"?); accepted: ${TYPES}` }],
    },
    {
      case: 'an unknown urgency set',
      file: { classify: [{ name: 'r', set: { urgency: 'urgnet' } }] },
      issues: [{ path: ['classify', 0, 'set', 'urgency'], message: 'unknown urgency "urgnet" (did you mean "urgent"?); accepted: normal, urgent, critical' }],
    },
    {
      case: 'an unknown type tested',
      file: { classify: [{ name: 'r', when: { type: 'complain' }, set: { urgency: 'urgent' } }] },
      issues: [{ path: ['classify', 0, 'when', 'type'], message: `unknown type "complain" (did you mean "complaint"?); accepted: ${TYPES}` }],
    },
    {
      case: 'an unknown channel in a list, without a close guess',
      file: { dispatch: [{ name: 'r', when: { channel: ['phone', 'wechat'] }, team: 'desktop' }] },
      issues: [{ path: ['dispatch', 0, 'when', 'channel', 1], message: 'unknown channel "wechat"; accepted: phone, email, web, onsite' }],
    },
    {
      case: 'a bad regular expression',
      file: { classify: [{ name: 'r', when: { regex: '(unclosed' }, set: { urgency: 'critical' } }] },
      issues: [{ path: ['classify', 0, 'when', 'regex'], message: 'bad regular expression: Invalid regular expression: /(unclosed/i: Unterminated group' }],
    },
    {
      case: 'an unknown team',
      file: { dispatch: [{ name: 'r', team: 'dsktop' }] },
      issues: [{ path: ['dispatch', 0, 'team'], message: 'unknown team "dsktop" (did you mean "desktop"?); accepted: service-desk, desktop, network' }],
    },
    {
      case: 'an unknown collaborating team',
      file: { dispatch: [{ name: 'r', team: 'desktop', with: ['network', 'netwrk'] }] },
      issues: [{ path: ['dispatch', 0, 'with', 1], message: 'unknown team "netwrk" (did you mean "network"?); accepted: service-desk, desktop, network' }],
    },
    {
      case: 'an agent of another team',
      file: { dispatch: [{ name: 'r', team: 'desktop', assign: 'li' }] },
      issues: [{ path: ['dispatch', 0, 'assign'], message: 'unknown agent of team desktop "li"; accepted: round-robin, least-loaded, sun, zhou, zhao' }],
    },
    {
      case: 'a mistyped strategy',
      file: { dispatch: [{ name: 'r', team: 'desktop', assign: 'round-robn' }] },
      issues: [{ path: ['dispatch', 0, 'assign'], message: 'unknown agent of team desktop "round-robn" (did you mean "round-robin"?); accepted: round-robin, least-loaded, sun, zhou, zhao' }],
    },
    {
      case: 'an unknown agent with no team',
      file: { dispatch: [{ name: 'r', assign: 'zhang' }] },
      issues: [{ path: ['dispatch', 0, 'assign'], message: 'unknown agent "zhang" (did you mean "zheng"?); accepted: round-robin, least-loaded, chen, li, wang, zhao, sun, zhou, qian, wu, zheng' }],
    },
    {
      case: 'a dispatch rule that decides nothing',
      file: { dispatch: [{ name: 'noop', when: { type: 'fault' } }] },
      issues: [{ path: ['dispatch', 0, 'name'], message: 'rule "noop" decides nothing', at: 'key' }],
    },
    {
      case: 'a classify rule after a catch-all deciding the same field',
      file: { classify: [{ name: 'default', set: { type: 'request' } }, { name: 'printer', when: { keywords: ['printer'] }, set: { type: 'fault' } }] },
      issues: [{ path: ['classify', 1, 'name'], message: 'rule "printer" is unreachable: catch-all rule "default" before it already decides type' }],
    },
    {
      case: 'an empty when is a catch-all too',
      file: { classify: [{ name: 'default', when: {}, set: { type: 'request', urgency: 'normal' } }, { name: 'late', when: { channel: 'phone' }, set: { urgency: 'urgent', type: 'fault' } }] },
      issues: [{ path: ['classify', 1, 'name'], message: 'rule "late" is unreachable: catch-all rule "default" before it already decides type, urgency' }],
    },
    {
      case: 'every rule after a catch-all that stops',
      file: { classify: [{ name: 'everything', set: { impact: 'single' }, stop: true }, { name: 'printer', when: { keywords: ['printer'] }, set: { type: 'fault' } }] },
      issues: [{ path: ['classify', 1, 'name'], message: 'rule "printer" is unreachable: catch-all rule "everything" before it stops every evaluation' }],
    },
    {
      case: 'a dispatch rule after the fallback team',
      file: { dispatch: [{ name: 'fallback', team: 'service-desk' }, { name: 'hardware', when: { category: 'hardware/*' }, team: 'desktop' }] },
      issues: [{ path: ['dispatch', 1, 'name'], message: 'rule "hardware" is unreachable: catch-all rule "fallback" before it already decides team' }],
    },
  ])('reports $case', ({ file, issues }) => {
    expect(check(file)).toEqual(issues);
  });

  it.each([
    { case: 'a rule deciding a field the catch-all leaves open', classify: [{ name: 'default', set: { type: 'request' } }, { name: 'outage', when: { regex: 'down' }, set: { type: 'fault', urgency: 'critical' } }] },
    { case: 'a rule before the catch-all', classify: [{ name: 'printer', when: { keywords: ['printer'] }, set: { type: 'fault' } }, { name: 'default', set: { type: 'request' } }] },
  ])('accepts $case', ({ classify }) => {
    expect(check({ classify })).toEqual([]);
  });

  it('accepts a notify rule after the fallback team', () => {
    expect(check({ dispatch: [{ name: 'fallback', team: 'service-desk' }, { name: 'critical', when: { urgency: 'critical' }, notify: 'supervisor' }] })).toEqual([]);
  });

  it('refuses team names when there is no teams.yaml', () => {
    expect(check({ dispatch: [{ name: 'r', team: 'desktop' }] }, new TeamDirectory([]))).toEqual([
      { path: ['dispatch', 0, 'team'], message: 'team "desktop" but there is no teams.yaml beside routing.yaml' },
    ]);
  });

  it('reports every problem at once', () => {
    const issues = check({
      classify: [{ name: 'a', when: { regex: '[z-a]' }, set: { type: 'bug' } }, { name: 'a', set: { urgency: 'urgent' } }],
      dispatch: [{ name: 'd', team: 'helpdesk' }],
    });
    expect(issues.map((i) => i.path.join('.'))).toEqual(['classify.1.name', 'classify.0.when.regex', 'classify.0.set.type', 'dispatch.0.team']);
  });
});

describe('loadRoutingFile reports file:line:column', () => {
  const root = mkdtempSync(join(tmpdir(), 'desk-unit-rules-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let cases = 0;

  /** Writes routing.yaml in a fresh directory and loads it from there. */
  function load(text: string) {
    const dir = join(root, `case-${++cases}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'routing.yaml'), text);
    return loadRoutingFile(join(dir, 'routing.yaml'), dir, TEAMS, DEFAULT_VOCABULARY);
  }

  function problems(text: string) {
    try {
      load(text);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
      throw error;
    }
    throw new Error('expected a ConfigError, got none');
  }

  it.each([
    {
      case: 'a YAML syntax error (tab indentation)',
      text: 'classify:\n\t- name: printer\n',
      expected: ['routing.yaml:2:1: Tabs are not allowed as indentation'],
    },
    {
      case: 'a duplicate YAML key',
      text: 'dispatch:\n  - name: fallback\n    team: service-desk\n    team: desktop\n',
      expected: ['routing.yaml:4:5: Map keys must be unique'],
    },
    {
      case: 'an unknown key, at the key, with a suggestion',
      text: 'classify:\n  - name: printer\n    when: { keyword: [打印机, printer] }\n    set: { type: fault }\n',
      expected: ['routing.yaml:3:13: classify.0.when.keyword: unknown key "keyword" (did you mean "keywords"?)'],
    },
    {
      case: 'an unknown rule key',
      text: 'dispatch:\n  - name: fallback\n    teem: service-desk\n',
      expected: ['routing.yaml:3:5: dispatch.0.teem: unknown key "teem" (did you mean "team"?)'],
    },
    {
      case: 'a wrong type, at the value',
      text: 'classify:\n  - name: printer\n    set: { type: fault }\n    stop: yes\n',
      expected: ['routing.yaml:4:11: classify.0.stop: Invalid input: expected boolean, received string'],
    },
    {
      case: 'a string where a list is expected',
      text: 'dispatch:\n  - name: network\n    team: network\n    with: desktop\n',
      expected: ['routing.yaml:4:11: dispatch.0.with: Invalid input: expected array, received string'],
    },
    {
      case: 'a bad regular expression',
      text: 'classify:\n  - name: outage\n    when: { regex: "(全部|everyone" }\n    set: { urgency: critical }\n',
      expected: ['routing.yaml:3:20: classify.0.when.regex: bad regular expression: Invalid regular expression: /(全部|everyone/i: Unterminated group'],
    },
    {
      case: 'an unknown team',
      text: 'dispatch:\n  - name: hardware\n    when: { category: "hardware/*" }\n    team: dsktop\n',
      expected: ['routing.yaml:4:11: dispatch.0.team: unknown team "dsktop" (did you mean "desktop"?); accepted: service-desk, desktop, network'],
    },
    {
      case: 'an unknown value inside a flow sequence',
      text: 'classify:\n  - name: angry\n    when: { type: [complaint, sugestion] }\n    set: { urgency: urgent }\n',
      expected: [`routing.yaml:3:31: classify.0.when.type.1: unknown type "sugestion" (did you mean "suggestion"?); accepted: ${TYPES}`],
    },
    {
      case: 'a rule that decides nothing, at its name key',
      text: 'dispatch:\n  - name: noop\n    when: { type: fault }\n',
      expected: ['routing.yaml:2:5: dispatch.0.name: rule "noop" decides nothing'],
    },
    {
      case: 'several problems at once',
      text: 'classify:\n  - name: a\n    set: { type: fualt }\ndispatch:\n  - name: b\n    team: dsktop\n',
      expected: [
        `routing.yaml:3:18: classify.0.set.type: unknown type "fualt" (did you mean "fault"?); accepted: ${TYPES}`,
        'routing.yaml:6:11: dispatch.0.team: unknown team "dsktop" (did you mean "desktop"?); accepted: service-desk, desktop, network',
      ],
    },
  ])('$case', ({ text, expected }) => {
    expect(problems(text)).toEqual(expected);
  });

  it('throws a usage error (exit 2) whose message lists the positions', () => {
    let error: unknown;
    try {
      load('dispatch:\n  - name: hardware\n    team: dsktop\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toBe('routing.yaml:3:11: dispatch.0.team: unknown team "dsktop" (did you mean "desktop"?); accepted: service-desk, desktop, network');
  });

  it('returns the rules of a valid file, with an empty section defaulted', () => {
    expect(load('classify:\n  - name: printer\n    when: { keywords: [打印机] }\n    set: { type: fault }\n')).toEqual({
      classify: [{ name: 'printer', when: { keywords: ['打印机'] }, set: { type: 'fault' } }],
      dispatch: [],
    });
  });
});
