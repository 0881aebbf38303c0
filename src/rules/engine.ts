// Compiles the routing rules once into matchers and evaluates tickets against them.
// Semantics (DESIGN.md "Rules"): rules run in order; for each field the first matching rule that
// sets it wins; a matching rule with `stop` ends the evaluation. Conditions see the ticket as
// classified so far, so a later rule may test the type an earlier rule set.
import picomatch from 'picomatch';
import { KeywordMatcher } from './keyword-matcher.js';
import type { ClassifyRule, DispatchRule, RoutingFile, When } from './schema.js';

/** The ticket fields rules look at. */
export interface RuleInput {
  title: string;
  description: string | null;
  department: string | null;
  channel: string | null;
  requester: string | null;
  type: string | null;
  category: string | null;
  urgency: string | null;
  impact: string | null;
}

interface Found {
  title: Set<number>;
  description: Set<number>;
}

interface Condition {
  /** What the condition asks, for --explain: `keywords any [打印机, printer]`. */
  label: string;
  test(input: RuleInput, found: Found): boolean;
}

interface CompiledRule<R> {
  rule: R;
  conditions: Condition[];
}

export const CLASSIFY_FIELDS = ['type', 'category', 'urgency', 'impact'] as const;
export type ClassifyField = (typeof CLASSIFY_FIELDS)[number];

export interface RuleTrace {
  rule: string;
  matched: boolean;
  /** The condition that failed, when the rule did not match. */
  failed?: string;
  /** Fields this rule decided. */
  decided: string[];
  stopped?: boolean;
}

export interface Decision<T> {
  value: T;
  rule: string;
}

export interface ClassifyOutcome {
  decided: Partial<Record<ClassifyField, Decision<string>>>;
  trace: RuleTrace[];
}

export interface DispatchOutcome {
  team?: Decision<string>;
  collaborators?: Decision<string[]>;
  /** round-robin, least-loaded, or an agent's name. */
  assign?: Decision<string>;
  /** Rules that asked for the team supervisor to be notified. */
  notify: string[];
  trace: RuleTrace[];
}

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
const show = (values: string[]) => `[${values.join(', ')}]`;

export class RuleEngine {
  private readonly keywords = new KeywordMatcher();
  private readonly classifyRules: CompiledRule<ClassifyRule>[];
  private readonly dispatchRules: CompiledRule<DispatchRule>[];

  constructor(readonly file: RoutingFile) {
    this.classifyRules = file.classify.map((rule) => ({ rule, conditions: this.compileWhen(rule.when) }));
    this.dispatchRules = file.dispatch.map((rule) => ({ rule, conditions: this.compileWhen(rule.when) }));
    this.keywords.compile();
  }

  get size(): { classify: number; dispatch: number } {
    return { classify: this.classifyRules.length, dispatch: this.dispatchRules.length };
  }

  private compileWhen(when: When | undefined): Condition[] {
    if (!when) return [];
    const conditions: Condition[] = [];
    if (when.keywords) {
      const spec = Array.isArray(when.keywords) ? { any: when.keywords } : when.keywords;
      const where = spec.in ?? 'both';
      const has = (found: Found, id: number) =>
        (where !== 'description' && found.title.has(id)) || (where !== 'title' && found.description.has(id));
      const ids = (words: string[] | undefined) => (words ?? []).map((w) => this.keywords.add(w));
      const scope = where === 'both' ? '' : ` in ${where}`;
      const any = ids(spec.any);
      const all = ids(spec.all);
      const none = ids(spec.none);
      if (any.length) conditions.push({ label: `keywords any ${show(spec.any!)}${scope}`, test: (_, f) => any.some((id) => has(f, id)) });
      if (all.length) conditions.push({ label: `keywords all ${show(spec.all!)}${scope}`, test: (_, f) => all.every((id) => has(f, id)) });
      if (none.length) conditions.push({ label: `keywords none ${show(spec.none!)}${scope}`, test: (_, f) => !none.some((id) => has(f, id)) });
    }
    if (when.regex) {
      const pattern = new RegExp(when.regex, 'i');
      conditions.push({ label: `regex /${when.regex}/`, test: (t) => pattern.test(`${t.title}\n${t.description ?? ''}`) });
    }
    for (const field of ['department', 'requester'] as const) {
      const wanted = when[field];
      if (wanted === undefined) continue;
      const folded = list(wanted).map((v) => v.toLowerCase());
      conditions.push({ label: `${field} ${show(list(wanted))}`, test: (t) => folded.includes((t[field] ?? '').toLowerCase()) });
    }
    for (const field of ['channel', 'type', 'urgency', 'impact'] as const) {
      const wanted = when[field];
      if (wanted === undefined) continue;
      const values = list(wanted);
      conditions.push({ label: `${field} ${show(values)}`, test: (t) => t[field] !== null && values.includes(t[field]!) });
    }
    if (when.category !== undefined) {
      const globs = list(when.category);
      const matches = picomatch(globs);
      conditions.push({ label: `category ${show(globs)}`, test: (t) => t.category !== null && matches(t.category) });
    }
    return conditions;
  }

  private scan(input: RuleInput): Found {
    return { title: this.keywords.find(input.title), description: this.keywords.find(input.description ?? '') };
  }

  /**
   * Classification of `input`. Fields in `keep` (set by an operator) are never decided by rules.
   */
  classify(input: RuleInput, keep: ReadonlySet<ClassifyField> = new Set()): ClassifyOutcome {
    const working = { ...input };
    const found = this.scan(input);
    const decided: ClassifyOutcome['decided'] = {};
    const trace: RuleTrace[] = [];
    for (const { rule, conditions } of this.classifyRules) {
      const failed = conditions.find((c) => !c.test(working, found));
      if (failed) {
        trace.push({ rule: rule.name, matched: false, failed: failed.label, decided: [] });
        continue;
      }
      const fields: string[] = [];
      for (const field of CLASSIFY_FIELDS) {
        const value = rule.set[field];
        if (value === undefined || decided[field] || keep.has(field)) continue;
        decided[field] = { value, rule: rule.name };
        working[field] = value;
        fields.push(field);
      }
      trace.push({ rule: rule.name, matched: true, decided: fields, stopped: rule.stop });
      if (rule.stop) break;
    }
    return { decided, trace };
  }

  dispatch(input: RuleInput): DispatchOutcome {
    const found = this.scan(input);
    const outcome: DispatchOutcome = { notify: [], trace: [] };
    for (const { rule, conditions } of this.dispatchRules) {
      const failed = conditions.find((c) => !c.test(input, found));
      if (failed) {
        outcome.trace.push({ rule: rule.name, matched: false, failed: failed.label, decided: [] });
        continue;
      }
      const fields: string[] = [];
      if (rule.team && !outcome.team) {
        outcome.team = { value: rule.team, rule: rule.name };
        fields.push('team');
      }
      if (rule.with && !outcome.collaborators) {
        outcome.collaborators = { value: rule.with, rule: rule.name };
        fields.push('collaborators');
      }
      // An assignment belongs to the team it was written for.
      if (rule.assign && !outcome.assign && (!rule.team || rule.team === outcome.team?.value)) {
        outcome.assign = { value: rule.assign, rule: rule.name };
        fields.push('assignee');
      }
      if (rule.notify) {
        outcome.notify.push(rule.name);
        fields.push('notify');
      }
      outcome.trace.push({ rule: rule.name, matched: true, decided: fields, stopped: rule.stop });
      if (rule.stop) break;
    }
    return outcome;
  }
}
