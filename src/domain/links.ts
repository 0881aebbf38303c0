// Linked and merged tickets (issue #19). A link between two tickets is stored once and read from
// both ends; a pair of tickets has one link at most, so a new one replaces the old. A merge closes
// a duplicate into the ticket that carries the case on: the duplicate keeps its own trail, and the
// other gets a note naming it.
import { InvalidTransitionError, NotFoundError, UsageError } from './errors.js';
import { expectVersion, requireText, type Change, type PlanTools } from './lifecycle.js';
import { refusal } from './status-machine.js';
import { isOpen, type LinkNote, type LinkRole, type Ticket } from './ticket.js';
import { readListedRecords } from './listed-records.js';

/** The links an operator makes: `parent` means the first ticket is the parent of the second. */
export const LINK_KINDS = ['related', 'duplicate', 'parent'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** A stored link also records a merge: `from` was merged into `to`. */
export type StoredLinkKind = LinkKind | 'merged';

/** One link as stored: `from_id` is the parent of a parent link and the duplicate of a merge. */
export interface Link {
  from_id: number;
  to_id: number;
  kind: StoredLinkKind;
  linked_at: number;
  linked_by: string;
}

/** How the ticket `id` stands to the other ticket of `link`. */
export function roleOf(link: Pick<Link, 'from_id' | 'kind'>, id: number): LinkRole {
  if (link.kind === 'parent') return link.from_id === id ? 'parent_of' : 'child_of';
  if (link.kind === 'merged') return link.from_id === id ? 'merged_into' : 'merged_from';
  return link.kind;
}

/** What becomes of the link between the two tickets of a pair write: set (from the first or the second), removed, or left. */
export type LinkWrite = { set: StoredLinkKind; from: 'first' | 'second' } | { remove: true } | null;

export interface PairChange {
  first: Change | null;
  second: Change | null;
  link: LinkWrite;
}

/**
 * A plan over two tickets at once, given as they stand in the write with the link between them
 * (null when there is none); the store writes both changes and the link in one transaction.
 */
export type PairPlan = (first: Ticket, second: Ticket, link: Link | null, tools: PairTools) => PairChange | Promise<PairChange>;

/** What a pair plan may ask the store beside what every plan may. */
export interface PairTools extends PlanTools {
  /** The ids of the tickets above this one by parent links (its parent, their parents, …), leaving out a link from `apartFrom` to it. */
  ancestors(ticketId: number, apartFrom: number): Promise<readonly number[]>;
}

/** Guards a pair plan made from what the operator saw of the first ticket (--if-version), as expectVersion guards a plan. */
export function expectFirstVersion(plan: PairPlan, version: number, describeTime: (ms: number) => string): PairPlan {
  const guard = expectVersion(() => null, version, describeTime);
  return async (first, second, link, tools) => {
    await guard(first, tools);
    return plan(first, second, link, tools);
  };
}

export const UNCHANGED: PairChange = { first: null, second: null, link: null };

export function parseLinkKind(text: string | undefined): LinkKind {
  const kind = text?.trim().toLowerCase();
  if (!(LINK_KINDS as readonly (string | undefined)[]).includes(kind)) {
    throw new UsageError(text === undefined ? '--as is required: how are the tickets linked?' : `--as: unknown link "${text}"`, `accepted: ${LINK_KINDS.join(', ')} (--as parent: the first ticket is the parent of the second)`);
  }
  return kind as LinkKind;
}

function notSelf(first: Ticket, second: Ticket, what: string): void {
  if (first.id === second.id) throw new UsageError(`cannot ${what} ${first.number} with itself`, 'give two different tickets');
}

function keepMerge(first: Ticket, second: Ticket, link: Link): never {
  const [merged, into] = link.from_id === first.id ? [first, second] : [second, first];
  throw new UsageError(`${merged.number} was merged into ${into.number}: that link stays`, 'a merge is final; link other tickets instead');
}

function note(kind: 'link' | 'unlink', other: Ticket, as: LinkRole, was?: LinkRole): Change {
  const link: LinkNote = { ticket: other.number, as };
  if (was !== undefined) link.was = was;
  return { kind, patch: {}, link };
}

/** Links the first ticket to the second; a link the pair already has gives way to it. */
export function planLink(kind: LinkKind): PairPlan {
  return async (first, second, link, tools) => {
    notSelf(first, second, 'link');
    if (link?.kind === 'merged') keepMerge(first, second, link);
    // The pair's own link is replaced by this one, so it does not count as a way up.
    if (kind === 'parent' && (await tools.ancestors(first.id, second.id)).includes(second.id)) {
      throw new UsageError(
        `${second.number} is above ${first.number} already, by parent links: making it ${first.number}'s child would close a circle`,
        `link them as related instead, or remove the parent link above ${first.number} first (desk show ${first.number} lists its links)`,
      );
    }
    const from = kind === 'parent' ? first.id : link?.kind === kind ? link.from_id : first.id;
    if (link && link.kind === kind && link.from_id === from) return UNCHANGED;
    const set = { from_id: from, kind };
    const was = (t: Ticket) => (link ? roleOf(link, t.id) : undefined);
    return {
      first: note('link', second, roleOf(set, first.id), was(first)),
      second: note('link', first, roleOf(set, second.id), was(second)),
      link: { set: kind, from: from === first.id ? 'first' : 'second' },
    };
  };
}

/** Removes the link between the two tickets, of the kind given when one is. */
export function planUnlink(kind: LinkKind | undefined): PairPlan {
  return (first, second, link) => {
    notSelf(first, second, 'unlink');
    if (!link || (kind !== undefined && link.kind !== kind)) {
      throw new NotFoundError(`${first.number} and ${second.number} have no ${kind === undefined ? '' : `${kind} `}link`, `see the links of each with \`desk show ${first.number}\``);
    }
    if (link.kind === 'merged') keepMerge(first, second, link);
    return { first: note('unlink', second, roleOf(link, first.id)), second: note('unlink', first, roleOf(link, second.id)), link: { remove: true } };
  };
}

/**
 * Merges the first ticket, an open duplicate, into the second: the duplicate is closed as merged
 * and the second, which must still be able to answer its caller (open or resolved, not closed or
 * merged), carries the case on and gets a note with the reason.
 */
export function planMerge(reason: string | undefined, now: number): PairPlan {
  const why = requireText(reason, '--reason');
  return (first, second) => {
    if (first.id === second.id) throw new UsageError(`cannot merge ${first.number} into itself`, 'give --into the ticket that carries the case on');
    if (!isOpen(first.status)) throw refusal(first, 'only an open ticket can be merged into another');
    if (second.status === 'merged') {
      throw new InvalidTransitionError(`${second.number} is itself merged: cannot merge ${first.number} into a merged ticket`, `merge into the ticket ${second.number} was merged into (see \`desk show ${second.number}\`)`);
    }
    if (second.status === 'closed') {
      throw new InvalidTransitionError(`${second.number} is closed: it will not be called back for ${first.number}`, `reopen it first (desk reopen ${second.number} --reason "…"), or link the tickets instead (desk link ${first.number} ${second.number} --as duplicate)`);
    }
    return {
      first: { kind: 'merge', patch: { status: 'merged', closed_at: now }, reason: why, link: { ticket: second.number, as: 'merged_into' } },
      second: { kind: 'note', patch: {}, text: why, link: { ticket: first.number, as: 'merged_from' } },
      link: { set: 'merged', from: 'first' },
    };
  };
}

/** How a ticket may stand to another, as its export cell and `show` name it. */
export const LINK_ROLES: readonly LinkRole[] = ['related', 'duplicate', 'parent_of', 'child_of', 'merged_into', 'merged_from'];

/** A link as a ticket's export cell lists it: how the ticket stands to the other, named by its number. */
export interface TicketLink {
  as: LinkRole;
  ticket: string;
  linked_at: number;
  linked_by: string;
}

/** A link in the JSON shape of an export's `links` cell. */
export function ticketLinkJson(link: TicketLink, time: (ms: number) => string): Record<string, unknown> {
  return { as: link.as, ticket: link.ticket, linked_at: time(link.linked_at), linked_by: link.linked_by };
}

/** The links of an imported cell (the JSON of an export); throws a message naming what is wrong. */
export function readTicketLinks(value: unknown, readTime: (text: string, field: string) => number): TicketLink[] {
  return readListedRecords(value, { one: 'link', many: 'links' }, readTime, ({ text, time, record }, place) => {
    if (!(LINK_ROLES as readonly unknown[]).includes(record.as)) throw new UsageError(`${place}: as must be one of ${LINK_ROLES.join(', ')}`);
    return { as: record.as as LinkRole, ticket: text('ticket', true)!.trim(), linked_at: time('linked_at', true)!, linked_by: text('linked_by', true)! };
  });
}

/** The stored link that `as` describes from this ticket's end: its kind, and whether this ticket is the link's `from`. */
export function storedLinkOf(as: LinkRole): { kind: StoredLinkKind; fromThis: boolean } {
  if (as === 'parent_of' || as === 'child_of') return { kind: 'parent', fromThis: as === 'parent_of' };
  if (as === 'merged_into' || as === 'merged_from') return { kind: 'merged', fromThis: as === 'merged_into' };
  return { kind: as, fromThis: true };
}
