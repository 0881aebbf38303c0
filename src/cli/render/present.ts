// How every human output writes a value: times in the desk's zone, spans and due times one way,
// vocabulary values by their labels, deadlines as met or missed, one empty value, all in the
// operator's language. The JSON output keeps the stored values (ticket-json.ts).
import { DEADLINE_FIELDS, DEADLINE_KINDS, runningDeadlines, type DeadlineKind } from '../../domain/deadlines.js';
import { maskContact } from '../../domain/privacy.js';
import type { QualityNote } from '../../domain/quality.js';
import { termLabel, TERM_KINDS, type Lang, type TermKind, type TermLabel, type TermLabels } from '../../domain/terms.js';
import { TIME_FIELDS, type Ticket } from '../../domain/ticket.js';
import { formatLocal } from '../../domain/time.js';
import { DEFAULT_VOCABULARY } from '../../domain/vocabulary.js';
import { wordsFor, type Words } from './catalogue.js';
import { truncate } from './table.js';
import { printable, printableValue } from './terminal-text.js';

export interface PresenterOptions {
  lang?: Lang;
  zone: string;
  labels?: TermLabels;
  /** What teams.yaml calls each team. */
  teams?: Readonly<Record<string, TermLabel>>;
  reveal?: boolean;
}

export interface Due {
  text: string;
  overdue: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TIMES = new Set<string>(TIME_FIELDS);
const TERMS = new Set<string>(TERM_KINDS);
const MET_FIELDS = new Map<string, DeadlineKind>(DEADLINE_KINDS.map((kind) => [DEADLINE_FIELDS[kind].met, kind]));
/** The business time a met or missed deadline took, shown beside it. */
const TAKEN: Partial<Record<DeadlineKind, string>> = { response: 'response_business_ms', resolve: 'resolve_business_ms' };
/** Bookkeeping that says nothing to an operator on its own. */
const UNSHOWN = new Set(['manual_fields', 'cycle_paused_ms', 'response_business_ms', 'resolve_business_ms', 'routed_at', 'supervisions', 'assists']);

export interface ChangeView {
  /** Values are cut to this many characters. */
  width?: number;
  /** The time of the event: a milestone set to it goes without saying. */
  at?: number;
}

/** Times that mark what an event did, rather than a deadline. */
const MILESTONES = new Set([
  'created_at', 'dispatched_at', 'first_response_at', 'resolved_at', 'closed_at', 'rated_at', 'reopened_at', 'paused_at', 'last_update_at', 'callback_at',
  'complaint_verified_at', 'complaint_feedback_at',
]);

export class Presenter {
  readonly lang: Lang;
  readonly words: Words;
  readonly zone: string;
  private readonly labels: TermLabels;
  private readonly teams: Readonly<Record<string, TermLabel>>;
  private readonly reveal: boolean;

  constructor(o: PresenterOptions) {
    this.lang = o.lang ?? 'en';
    this.words = wordsFor(this.lang);
    this.zone = o.zone;
    this.labels = o.labels ?? DEFAULT_VOCABULARY.labels;
    this.teams = o.teams ?? {};
    this.reveal = o.reveal ?? false;
  }

  get empty(): string {
    return this.words.empty;
  }

  /** "2026-11-27 10:03" in the desk's zone; the empty value for none. */
  time(ms: number | null): string {
    return ms === null ? this.empty : formatLocal(ms, this.zone);
  }

  /** "1 h 20 min", "25 min", "3 d 4 h", "40 s": the two largest units, rounded down. */
  span(ms: number): string {
    const u = this.words.unit;
    const part = (n: number, unit: string) => `${n} ${unit}`;
    const abs = Math.abs(ms);
    if (abs < MINUTE) return part(Math.floor(abs / 1000), u.second);
    const days = Math.floor(abs / DAY);
    const hours = Math.floor((abs % DAY) / HOUR);
    const minutes = Math.floor((abs % HOUR) / MINUTE);
    if (days) return hours ? `${part(days, u.day)} ${part(hours, u.hour)}` : part(days, u.day);
    if (hours) return minutes ? `${part(hours, u.hour)} ${part(minutes, u.minute)}` : part(hours, u.hour);
    return part(minutes, u.minute);
  }

