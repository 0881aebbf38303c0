// One source row → a ticket as it was in the other system, or every reason it cannot be one.
// History is often incomplete, so only a title is required (DESIGN.md "Tickets"); enumerated
// values are strict, teams and agents that left are accepted and reported once.
import { DEFAULT_TEXT_LIMITS, lengthProblem, type TextLimits } from '../domain/text-limits.js';
import { unsupervisedCase, type Status } from '../domain/ticket.js';
import { acceptedTerms, findTerm } from '../domain/terms.js';
import type { TeamDirectory, Vocabulary } from '../domain/vocabulary.js';
import { DEFAULT_SATISFACTION_LABELS, parseSatisfaction } from '../domain/satisfaction.js';
import { DeskError, escapeControls } from '../domain/errors.js';
import { NUMBER_TEXT } from '../domain/numbering.js';
import { parseOutcome } from '../domain/callback-outcome.js';
import type { ImportTicket } from '../store/store.js';
import type { TicketColumn } from './fields.js';
import type { InstantReader } from './instants.js';
import { identityOf } from './row-identity.js';
import { readAssists } from '../domain/assists.js';
import { readTicketLinks } from '../domain/links.js';
import { readSupervisions, supervisionDue } from '../domain/supervision.js';
import { verdictOf } from '../domain/complaint.js';

export interface RowProblem {
  line: number;
  /** The source column (or JSON key) and the field it fills, when the problem is in one cell. */
  column: string | null;
  field: string | null;
  message: string;
  hint?: string;
}

export interface RowContext {
  now: number;
  vocabulary: Vocabulary;
  instants: InstantReader;
  /** Teams and agents of teams.yaml; null when there is none (then every name is fine). */
  knownTeams: ReadonlySet<string> | null;
  knownAgents: ReadonlySet<string> | null;
  limits?: TextLimits;
  /** The words a rating may be given in (满意 5, …: desk.yaml's over the built-in ones). */
  satisfactionLabels?: Readonly<Record<string, number>>;
}

export function knownNames(teams: TeamDirectory): Pick<RowContext, 'knownTeams' | 'knownAgents'> {
  if (!teams.configured) return { knownTeams: null, knownAgents: null };
  return { knownTeams: new Set(teams.teams().map((t) => t.key)), knownAgents: new Set(teams.agents()) };
}

/** Things worth saying once for the whole file rather than for every row. */
export class ImportNotes {
  readonly unknownTeams = new Map<string, number>();
  readonly unknownAgents = new Map<string, number>();
  maskedContacts = 0;
  withoutIdentity = 0;
  readonly unknownKeys = new Set<string>();

  count(map: Map<string, number>, name: string): void {
    map.set(name, (map.get(name) ?? 0) + 1);
  }
}

/** A row's cells: `fields[i]` is filled from `cells[i]`, read from the source column `columns[i]`. */
export interface RawRecord {
  line: number;
  fields: readonly TicketColumn[];
  cells: readonly unknown[];
  columns: readonly string[];
}

export type RowResult = { ok: true; ticket: ImportTicket; given: readonly string[] } | { ok: false; problems: RowProblem[] };

const MAX_TEXT = 1_000_000;
const MAX_NAME = 200;
// Like `desk create`: back-dated, never dated ahead; allow for clock skew.
const TOLERANCE_MS = 5 * 60_000;
// Moments that have happened by the time of the import, and that cannot come before the request.
const PAST = ['created_at', 'occurred_at', 'first_response_at', 'dispatched_at', 'resolved_at', 'closed_at', 'callback_at', 'last_update_at', 'updated_at', 'paused_at', 'reopened_at'] as const;
const AFTER_CREATION = ['first_response_at', 'dispatched_at', 'resolved_at', 'closed_at', 'callback_at', 'paused_at', 'reopened_at'] as const;
const MULTILINE = new Set(['description', 'escalation_reason', 'solution', 'steps', 'remaining', 'callback_note', 'complaint_cause', 'complaint_action', 'complaint_penalty', 'complaint_feedback']);
const BOOLEANS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, yes: true, no: false, y: true, n: false, t: true, f: false, 是: true, 否: false };
// What maskContact makes of a contact: a masked export imported back would overwrite the real one.
const MASKED = /^(?:[^@\s]\*\*\*@\S+|\d{3}\*{4}\d{4}|\S\*+\S|\*{1,2})$/;

