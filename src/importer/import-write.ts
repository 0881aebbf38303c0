// What an import writes of its checked rows (DESIGN.md "Import and export"): a row whose ticket is
// stored already is skipped, or with --update brought up to the row; a new one is numbered,
// planned (rule dispatch) and inserted with its import event first in its trail. The store
// answers what is stored and writes; what to write is decided here.
import { changeEvents, type TrailEvent } from '../domain/change-events.js';
import { diffPatch, type Plan } from '../domain/lifecycle.js';
import { fitDrawnNumbers, formatDrawnNumbers, planImportNumbers, type TicketNumbering } from '../domain/numbering.js';
import type { Settlement } from '../domain/settlement.js';
import type { EventData, Ticket, TicketPatch } from '../domain/ticket.js';
import type { ImportBatch, ImportedLink, ImportLookup, ImportSession, ImportTicket, WriteOptions } from '../store/store.js';
import { identityOf, repeatsEarlierRow } from './row-identity.js';

/** One validated row of an import. */
export interface ImportRecord {
  /** Line of the source where the row starts; the import event records it. */
  line: number;
  ticket: ImportTicket;
  /** The fields the row had a column for; `--update` changes only these. */
  given: readonly string[];
  /** Changes made before writing (rule classification), recorded as events after the import event. */
  events: TrailEvent[];
  /** The deadlines the row's own times settle. */
  settlements: readonly Settlement[];
}

export interface ImportWriteOptions extends WriteOptions {
  /** Rows per transaction. */
  batchSize: number;
  /** The file as named in the import event ("stdin" for -). */
  source: string;
  /** How new tickets are numbered: which monthly sequence, in which pattern. */
  numbering: TicketNumbering;
  /** Plans applied to each new ticket before it is written (rule dispatch), each its own event. */
  plansForNew: readonly Plan[];
  /** With --update: the patch that brings a stored ticket up to its row; null skips stored tickets. */
  update: ((existing: Ticket, record: ImportRecord) => ImportUpdate | null) | null;
  /** The links the rows' cells name, gathered for the end of the run (ImportSession.writeLinks). */
  links?: LinksOfRun;
}

/** What a run gathers of its rows' links: each by the number its ticket has, and the numbers the import gave in place of a row's. */
export interface LinksOfRun {
  links: ImportedLink[];
  renumbered: Map<string, string>;
}

/** The links gathered, both ends named by the numbers the tickets have now. */
export function resolvedLinks(run: LinksOfRun): ImportedLink[] {
  const now = (number: string) => run.renumbered.get(number) ?? number;
  return run.links.map(({ number, link }) => ({ number: now(number), link: { ...link, ticket: now(link.ticket) } }));
}

/** What `--update` writes of a row: the patch, and the current cycle's settlements when the times changed them (else null). */
export interface ImportUpdate {
  patch: TicketPatch;
  settlements: readonly Settlement[] | null;
}

export interface ImportCounts {
  inserted: number;
  updated: number;
  /** Rows whose ticket is already there (and, with --update, already the same). */
  skipped: number;
}

/** Writes the records in the session's batches of exactly `options.batchSize` rows. */
export async function writeImportRecords(session: ImportSession, records: readonly ImportRecord[], options: ImportWriteOptions): Promise<ImportCounts> {
  const counts: ImportCounts = { inserted: 0, updated: 0, skipped: 0 };
  await session.write(records, options.batchSize, (part, batch) => writePart(batch, part, options, counts));
  return counts;
}

/** What writeImportRecords would do, writing nothing (--dry-run). */
export async function previewImportRecords(lookup: ImportLookup, records: readonly ImportRecord[], options: Pick<ImportWriteOptions, 'update'>): Promise<ImportCounts> {
  const counts: ImportCounts = { inserted: 0, updated: 0, skipped: 0 };
  const keys = records.map((r) => identityOf(r.ticket));
  const update = options.update;
  if (update === null) {
    for (const id of await lookup.findTicketIds(keys)) id === null ? counts.inserted++ : counts.skipped++;
    return counts;
  }
  const tickets = await lookup.findTickets(keys);
  records.forEach((record, i) => {
    const ticket = tickets[i]!;
    const patch = ticket && update(ticket, record)?.patch;
    if (ticket === null) counts.inserted++;
    else if (patch && Object.keys(diffPatch(ticket, patch)).length) counts.updated++;
    else counts.skipped++;
  });
  return counts;
}

