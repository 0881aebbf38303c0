// Ticket numbers: PREFIX-YYYYMM-NNNNN, the sequence restarting every month; references to tickets;
// and which numbers an import keeps, and how it draws the others.
import { NotFoundError, UsageError } from './errors.js';

export interface NumberingSettings {
  prefix: string;
  digits: number;
}

export function sequenceName(prefix: string, month: string): string {
  return `${prefix}-${month}`;
}

export function formatTicketNumber(sequence: string, value: number, digits: number): string {
  return `${sequence}-${String(value).padStart(digits, '0')}`;
}

/** The text a ticket number may be, the desk's own or one imported from another system (upper case). */
export const NUMBER_TEXT = /^[A-Z0-9][A-Z0-9._/-]{0,63}$/;

/** What a reference is read against: the desk's numbering and the month "this month" is (YYYYMM, in the desk's zone). */
export interface RefScope extends NumberingSettings {
  month: string;
}

/** A bare integer: id `bare`, or number `bare` of the month the reference was read in. */
export interface BareRef {
  bare: number;
  month: string;
  thisMonth: string;
}

/**
 * A command-line reference to a ticket: its id (`#13`), its number (`SD-202611-00013`, or
 * `2611-13` in the desk's prefix), or a bare integer that may mean either (see chooseBareRefTicket).
 */
export type TicketRef = { id: number } | { number: string } | BareRef;

const DESK_NUMBER = /^([A-Z][A-Z0-9]{0,9})-(\d{6})-(\d+)$/;
const SHORT_NUMBER = /^(\d{4}|\d{6})-(\d+)$/;

