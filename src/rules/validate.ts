// Checks of routing.yaml that need more than its schema: references to teams, agents and the
// desk's vocabulary, regular expressions, duplicate names, rules that can never decide anything.
import safeRegex from 'safe-regex2';
import type { SemanticIssue } from '../config/yaml-file.js';
import { suggest } from '../config/yaml-file.js';
import type { TeamDirectory, Vocabulary } from '../domain/vocabulary.js';
import { findTerm, type TermKind } from '../domain/terms.js';
import type { ClassifyRule, DispatchRule, RoutingFile, When } from './schema.js';

export const STRATEGIES = ['round-robin', 'least-loaded'] as const;

function unknownValue(path: PropertyKey[], what: string, value: string, accepted: readonly string[]): SemanticIssue {
  const guess = suggest(value, accepted);
  return { path, message: `unknown ${what} "${value}"${guess ? ` (did you mean "${guess}"?)` : ''}; accepted: ${accepted.join(', ')}` };
}

const VALUE_FIELDS = ['channel', 'type', 'urgency', 'impact'] as const;

/** The file with every vocabulary value written as its id (`channel: 电话` → phone); checkRouting has accepted them all. */
export function withValueIds(file: RoutingFile, vocabulary: Vocabulary): RoutingFile {
  const id = (kind: TermKind, value: string) => findTerm(vocabulary.labels, kind, value) ?? value;
  const when = (w: When | undefined): When | undefined => {
    if (!w) return w;
    const out: When = { ...w };
    for (const field of VALUE_FIELDS) {
      const value = w[field];
      if (value !== undefined) out[field] = Array.isArray(value) ? value.map((v) => id(field, v)) : id(field, value);
    }
    return out;
  };
  return {
    classify: file.classify.map((rule) => ({
      ...rule,
      when: when(rule.when),
      set: {
        ...rule.set,
        ...(rule.set.type !== undefined && { type: id('type', rule.set.type) }),
        ...(rule.set.urgency !== undefined && { urgency: id('urgency', rule.set.urgency) }),
        ...(rule.set.impact !== undefined && { impact: id('impact', rule.set.impact) }),
      },
    })),
    dispatch: file.dispatch.map((rule) => ({ ...rule, when: when(rule.when) })),
  };
}

function checkWhen(when: When | undefined, base: PropertyKey[], vocabulary: Vocabulary): SemanticIssue[] {
  if (!when) return [];
  const issues: SemanticIssue[] = [];
  if (when.regex !== undefined) {
    try {
      new RegExp(when.regex, 'i');
      // A pattern with nested repetition can take exponential time on an unlucky ticket and hang
      // every command that runs the rules: refuse it here rather than at 3 a.m. in cron.
      if (!safeRegex(when.regex)) {
        issues.push({ path: [...base, 'regex'], message: 'regular expression may take exponential time (nested repetition such as (a+)+); rewrite it without a repeated group that itself repeats' });
      }
    } catch (error) {
      issues.push({ path: [...base, 'regex'], message: `bad regular expression: ${(error as Error).message}` });
    }
  }
  const enums = { channel: vocabulary.channels, type: vocabulary.types, urgency: vocabulary.urgencies, impact: vocabulary.impacts } as const;
  for (const [field, accepted] of Object.entries(enums)) {
    const value = when[field as keyof typeof enums];
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    values.forEach((v, i) => {
      if (findTerm(vocabulary.labels, field as TermKind, v) === null) issues.push(unknownValue(Array.isArray(value) ? [...base, field, i] : [...base, field], field, v, accepted));
    });
  }
  return issues;
}

function duplicateNames(rules: { name: string }[], section: string): SemanticIssue[] {
  const seen = new Map<string, number>();
  return rules.flatMap((rule, i) => {
    const first = seen.get(rule.name);
    if (first === undefined) {
      seen.set(rule.name, i);
      return [];
    }
    return [{ path: [section, i, 'name'], message: `duplicate rule name "${rule.name}" (also rule ${first + 1} of ${section})` }];
  });
}