  /** "resolve due in 25 min", "response overdue 1 h 20 min". */
  due(kind: DeadlineKind, due: number, now: number): Due {
    const overdue = due < now;
    const when = overdue ? this.words.overdue(this.span(now - due)) : this.words.dueIn(this.span(due - now));
    return { text: `${this.words.deadline[kind]} ${when}`, overdue };
  }

  /** The next running deadline of an open ticket; "paused" while it waits on the requester. */
  nextDue(ticket: Ticket, now: number): Due {
    if (ticket.status === 'pending' && (ticket.resolve_due_at !== null || ticket.response_due_at !== null)) return { text: this.words.paused, overdue: false };
    const next = runningDeadlines(ticket)[0];
    return next ? this.due(next.kind, next.due, now) : { text: '', overdue: false };
  }

  /** The label of a vocabulary value ("电话" for phone in Chinese); the empty value for none. */
  value(kind: TermKind, value: string | null): string {
    return value === null ? this.empty : termLabel(this.labels, kind, value, this.lang);
  }

  /** The team's name from teams.yaml in the output's language; the key when it has none. */
  team(key: string | null): string {
    return key === null ? this.empty : printable(this.teams[key]?.[this.lang] ?? key);
  }

  /** "manual" and "rules", the two ways a ticket is classified or dispatched. */
  how(value: string | null): string {
    return value === null ? this.empty : value === 'manual' ? this.words.byHand : value === 'rules' ? this.words.byRules : printable(value);
  }

  /** The label of a field, as a heading ("First response"). */
  heading(field: string): string {
    return (this.words.field as Record<string, string>)[field] ?? field;
  }

  /** The label of a field inside a sentence ("first response"). */
  fieldName(field: string): string {
    const label = this.heading(field);
    return this.lang === 'en' && !/^[A-Z]{2}/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
  }

  contact(value: string | null): string {
    return (this.reveal ? value : maskContact(value)) ?? this.empty;
  }

  /** One stored value of `field` as people read it, cut to `width` characters. */
  fieldValue(field: string, value: unknown, width = Infinity): string {
    if (value === null || value === undefined || value === '') return this.empty;
    if (TIMES.has(field) && typeof value === 'number') return this.time(value);
    if (TERMS.has(field) && typeof value === 'string') return this.value(field as TermKind, value);
    if (field === 'team' && typeof value === 'string') return this.team(value);
    if (field === 'collaborators' && Array.isArray(value)) return value.map((t) => this.team(String(t))).join(', ') || this.empty;
    if (field === 'classified_by' || field === 'dispatched_by') return this.how(String(value));
    if (field === 'contact') return this.contact(String(value));
    if (field === 'satisfaction' && typeof value === 'number') return this.words.outOf5(value);
    if (field === 'callback_outcome' && typeof value === 'string') return this.words.outcome[value] ?? printable(value);
    if (field === 'complaint_verified' && typeof value === 'string') return this.words.verdict[value] ?? printable(value);
    if (field === 'paused_ms' && typeof value === 'number') return this.span(value);
    if (typeof value === 'boolean') return value ? this.words.yes : this.words.no;
    if (Array.isArray(value)) return printableValue(value).join(', ') || this.empty;
    return truncate(printable(String(value)), width);
  }