export function emptyImportTicket(): ImportTicket {
  // The case fields last: spread first, the sixty fields after it would be added one by one to a
  // copied object, which V8 then keeps as a slow dictionary (a third of an import's time).
  return {
    id: null, number: null, external_id: null, created_at: 0, channel: null, requester: null, department: null, contact: null,
    title: '', description: null, occurred_at: null, impact: null, type: null, category: null, urgency: null,
    status: 'new', team: null, collaborators: [], assignee: null, classified_by: null, manual_fields: [], dispatched_by: null,
    first_response_at: null, dispatched_at: null, resolved_at: null, closed_at: null, response_due_at: null,
    dispatch_due_at: null, resolve_due_at: null, escalated: false, escalation_reason: null, solution: null, steps: null,
    remaining: null, satisfaction: null, callback_at: null, callback_note: null, callback_attempts: 0, callback_outcome: null, reopen_count: 0, paused_at: null,
    paused_ms: 0, response_met: null, dispatch_met: null, resolve_met: null, update_met: null, rated_at: null, reopened_at: null, cycle_paused_ms: 0, response_business_ms: null, resolve_business_ms: null,
    last_update_at: null, update_due_at: null, eta_at: null, routed_at: null, extension_until: null, original_resolve_due_at: null, version: null, updated_at: null, updated_by: null,
    ...unsupervisedCase(),
  };
}

type Cell = string | boolean | number | string[] | null;

// What each list of records is called in a message.
const LISTED_RECORDS = { supervisions: 'orders', links: 'links', assists: 'sub-tasks' } as const;

// A cell quoted in a message: enough to find it, not a megabyte of it.
const QUOTED_MAX = 60;
function quote(text: string): string {
  return `"${text.length > QUOTED_MAX ? `${text.slice(0, QUOTED_MAX)}…` : text}"`;
}

function addProblem(problems: RowProblem[], raw: RawRecord, field: string | null, message: string, hint?: string): void {
  const index = field === null ? -1 : raw.fields.indexOf(field as TicketColumn);
  const column = field === null ? null : index === -1 ? field : raw.columns[index]!;
  problems.push(hint === undefined ? { line: raw.line, column, field, message } : { line: raw.line, column, field, message, hint });
}

/** The cell of `field` as written, for messages. */
function cellOf(raw: RawRecord, field: TicketColumn): unknown {
  return raw.cells[raw.fields.indexOf(field)];
}

/**
 * Validates a row; collects every problem of the row, not only the first. `given` lists the fields
 * the row has a column for, even an empty one (`--update` changes exactly those), except a status,
 * urgency or creation time left empty: those are inferred, not given.
 */