async function writePart(batch: ImportBatch, records: readonly ImportRecord[], options: ImportWriteOptions, counts: ImportCounts): Promise<void> {
  const keys = records.map((r) => identityOf(r.ticket));
  // Only --update needs the stored ticket itself; skipping needs no more than its id.
  const stored: (Ticket | number | null)[] = options.update === null ? await batch.findTicketIds(keys) : await batch.findTickets(keys);
  const repeats = repeatsEarlierRow(keys);
  const fresh = records.flatMap((_, i) => (stored[i] === null && !repeats[i] ? [i] : []));
  const numbers = await chooseNumbers(batch, fresh.map((i) => records[i]!.ticket), options.numbering);
  let next = 0;
  for (const [i, record] of records.entries()) {
    const found = stored[i];
    const given = record.ticket.number;
    const links = record.ticket.links;
    if (found === null && fresh[next] === i) {
      const number = numbers[next++]!;
      await insertNew(batch, record, number, options);
      counts.inserted++;
      if (given !== null && given !== number) options.links?.renumbered.set(given, number);
      if (links?.length) options.links?.links.push(...links.map((link) => ({ number, link })));
      continue;
    }
    // A row stored already (a re-run after a kill) still names its links: the run writes them if missing.
    if (links?.length && given !== null) options.links?.links.push(...links.map((link) => ({ number: given, link })));
    if (found !== null && options.update !== null && (await updateStored(batch, found as Ticket, record, options))) counts.updated++;
    else counts.skipped++;
  }
}

/** Numbers for new tickets, by planImportNumbers and fitDrawnNumbers, drawn inside the batch. */
async function chooseNumbers(batch: ImportBatch, tickets: readonly ImportTicket[], numbering: TicketNumbering): Promise<string[]> {
  const requests = tickets.map((t) => ({ given: t.number, createdAt: t.created_at }));
  const given = requests.flatMap((r) => (r.given === null ? [] : [r.given]));
  const plan = planImportNumbers(requests, given.length ? await batch.takenNumbers(given) : new Set(), numbering);
  for (const [sequence, value] of plan.floors) await batch.advanceSequence(sequence, value);
  const numbers = plan.kept;
  const used = new Set(numbers.filter((n) => n !== null));
  for (const [sequence, requesting] of plan.draws) {
    let waiting = requesting;
    for (let draw: 'first' | 'later' = 'first'; waiting.length; draw = 'later') {
      const first = await batch.drawNumbers(sequence, waiting.length);
      const drawn = formatDrawnNumbers(numbering, sequence, first, waiting.length);
      const taken = await batch.takenNumbers(drawn);
      const fit = fitDrawnNumbers(waiting, drawn, (n) => used.has(n) || taken.has(n), draw);
      for (const [i, number] of fit.given) {
        numbers[i] = number;
        used.add(number);
      }
      waiting = fit.waiting;
    }
  }
  return numbers as string[];
}

/** `{"source": …, "line": N, "text": "imported from …, line N"}`, and what changed for an update. */
function importEvent(source: string, line: number, changes?: Record<string, [unknown, unknown]>): TrailEvent {
  const data: EventData = { source, line, text: `imported from ${source}, line ${line}` };
  if (changes) data.changes = changes;
  return { kind: 'import', data };
}

async function insertNew(batch: ImportBatch, record: ImportRecord, number: string, options: ImportWriteOptions): Promise<void> {
  // The record is this batch's own: it becomes the ticket in place.
  const id = record.ticket.id;
  const ticket = record.ticket as unknown as Ticket;
  ticket.id = 0;
  ticket.number = number;
  ticket.version ??= 1;
  ticket.updated_at ??= options.now;
  ticket.updated_by ??= options.actor;
  const events = [importEvent(options.source, record.line), ...record.events];
  const settlements = [...record.settlements];
  let changes = record.events.length;
  for (const plan of options.plansForNew) {
    const change = await plan(ticket, batch.tools);
    if (!change) continue;
    if (change.settlements) settlements.push(...change.settlements);
    events.push(...changeEvents(ticket, change));
    Object.assign(ticket, change.bookkeeping, change.patch);
    changes++;
  }
  // Each change made before writing is a version, as if the ticket had been written first.
  if (changes) {
    ticket.version += changes;
    ticket.updated_at = options.now;
    ticket.updated_by = options.actor;
  }
  await batch.insertTicket({ ticket, id, events, settlements }, options);
}

/** Applies `--update` to a stored ticket; false when it already matches the row. */
async function updateStored(batch: ImportBatch, stored: Ticket, record: ImportRecord, options: ImportWriteOptions): Promise<boolean> {
  const update = options.update!(stored, record);
  if (!update) return false;
  const changes = diffPatch(stored, update.patch);
  const fields = Object.keys(changes);
  if (!fields.length) return false;
  const patch = Object.fromEntries(fields.map((f) => [f, update.patch[f as keyof TicketPatch]])) as TicketPatch;
  await batch.updateTicket({ ticket: stored, patch, event: importEvent(options.source, record.line, changes), settlements: update.settlements }, options);
  return true;
}