  /**
   * "status dispatched → in_progress, first response 2026-11-27 10:03, response met (3 min)": the
   * changes of an audit event, each field by its label and each value as people read it.
   */
  changes(changes: Record<string, [unknown, unknown]>, { width = Infinity, at }: ChangeView = {}): string[] {
    const parts: string[] = [];
    for (const [field, [before, after]] of Object.entries(changes)) {
      if (UNSHOWN.has(field)) continue;
      // A milestone reached by the event itself is the event's own time, shown beside it.
      if (at !== undefined && MILESTONES.has(field) && after === at && (before === null || before === undefined)) continue;
      const kind = MET_FIELDS.get(field);
      if (kind !== undefined) {
        const taken = TAKEN[kind] && changes[TAKEN[kind]]?.[1];
        const outcome = after === true ? this.words.met : after === false ? this.words.missed : this.words.reset;
        parts.push(`${this.words.deadline[kind]} ${outcome}${typeof taken === 'number' && after !== null ? ` (${this.span(taken)})` : ''}`);
        continue;
      }
      if (field === 'paused_ms') {
        const added = Number(after ?? 0) - Number(before ?? 0);
        if (added > 0) parts.push(`${this.fieldName(field)} ${this.span(added)}`);
        continue;
      }
      // The end of a pause is told by the status and the time paused.
      if (field === 'paused_at' && after === null) continue;
      const name = this.fieldName(field);
      if (typeof after === 'boolean' && (before === null || before === undefined || before === !after)) {
        parts.push(after ? name : `${name} ${this.words.no}`);
        continue;
      }
      const shownAfter = this.fieldValue(field, after, width);
      parts.push(before === null || before === undefined ? `${name} ${shownAfter}` : `${name} ${this.fieldValue(field, before, width)} → ${shownAfter}`);
    }
    return parts;
  }

  /** "key order to roads, reply by 2026-11-27 17:00": what a supervision event records of its order. */
  supervision(kind: string, s: Record<string, unknown>): string {
    const w = this.words.supervision;
    const team = this.team(typeof s.team === 'string' ? s.team : null);
    if (kind === 'urge') return w.reminder(team);
    if (kind === 'supervision_reply') return w.reply(typeof s.on_time === 'boolean' ? s.on_time : null);
    return w.order(w.level(Number(s.level)), team, this.time(typeof s.reply_by === 'number' ? s.reply_by : null));
  }

  /** "tier 2 (breach) → chen": an escalation by a tier of sla.yaml, its `at` as the file writes it. */
  escalationTier(tier: number, at: string, to: string | null): string {
    return `${this.words.tier(tier, at)}${to ? ` → ${to}` : ''}`;
  }

  /** "network, due 2026-11-27 17:00": what a sub-task's event records of it. */
  assist(kind: string, a: Record<string, unknown>): string {
    const w = this.words.assist;
    const team = this.team(typeof a.team === 'string' ? a.team : null);
    if (kind === 'assist_reply') return w.reply(team, typeof a.on_time === 'boolean' ? a.on_time : null);
    const due = typeof a.due_at === 'number' ? this.time(a.due_at) : null;
    const to = typeof a.assignee === 'string' ? ` ${w.to(a.assignee)}` : '';
    return `${w.of(team, kind === 'assist' ? due : null)}${to}`;
  }

  /** "2026-11-30 · li — 88.9, unqualified (failed: closing)": the record a quality event is about, and what the step recorded. */
  qualityNote(kind: string, qa: QualityNote): string {
    const w = this.words.quality;
    const record = `${qa.day} · ${qa.agent}`;
    if (kind === 'qa_score' && qa.score !== undefined) {
      const failed = Object.entries(qa.items ?? {}).filter(([, v]) => v === 'fail').map(([id]) => id);
      return `${record} — ${w.scoreLine(String(qa.score), failed.join(', '), w.states[qa.unqualified ? 'unqualified' : 'qualified']!)}`;
    }
    if (kind === 'qa_decide' && qa.decision) return `${record} — ${w.states[qa.decision === 'uphold' ? 'upheld' : 'overturned']}`;
    return record;
  }

  /** "respond: status dispatched → in_progress, …": an audit event's kind and changes. */
  change(kind: string, changes: Record<string, [unknown, unknown]>, view: ChangeView = {}): string {
    const parts = this.changes(changes, view);
    const name = this.words.event[kind] ?? kind;
    return `${name}${parts.length ? `${this.lang === 'zh' ? '：' : ': '}${parts.join(this.words.sep)}` : ''}`;
  }
}
