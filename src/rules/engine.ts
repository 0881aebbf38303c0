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
  /** Per rule list, the rules one of whose keywords-any words occurs: a rule not marked here cannot match. */
  candidates: Map<CompiledRule<unknown>[], Set<number>>;
}

interface Condition {
  /** What the condition asks, for --explain: `keywords any [打印机, printer]`. */
  label: string;
  test(input: RuleInput, found: Found): boolean;
}

interface CompiledRule<R> {
  rule: R;
  conditions: Condition[];
  /** Keyword ids of which at least one must occur (a keywords-any condition), or null. */
  anyOf: number[] | null;
  index: number;
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

/** Characters of title and description a regex rule reads: far more than any rule needs. */
const REGEX_INPUT_LIMIT = 20_000;

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
const show = (values: string[]) => `[${values.join(', ')}]`;

export class RuleEngine {
  private readonly keywords = new KeywordMatcher();
  private readonly classifyRules: CompiledRule<ClassifyRule>[];
  private readonly dispatchRules: CompiledRule<DispatchRule>[];

  constructor(readonly file: RoutingFile) {
    this.classifyRules = file.classify.map((rule, index) => this.compileRule(rule, index));
    this.dispatchRules = file.dispatch.map((rule, index) => this.compileRule(rule, index));
    this.keywords.compile();
    for (const rules of [this.classifyRules, this.dispatchRules] as CompiledRule<unknown>[][]) {
      const byKeyword = new Map<number, number[]>();
      for (const compiled of rules) for (const id of compiled.anyOf ?? []) byKeyword.set(id, [...(byKeyword.get(id) ?? []), compiled.index]);
      this.rulesByKeyword.set(rules, byKeyword);
    }
  }

  /** For each rule list: keyword id → the rules that need it (keywords any). */
  private readonly rulesByKeyword = new Map<CompiledRule<unknown>[], Map<number, number[]>>();

  private compileRule<R extends { when?: When }>(rule: R, index: number): CompiledRule<R> {
    const keywords = rule.when?.keywords;
    const any = keywords && (Array.isArray(keywords) ? keywords : keywords.any);
    return { rule, index, conditions: this.compileWhen(rule.when), anyOf: any ? any.map((w) => this.keywords.add(w)) : null };
  }

  /**
   * The first condition of `rule` that fails, or null when it matches. A rule whose keywords
   * occur nowhere in the ticket fails without running its other conditions: with hundreds of
   * keyword rules, that is most rules for most tickets.
   */
  /** In rule order: the rules without a keywords-any condition and the candidates among the rest. */
  private worthTrying<R>(rules: CompiledRule<R>[], candidates: Set<number>): CompiledRule<R>[] {
    const indexes = [...candidates];
    for (const compiled of rules) if (!compiled.anyOf) indexes.push(compiled.index);
    return indexes.sort((a, b) => a - b).map((i) => rules[i]!);
  }

  private failedCondition(compiled: CompiledRule<unknown>, candidates: Set<number>, input: RuleInput, found: Found): Condition | null {
    if (compiled.anyOf && !candidates.has(compiled.index)) return compiled.conditions[0]!;
    for (const condition of compiled.conditions) if (!condition.test(input, found)) return condition;
    return null;
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
      // Bounded input bounds the cost of any pattern that passed the safety check.
      conditions.push({ label: `regex /${when.regex}/`, test: (t) => pattern.test(`${t.title}\n${t.description ?? ''}`.slice(0, REGEX_INPUT_LIMIT)) });
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
    const found = { title: this.keywords.find(input.title), description: this.keywords.find(input.description ?? ''), candidates: new Map() };
    for (const [rules, byKeyword] of this.rulesByKeyword) {
      const candidates = new Set<number>();
      for (const ids of [found.title, found.description]) for (const id of ids) for (const index of byKeyword.get(id) ?? []) candidates.add(index);
      found.candidates.set(rules, candidates);
    }
    return found;
  }

  /**
   * Classification of `input`. Fields in `keep` (set by an operator) are never decided by rules.
   * With `explain`, the trace lists every rule; without, evaluation ends once nothing is left to
   * decide and the trace holds only the rules that matched.
   */
  classify(input: RuleInput, keep: ReadonlySet<ClassifyField> = new Set(), explain = false): ClassifyOutcome {
    const working = { ...input };
    const found = this.scan(input);
    const decided: ClassifyOutcome['decided'] = {};
    const trace: RuleTrace[] = [];
    let open = CLASSIFY_FIELDS.filter((f) => !keep.has(f)).length;
    const candidates = found.candidates.get(this.classifyRules as CompiledRule<unknown>[])!;
    for (const compiled of explain ? this.classifyRules : this.worthTrying(this.classifyRules, candidates)) {
      if (open === 0 && !explain) break;
      const { rule } = compiled;
      const failed = this.failedCondition(compiled, candidates, working, found);
      if (failed) {
        if (explain) trace.push({ rule: rule.name, matched: false, failed: failed.label, decided: [] });
        continue;
      }
      const fields: string[] = [];
      for (const field of CLASSIFY_FIELDS) {
        const value = rule.set[field];
        if (value === undefined || decided[field] || keep.has(field)) continue;
        decided[field] = { value, rule: rule.name };
        working[field] = value;
        fields.push(field);
        open--;
      }
      trace.push({ rule: rule.name, matched: true, decided: fields, stopped: rule.stop });
      if (rule.stop) break;
    }
    return { decided, trace };
  }

  dispatch(input: RuleInput, explain = false): DispatchOutcome {
    const found = this.scan(input);
    const outcome: DispatchOutcome = { notify: [], trace: [] };
    const candidates = found.candidates.get(this.dispatchRules as CompiledRule<unknown>[])!;
    for (const compiled of explain ? this.dispatchRules : this.worthTrying(this.dispatchRules, candidates)) {
      const { rule } = compiled;
      const failed = this.failedCondition(compiled, candidates, input, found);
      if (failed) {
        if (explain) outcome.trace.push({ rule: rule.name, matched: false, failed: failed.label, decided: [] });
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
