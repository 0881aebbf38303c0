// What a command says about itself: its name, arguments, flags and examples, typed against the
// options its `run` receives. A declaration holds only text, types and the loader of its command,
// so the whole command line is declared without loading a single command (initialising every
// command module at start measured about 100 ms more per run).
import type { Command } from 'commander';
import type { Context } from './context.js';

/** A flag that takes a value: `--to <agent>`. */
export interface ValueFlag {
  syntax: `--${string} <${string}>`;
  description: string;
  /** The value when the flag is not given (only for what config cannot set: STYLE habit 6). */
  default?: string;
  hidden?: boolean;
}

/** A flag that takes no value: `--force`, or `--no-auto` to turn a default off. */
export interface SwitchFlag {
  syntax: `--${string}`;
  description: string;
  hidden?: boolean;
}

/** A flag given once per value, collected into a list: `--map a=b --map c=`. */
export interface ListFlag extends ValueFlag {
  repeatable: true;
}

type FlagOf<V> = [NonNullable<V>] extends [boolean] ? SwitchFlag | readonly SwitchFlag[] : [NonNullable<V>] extends [readonly string[]] ? ListFlag : ValueFlag;

/** One declaration per option of the command: a switch for a boolean, a value flag for a string, a repeatable flag for a list. */
export type Flags<O> = { readonly [K in keyof O]-?: FlagOf<O[K]> };

export interface ArgumentDeclaration {
  /** `<ticket>`, `[tickets...]`: commander's syntax for required, optional and variadic. */
  syntax: string;
  description: string;
}

export interface CommandInput<O> {
  /** The positional arguments, flattened (variadic ones included). */
  args: string[];
  options: O;
  /** The whole command tree, for the command that describes it (completion). */
  tree: () => Command;
}

export interface CommandModule<O> {
  run(input: CommandInput<O>, ctx: Context): Promise<number | void>;
}

export interface CommandDeclaration<O = Record<string, never>> {
  name: string;
  description: string;
  examples: readonly string[];
  arguments?: readonly ArgumentDeclaration[];
  flags: Flags<O>;
  load(): Promise<CommandModule<O>>;
}

/** A word that only groups commands: `desk sla check`, `desk rules test`. */
export interface GroupDeclaration {
  name: string;
  description: string;
  examples: readonly string[];
  commands: readonly AnyCommandDeclaration[];
}

// The options type is the command's own business; the program only hands over what commander read.
export type AnyCommandDeclaration = CommandDeclaration<any>;

export const isGroup = (declaration: AnyCommandDeclaration | GroupDeclaration): declaration is GroupDeclaration => 'commands' in declaration;

/** Declares a command; the identity function that lets TypeScript check the flags against `O`. */
export function declareCommand<O>(declaration: CommandDeclaration<O>): CommandDeclaration<O> {
  return declaration;
}

// Flags and arguments that several commands share.

/** How a ticket is named on the command line (src/domain/numbering.ts parseTicketRef). */
export const TICKET: ArgumentDeclaration = {
  syntax: '<ticket>',
  description: "its number (SD-202611-00042, or 2611-42 in the desk's prefix), '#42' for the id, or 42 when that is unambiguous",
};
export const TICKETS: ArgumentDeclaration = {
  syntax: '[tickets...]',
  description: "ticket numbers (SD-202611-00042, or 2611-42 in the desk's prefix), '#42' for an id, or 42 when that is unambiguous",
};

export const IF_VERSION: ValueFlag = { syntax: '--if-version <n>', description: 'fail with exit 4 unless the ticket is still at this version' };
/** The flags every report takes, whatever its window (`desk report monthly`, the other periods, the appraisal). */
export const REPORT_FLAGS = {
  format: { syntax: '--format <format>', description: 'table, json, csv, md or html (default: table; json with --json)' },
  out: { syntax: '--out <file>', description: 'write to this file (atomically) instead of stdout' },
  team: { syntax: '--team <team>', description: 'only tickets of this primary team' },
  requester: { syntax: '--requester <name>', description: "only the caller's tickets, by name (case and spacing ignored)" },
  contact: { syntax: '--contact <phone|mail>', description: "only the caller's tickets, by phone or mail, however written" },
  compare: { syntax: '--compare', description: 'show the previous month beside each figure' },
  encoding: { syntax: '--encoding <name>', description: 'with --format csv: utf-8 (default) or e.g. gb18030 for Chinese Excel' },
  bom: { syntax: '--bom', description: 'with --format csv: start UTF-8 with a byte order mark (Excel reads Chinese text right)' },
} as const;
/** The flags that choose among a ticket's sampled records (`desk qa`). */
export const RECORD_FLAGS: { date: ValueFlag; agent: ValueFlag } = {
  date: { syntax: '--date <YYYY-MM-DD>', description: "the record's day, when the ticket was sampled on several" },
  agent: { syntax: '--agent <name>', description: "the record's agent, when the ticket was sampled for several" },
};
export const REVEAL: SwitchFlag = { syntax: '--reveal', description: 'show contact details unmasked' };

/** The ticket filters of `desk list`, for every command that selects tickets the same way (src/cli/ticket-filters.ts). */
export interface TicketFilterOptions {
  status?: string;
  team?: string;
  assignee?: string;
  type?: string;
  urgency?: string;
  channel?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  dueWithin?: string;
  requester?: string;
  contact?: string;
  supervised?: boolean;
}

export const TICKET_FILTERS: Flags<TicketFilterOptions> = {
  status: { syntax: '--status <statuses>', description: 'comma-separated statuses; "open" means not resolved or closed' },
  team: { syntax: '--team <team>', description: 'primary team' },
  assignee: { syntax: '--assignee <agent>', description: 'assigned agent' },
  type: { syntax: '--type <type>', description: 'ticket type' },
  urgency: { syntax: '--urgency <urgency>', description: 'normal, urgent or critical' },
  channel: { syntax: '--channel <channel>', description: 'channel' },
  from: { syntax: '--from <time>', description: 'created at or after' },
  to: { syntax: '--to <time>', description: 'created before' },
  overdue: { syntax: '--overdue', description: 'open tickets past their response or resolution due time' },
  dueWithin: { syntax: '--due-within <duration>', description: 'open tickets due for resolution within this time, e.g. 2h' },
  requester: { syntax: '--requester <name>', description: "the caller's tickets by name (case and spacing ignored)" },
  contact: { syntax: '--contact <phone|mail>', description: "the caller's tickets by phone or mail, however written (138 1234 5678, +86…)" },
  supervised: { syntax: '--supervised', description: 'tickets with a supervision order (督办), answered or not' },
};