export function validateRow(raw: RawRecord, ctx: RowContext, notes: ImportNotes): RowResult {
  const problems: RowProblem[] = [];
  const problem = (field: string | null, message: string, hint?: string) => addProblem(problems, raw, field, message, hint);
  const ticket = emptyImportTicket();
  const set = ticket as unknown as Record<string, Cell>;
  let statusGiven = false;
  let urgencyGiven = false;
  let createdGiven = false;
  const { fields, cells } = raw;

  for (let index = 0; index < fields.length; index++) {
    const field = fields[index]!;
    const value = cells[index];
    if (value === null || value === undefined) continue;
    let text: string;
    if (typeof value === 'string') text = value;
    else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
    else if (Array.isArray(value) && field === 'collaborators') text = value.map((v) => String(v)).join(';');
    else if (Array.isArray(value) && (field === 'supervisions' || field === 'assists' || field === 'links')) text = JSON.stringify(value);
    else {
      problem(field, `expected text, found ${Array.isArray(value) ? 'a list' : 'an object'}`);
      continue;
    }
    if (text.length > MAX_TEXT) {
      problem(field, `${text.length} characters is too long (at most ${MAX_TEXT})`, 'shorten the text');
      continue;
    }
    if (!MULTILINE.has(field)) text = text.trim();
    if (text === '') continue;
    switch (field) {
      // The lists of records an export writes as JSON, in a CSV cell too.
      case 'supervisions':
      case 'links':
      case 'assists': {
        const readTime = (t: string, f: string) => ctx.instants.read(t, f);
        try {
          if (field === 'supervisions') {
            ticket.supervisions = readSupervisions(text, readTime);
            ticket.supervision_due_at = supervisionDue(ticket.supervisions);
          } else if (field === 'links') ticket.links = readTicketLinks(text, readTime);
          else ticket.assists = readAssists(text, readTime);
        } catch (error) {
          if (!(error instanceof DeskError) && !(error instanceof SyntaxError)) throw error;
          problem(field, error.message, `the JSON list of ${LISTED_RECORDS[field]} an export writes`);
        }
        break;
      }
      case 'complaint_verified': {
        const verdict = verdictOf(text);
        if (verdict === null) problem(field, `unknown value ${quote(text)}`, 'accepted: yes (查实), partly (部分属实), no (不属实)');
        else set[field] = verdict;
        break;
      }
      case 'id':
      case 'urge_count':
      case 'escalation_tier':
      case 'reopen_count':
      case 'callback_attempts':
      case 'version': {
        const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
        const [min, what] = field === 'reopen_count' || field === 'callback_attempts' || field === 'urge_count' || field === 'escalation_tier' ? [0, 'a whole number, 0 or more'] : [1, 'a whole number, 1 or more'];
        if (!(n >= min && n <= 1e9)) problem(field, `${quote(text)} is not ${what}`);
        else set[field] = n;
        break;
      }
      // A Chinese spreadsheet writes the call-back's answer as a word (满意, 基本满意) as often as a score.
      case 'satisfaction':
        try {
          set.satisfaction = parseSatisfaction(text, field, ctx.satisfactionLabels);
        } catch (error) {
          if (!(error instanceof DeskError)) throw error;
          const words = Object.entries(ctx.satisfactionLabels ?? DEFAULT_SATISFACTION_LABELS).map(([label, score]) => `${label} (${score})`).join(', ');
          problem(field, `${quote(text)} is not a whole number from 1 to 5`, `1 very dissatisfied … 5 very satisfied, or a word for one: ${words}`);
        }
        break;
      case 'callback_outcome':
        try {
          set.callback_outcome = parseOutcome(text, field);
        } catch (error) {
          if (!(error instanceof DeskError)) throw error;
          problem(field, error.message.replace(/^[a-z_]+: /, ''), error.hint);
        }
        break;
      case 'number': {
        const number = text.toUpperCase();
        if (!NUMBER_TEXT.test(number) || /^\d+$/.test(number)) {
          problem(field, `${quote(text)} cannot be a ticket number (letters, digits, - . _ /, not digits alone)`, 'an identifier from another system belongs in external_id: --map COLUMN=external_id');
        } else set.number = number;
        break;
      }
      case 'channel':
      case 'type':
      case 'impact':
      case 'urgency':
      case 'status': {
        const value = findTerm(ctx.vocabulary.labels, field, text);
        if (value === null) problem(field, `unknown value ${quote(text)}`, `accepted: ${acceptedTerms(ctx.vocabulary.labels, field)}`);
        else {
          set[field] = value;
          if (field === 'status') statusGiven = true;
          if (field === 'urgency') urgencyGiven = true;
        }
        break;
      }
      case 'escalated':
      case 'response_met':
      case 'dispatch_met':
      case 'resolve_met': {
        const flag = BOOLEANS[text.toLowerCase()];
        if (flag === undefined) problem(field, `${quote(text)} is not true or false`, 'accepted: true, false, yes, no, 1, 0, 是, 否');
        else set[field] = flag;
        break;
      }
      case 'collaborators': {
        const teams = [...new Set(text.split(/[;,、，|]/).map((t) => t.trim()).filter(Boolean))];
        for (const team of teams) if (ctx.knownTeams && !ctx.knownTeams.has(team)) notes.count(notes.unknownTeams, team);
        set.collaborators = teams;
        break;
      }
      case 'title': {
        const tooLong = lengthProblem(text, 'title', ctx.limits ?? DEFAULT_TEXT_LIMITS);
        if (tooLong) problem(field, tooLong, 'put the details in the description');
        else set.title = text;
        break;
      }
      case 'contact':
        if (MASKED.test(text)) notes.maskedContacts++;
        else set.contact = text;
        break;
      case 'team':
        if (ctx.knownTeams && !ctx.knownTeams.has(text)) notes.count(notes.unknownTeams, text);
        set.team = text;
        break;
      case 'assignee':
        if (ctx.knownAgents && !ctx.knownAgents.has(text)) notes.count(notes.unknownAgents, text);
        set.assignee = text;
        break;
      case 'external_id':
      case 'requester':
      case 'department':
      case 'category':
      case 'classified_by':
      case 'dispatched_by':
      case 'updated_by':
      case 'complaint_against':
        if (text.length > MAX_NAME) problem(field, `${text.length} characters is too long (at most ${MAX_NAME})`);
        else set[field] = text;
        break;
      case 'description':
      case 'escalation_reason':
      case 'solution':
      case 'steps':
      case 'remaining':
      case 'callback_note':
      case 'complaint_cause':
      case 'complaint_action':
      case 'complaint_penalty':
      case 'complaint_feedback': {
        const tooLong = lengthProblem(text, field, ctx.limits ?? DEFAULT_TEXT_LIMITS);
        if (tooLong) problem(field, tooLong, 'shorten it, or raise limits.text in desk.yaml');
        else set[field] = text;
        break;
      }
      default: {
        // The times.
        try {
          set[field] = ctx.instants.read(text, field);
          if (field === 'created_at') createdGiven = true;
        } catch (error) {
          if (!(error instanceof DeskError)) throw error;
          problem(field, error.message.replace(/^[a-z_]+: /, ''), error.hint);
        }
      }
    }
  }

  if (!ticket.title && !problems.some((p) => p.field === 'title')) problem('title', 'the title is empty', 'every ticket needs a title');
  const created = createdGiven ? ticket.created_at : null;
  if (!createdGiven && !problems.some((p) => p.field === 'created_at')) ticket.created_at = ctx.now;
  for (const field of PAST) {
    const at = ticket[field];
    if (at !== null && at > ctx.now + TOLERANCE_MS) problem(field, `${cellOf(raw, field)} is in the future`, 'give the time it happened');
  }
  if (created !== null) {
    for (const field of AFTER_CREATION) {
      const at = ticket[field];
      if (at !== null && at < created - TOLERANCE_MS) problem(field, `${cellOf(raw, field)} is before created_at ${cellOf(raw, 'created_at')}`, 'check both times and their time zones');
    }
  }
  if (ticket.callback_at !== null && ticket.callback_outcome !== null && ticket.callback_outcome !== 'reached') {
    problem('callback_outcome', `a call-back at ${cellOf(raw, 'callback_at')} reached the requester, not ${ticket.callback_outcome}`, 'callback_at is the time of the reached call-back: leave it empty for an attempt that failed');
  }
  if (problems.length) return { ok: false, problems };

  // Urgency defaults to normal once the rules had their say (startImportedClock); a missing
  // status follows the times.
  if (!statusGiven) ticket.status = inferStatus(ticket);
  if (identityOf(ticket) === null) notes.withoutIdentity++;
  // Fields the source classified are the source's decision: the rules leave them alone, as
  // they leave fields an operator set by hand (and a round trip keeps what was manual).
  if (ticket.classified_by === null || ticket.classified_by.split(',').includes('manual')) {
    const manual: string[] = [];
    if (ticket.type !== null) manual.push('type');
    if (ticket.category !== null) manual.push('category');
    if (urgencyGiven) manual.push('urgency');
    ticket.manual_fields = manual;
  }
  const given = statusGiven && urgencyGiven && createdGiven ? fields : fields.filter((f) => (f !== 'status' || statusGiven) && (f !== 'urgency' || urgencyGiven) && (f !== 'created_at' || createdGiven));
  return { ok: true, ticket, given };
}

/** A row without a status is as far along as its times say. */
function inferStatus(ticket: ImportTicket): Status {
  if (ticket.closed_at !== null) return 'closed';
  if (ticket.resolved_at !== null) return 'resolved';
  if (ticket.first_response_at !== null && (ticket.team !== null || ticket.assignee !== null)) return 'in_progress';
  if (ticket.team !== null || ticket.assignee !== null || ticket.dispatched_at !== null) return 'dispatched';
  return 'new';
}

/**
 * "data.csv:12: column "紧急程度" (urgency): unknown value "高"" — the one-line form of a problem,
 * also when the cell, the column name or the JSON parser's message holds a line break.
 */
export function describeProblem(source: string, p: RowProblem): string {
  const where = p.column === null ? '' : p.field !== null && p.field !== p.column ? `column "${p.column}" (${p.field}): ` : `column "${p.column}": `;
  return escapeControls(`${source}:${p.line}: ${where}${p.message}${p.hint ? ` (${p.hint})` : ''}`);
}