/** Fields a classify or dispatch rule can decide. */
function decides(rule: ClassifyRule | DispatchRule): string[] {
  if ('set' in rule) return Object.keys(rule.set);
  return [rule.team && 'team', rule.with && 'with', rule.assign && 'assign', rule.notify && 'notify'].filter((f): f is string => Boolean(f));
}

/** A rule after a catch-all can never decide a field the catch-all already decided. */
function unreachable(rules: (ClassifyRule | DispatchRule)[], section: string): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  const taken = new Set<string>();
  let catchAll: string | undefined;
  let stopped = false;
  rules.forEach((rule, i) => {
    const fields = decides(rule);
    const additive = fields.filter((f) => f !== 'notify');
    if (catchAll && (stopped || (additive.length > 0 && additive.every((f) => taken.has(f)) && !fields.includes('notify')))) {
      issues.push({ path: [section, i, 'name'], message: `rule "${rule.name}" is unreachable: catch-all rule "${catchAll}" before it ${stopped ? 'stops every evaluation' : `already decides ${additive.join(', ')}`}` });
      return;
    }
    if (!rule.when || Object.keys(rule.when).length === 0) {
      catchAll ??= rule.name;
      fields.forEach((f) => taken.add(f));
      if (rule.stop) stopped = true;
    }
  });
  return issues;
}

export function checkRouting(file: RoutingFile, teams: TeamDirectory, vocabulary: Vocabulary): SemanticIssue[] {
  const issues: SemanticIssue[] = [...duplicateNames(file.classify, 'classify'), ...duplicateNames(file.dispatch, 'dispatch')];
  const teamKeys = teams.teams().map((t) => t.key);
  const checkTeam = (path: PropertyKey[], key: string) => {
    if (!teams.configured) issues.push({ path, message: `team "${key}" but there is no teams.yaml beside routing.yaml` });
    else if (!teamKeys.includes(key)) issues.push(unknownValue(path, 'team', key, teamKeys));
  };

  file.classify.forEach((rule, i) => {
    issues.push(...checkWhen(rule.when, ['classify', i, 'when'], vocabulary));
    const { type, urgency, impact } = rule.set;
    if (type !== undefined && findTerm(vocabulary.labels, 'type', type) === null) issues.push(unknownValue(['classify', i, 'set', 'type'], 'type', type, vocabulary.types));
    if (urgency !== undefined && findTerm(vocabulary.labels, 'urgency', urgency) === null) issues.push(unknownValue(['classify', i, 'set', 'urgency'], 'urgency', urgency, vocabulary.urgencies));
    if (impact !== undefined && findTerm(vocabulary.labels, 'impact', impact) === null) issues.push(unknownValue(['classify', i, 'set', 'impact'], 'impact', impact, vocabulary.impacts));
  });

  file.dispatch.forEach((rule, i) => {
    issues.push(...checkWhen(rule.when, ['dispatch', i, 'when'], vocabulary));
    if (rule.team) checkTeam(['dispatch', i, 'team'], rule.team);
    rule.with?.forEach((key, j) => checkTeam(['dispatch', i, 'with', j], key));
    if (rule.assign && !(STRATEGIES as readonly string[]).includes(rule.assign)) {
      const members = rule.team ? teams.teams().find((t) => t.key === rule.team) : undefined;
      const candidates = members ? [...members.members, ...(members.supervisor ? [members.supervisor] : [])] : teams.agents();
      if (!candidates.includes(rule.assign)) {
        issues.push(unknownValue(['dispatch', i, 'assign'], rule.team ? `agent of team ${rule.team}` : 'agent', rule.assign, [...STRATEGIES, ...candidates]));
      }
    }
    if (decides(rule).length === 0) issues.push({ path: ['dispatch', i, 'name'], message: `rule "${rule.name}" decides nothing`, at: 'key' });
  });

  issues.push(...unreachable(file.classify, 'classify'), ...unreachable(file.dispatch, 'dispatch'));
  return issues;
}