/** Reads `#13`, `SD-202611-00013` (any case, zeros optional), `2611-13`, `202611-13`, `13`, or another system's number. */
export function parseTicketRef(text: string, scope: RefScope): TicketRef {
  const trimmed = text.trim();
  const upper = trimmed.toUpperCase();
  const malformed = (message = `"${trimmed}" is not a ticket reference`) =>
    new UsageError(message, `write a number (${exampleNumber(scope)} or ${scope.month.slice(2)}-42), '#42' for the id, or 42 when that is unambiguous`);
  const integer = (digits: string) => {
    const value = Number(digits);
    if (!Number.isSafeInteger(value)) throw malformed();
    return value;
  };

  if (trimmed.startsWith('#')) {
    if (!/^#\d+$/.test(trimmed)) throw malformed();
    return { id: integer(trimmed.slice(1)) };
  }
  if (/^\d+$/.test(trimmed)) {
    const bare = integer(trimmed);
    return { bare, month: scope.month, thisMonth: formatTicketNumber(sequenceName(scope.prefix, scope.month), bare, scope.digits) };
  }
  const short = SHORT_NUMBER.exec(trimmed);
  if (short) {
    const month = short[1]!.length === 4 ? `20${short[1]}` : short[1]!;
    if (!(Number(month.slice(4)) >= 1 && Number(month.slice(4)) <= 12)) throw malformed(`"${trimmed}": ${month.slice(4)} is not a month`);
    return { number: formatTicketNumber(sequenceName(scope.prefix, month), integer(short[2]!), scope.digits) };
  }
  const own = DESK_NUMBER.exec(upper);
  // The desk's own numbers are padded to its digits; another desk's keep the zeros they were imported with.
  if (own && own[1] === scope.prefix) return { number: formatTicketNumber(sequenceName(own[1], own[2]!), integer(own[3]!), scope.digits) };
  if (NUMBER_TEXT.test(upper) && /[A-Z]/.test(upper) && /\d/.test(upper)) return { number: upper };
  throw malformed();
}

function exampleNumber(scope: RefScope): string {
  return formatTicketNumber(sequenceName(scope.prefix, scope.month), 42, scope.digits);
}

/** The operator's reference as an error message repeats it. */
function describeRef(ref: TicketRef): string {
  if ('bare' in ref) return String(ref.bare);
  return 'id' in ref ? `#${ref.id}` : ref.number;
}

export function ticketNotFound(ref: TicketRef): NotFoundError {
  return new NotFoundError(`no ticket ${describeRef(ref)}`, 'list tickets with `desk list`');
}

/**
 * The ticket a bare integer names, given the ticket with that id and this month's ticket with
 * that number: taken when they are the same ticket or only one exists, refused when they differ,
 * so that no command acts on a ticket the operator did not mean.
 */
export function chooseBareRefTicket<T extends { id: number; number: string }>(ref: BareRef, byId: T | undefined, byNumber: T | undefined): T {
  if (byId && byNumber && byId.id !== byNumber.id) {
    throw new UsageError(
      `ticket ${ref.bare} is ambiguous: id ${ref.bare} is ${byId.number}, number ${ref.bare} of this month is ${byNumber.number}`,
      `write '#${ref.bare}' for the id, or ${ref.month.slice(2)}-${ref.bare} for this month's number`,
    );
  }
  const ticket = byId ?? byNumber;
  if (!ticket) throw ticketNotFound(ref);
  return ticket;
}

/**
 * How the desk numbers tickets: the sequence a ticket created at an instant draws from, the
 * number of a sequence's value, and the sequence and value of a number in the desk's own pattern.
 */
export interface TicketNumbering {
  sequenceOf(createdAt: number): string;
  format(sequence: string, value: number): string;
  /** Null for a number of another pattern (another system's, another prefix). */
  parse(number: string): { sequence: string; value: number } | null;
}

/** PREFIX-YYYYMM-NNNNN, YYYYMM the month of the ticket's creation as `monthOf` reads it (in the desk's zone). */
export function createDeskNumbering(settings: NumberingSettings, monthOf: (instant: number) => string): TicketNumbering {
  const own = new RegExp(`^(${settings.prefix}-\\d{6})-(\\d+)$`);
  return {
    sequenceOf: (createdAt) => sequenceName(settings.prefix, monthOf(createdAt)),
    format: (sequence, value) => formatTicketNumber(sequence, value, settings.digits),
    parse: (number) => {
      const match = own.exec(number);
      return match ? { sequence: match[1]!, value: Number(match[2]) } : null;
    },
  };
}

/** A new ticket of an import: the number its source gave it, if any, and when it was created. */
export interface NumberRequest {
  given: string | null;
  createdAt: number;
}

export interface ImportNumberPlan {
  /** Each request's own number where it keeps it; null where it draws one. */
  kept: (string | null)[];
  /**
   * The sequences of kept numbers in the desk's own pattern, each with the highest value kept:
   * the sequence is moved up to it, so that no number drawn later repeats a kept one.
   */
  floors: Map<string, number>;
  /** The requests that draw a number, by the sequence they draw from (in the order first needed). */
  draws: Map<string, number[]>;
}

/**
 * Which numbers an import keeps: a number the source gives is kept when no ticket has it
 * (`taken`) and no earlier request kept it; every other request draws the next number of the
 * sequence of its creation month.
 */
export function planImportNumbers(requests: readonly NumberRequest[], taken: ReadonlySet<string>, numbering: TicketNumbering): ImportNumberPlan {
  const plan: ImportNumberPlan = { kept: [], floors: new Map(), draws: new Map() };
  const kept = new Set<string>();
  requests.forEach(({ given, createdAt }, i) => {
    if (given !== null && !taken.has(given) && !kept.has(given)) {
      plan.kept.push(given);
      kept.add(given);
      const own = numbering.parse(given);
      if (own) plan.floors.set(own.sequence, Math.max(plan.floors.get(own.sequence) ?? own.value, own.value));
      return;
    }
    plan.kept.push(null);
    const sequence = numbering.sequenceOf(createdAt);
    const waiting = plan.draws.get(sequence);
    if (waiting) waiting.push(i);
    else plan.draws.set(sequence, [i]);
  });
  return plan;
}

/** The numbers of `count` values of the sequence drawn from `first` on. */
export function formatDrawnNumbers(numbering: TicketNumbering, sequence: string, first: number, count: number): string[] {
  return Array.from({ length: count }, (_, k) => numbering.format(sequence, first + k));
}

/**
 * Gives the numbers of a draw to the requests waiting on its sequence. The first draw holds a
 * value for each request: the k-th request takes the k-th number unless it is unavailable (a
 * ticket or this batch has it). A later draw is given in turn: each available number to the next
 * request still waiting. Returns the numbers given and the requests that wait for another draw.
 */
export function fitDrawnNumbers(
  waiting: readonly number[],
  drawn: readonly string[],
  unavailable: (number: string) => boolean,
  draw: 'first' | 'later',
): { given: [request: number, number: string][]; waiting: number[] } {
  const given: [number, string][] = [];
  if (draw === 'first') {
    const still: number[] = [];
    waiting.forEach((request, k) => (unavailable(drawn[k]!) ? still.push(request) : given.push([request, drawn[k]!])));
    return { given, waiting: still };
  }
  let next = 0;
  for (const number of drawn) if (next < waiting.length && !unavailable(number)) given.push([waiting[next++]!, number]);
  return { given, waiting: waiting.slice(next) };
}
