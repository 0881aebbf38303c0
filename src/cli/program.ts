// The commander tree. Each action imports its command module only when it runs, so `desk --help`
// loads neither SQLite nor YAML.
import { Command, Option } from 'commander';
import { createContext, type Context, type GlobalOptions, type World } from './context.js';

/** Set by the build from package.json. */
declare const DESK_VERSION: string;

/** A command module: `run` takes the positional arguments and the command's own options. */
export interface CommandModule {
  run(input: never, ctx: Context): Promise<number | void>;
}

type Loader = () => Promise<CommandModule>;

interface Hooks {
  started(ctx: Context): void;
  finished(code: number): void;
}

/** How a ticket is named on the command line (src/domain/numbering.ts parseTicketRef). */
const TICKET_REF = "its number (SD-202611-00042, or 2611-42 in the desk's prefix), '#42' for the id, or 42 when that is unambiguous";
const TICKET_REFS = "ticket numbers (SD-202611-00042, or 2611-42 in the desk's prefix), '#42' for an id, or 42 when that is unambiguous";

const IF_VERSION = ['--if-version <n>', 'fail with exit 4 unless the ticket is still at this version'] as const;

/** The ticket filters of `desk list`, for every command that selects tickets the same way (src/cli/ticket-filters.ts). */
const TICKET_FILTERS = [
  ['--status <statuses>', 'comma-separated statuses; "open" means not resolved or closed'],
  ['--team <team>', 'primary team'],
  ['--assignee <agent>', 'assigned agent'],
  ['--type <type>', 'ticket type'],
  ['--urgency <urgency>', 'normal, urgent or critical'],
  ['--channel <channel>', 'channel'],
  ['--from <time>', 'created at or after'],
  ['--to <time>', 'created before'],
  ['--overdue', 'open tickets past their response or resolution due time'],
  ['--due-within <duration>', 'open tickets due for resolution within this time, e.g. 2h'],
] as const;

function addTicketFilters(command: Command): Command {
  for (const [flags, description] of TICKET_FILTERS) command.option(flags, description);
  return command;
}

/** The first word of the command line that is neither a global option nor the value of one. */
function findCommandWord(argv: readonly string[], program: Command): string | null {
  const takesValue = new Set(program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short].filter((f): f is string => f !== undefined)));
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith('-')) return word;
    if (takesValue.has(word)) i++;
  }
  return null;
}

/**
 * Commander's "error: unknown command 'lst'" and "(Did you mean list?)" in the desk's own form of
 * every error: `desk: unknown command "lst"` and a hint.
 */
export function commanderError(text: string): string {
  const message = text.trimEnd().split('\n')[0]!.replace(/^error: /, '').replace(/'([^']*)'/g, '"$1"');
  const guess = /\(Did you mean (.+?)\?\)/.exec(text)?.[1];
  const hint = guess ? `did you mean ${guess}?` : message.startsWith('unknown command') ? '`desk --help` lists the commands' : message.startsWith('unknown option') ? '`desk <command> --help` lists its flags' : null;
  return `desk: ${message}\n${hint ? `hint: ${hint}\n` : ''}`;
}

/** Stands in for a command the run does not name: takes the same chained calls, keeps nothing (saves ~4 ms a start). */
const UNUSED: Command = new Proxy({} as Command, { get: () => () => UNUSED });

/**
 * The command tree. Given the command line, only the command it names is declared in full;
 * without one, or when the word names no command (help, a typo to suggest a fix for), all are.
 */
export function buildProgram(world: World, hooks: Hooks, argv?: readonly string[]): Command {
  const program = declareProgram(world, hooks, argv ?? null);
  return program.commands.length === 0 ? declareProgram(world, hooks, null) : program;
}

function declareProgram(world: World, hooks: Hooks, argv: readonly string[] | null): Command {
  const program = new Command('desk');
  let named: string | null = null;
  const used = (name: string, parent: Command) => (parent === program ? named === null || name === named : parent !== UNUSED);
  program
    .description('A command-line service desk: log, classify, dispatch and follow requests to closure.')
    .version(DESK_VERSION, '-V, --version')
    .option('--db <path>', 'database file (else $DESK_DB, else $XDG_DATA_HOME/desk/desk.db)')
    .option('--config <dir>', 'config directory (else $DESK_CONFIG, else ./config, else $XDG_CONFIG_HOME/desk)')
    .option('--json', 'machine-readable output on stdout')
    .option('--actor <name>', 'who is acting (else $DESK_ACTOR, else the OS user)')
    .option('--no-color', 'plain output without colour (also NO_COLOR)')
    .option('--tz <zone>', 'time zone for showing and reading times, e.g. Asia/Shanghai')
    .option('--lang <lang>', 'language of what is printed: en or zh (else desk.yaml, else LANG)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => world.io.stdout.write(text),
      writeErr: (text) => world.io.stderr.write(text),
      outputError: (text, write) => write(commanderError(text)),
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', '\nRun `desk <command> --help` for a command\'s flags and examples.');
  named = argv === null ? null : findCommandWord(argv, program);

  const define = (name: string, description: string, examples: string[], load: Loader, parent: Command = program): Command => {
    if (!used(name, parent)) return UNUSED;
    const command = parent
      .command(name)
      .description(description)
      .addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`)
      .action(async (...params: unknown[]) => {
        const self = params.at(-1) as Command;
        const args = params.slice(0, -2).flat().filter((a): a is string => typeof a === 'string');
        const ctx = createContext(world, self.optsWithGlobals<GlobalOptions>());
        hooks.started(ctx);
        const module = await load();
        // The whole tree, for the command that describes it (completion).
        const tree = () => declareProgram(world, hooks, null);
        const code = await module.run({ args, options: self.opts(), tree } as never, ctx);
        hooks.finished(code ?? 0);
      });
    return command;
  };

  const group = (name: string): Command => (used(name, program) ? program.command(name) : UNUSED);

  define('init', 'Write a config scaffold and create an empty database', ['desk init', 'desk --config ~/.config/desk init --sample'], () => import('./commands/init.js'))
    .option('--sample', 'fill the database with the sample tickets of fixtures/');

  define(
    'create',
    'Log a new request; prompts for missing fields in a terminal',
    [
      'desk create --title "Printer jams on floor 3" --requester "Li Lei" --channel phone',
      'desk create --title "VPN 无法连接" --requester 王芳 --channel email --department 财务部 --urgency urgent --json',
    ],
    () => import('./commands/create.js'),
  )
    .option('--title <text>', 'short summary (required)')
    .option('--requester <name>', 'who asked (required)')
    .option('--channel <channel>', 'phone, email, web, onsite (required; list in desk.yaml)')
    .option('--department <name>', "requester's department")
    .option('--contact <contact>', 'phone or e-mail of the requester')
    .option('--description <text>', 'the problem in the requester\'s words')
    .option('--description-file <path>', 'read the description from a file (- for stdin)')
    .option('--occurred-at <time>', 'when the problem started')
    .option('--created-at <time>', 'when the request came in, for tickets logged after the call')
    .option('--impact <scope>', 'single, department or company')
    .option('--type <type>', 'consultation, fault, request, complaint, suggestion')
    .option('--category <path>', 'category path such as hardware/printer')
    .option('--urgency <urgency>', 'normal (default), urgent or critical')
    .option('--team <team>', 'dispatch at once to this team')
    .option('--assignee <agent>', 'dispatch at once to this agent')
    .option('--collaborators <teams>', 'collaborating teams, comma-separated')
    .option('--external-id <id>', 'identifier in another system (unique)')
    .option('--auto', 'classify and dispatch by the rules at once (default: auto in desk.yaml)')
    .option('--no-auto', 'do not run the rules, whatever desk.yaml says')
    .option('--force', 'give the ticket to an assignee who is not in --team all the same');

  define('show', 'Show one ticket, or its printable service report', ['desk show SD-202611-00042', 'desk show 2611-42 --json --reveal', "desk show '#42' --format html --reveal > report.html"], () => import('./commands/show.js'))
    .argument('<ticket>', TICKET_REF)
    .option('--format <format>', 'text (default), or the service report as md or html')
    .option('--reveal', 'show contact details unmasked');

  addTicketFilters(
    define(
      'list',
      'List tickets, newest first',
      ['desk list --status open --team desktop', 'desk list --overdue --sort resolve_due_at', 'desk list --search 打印机 --limit 5 --json'],
      () => import('./commands/list.js'),
    ),
  )
    .option('--search <text>', 'text in title or description')
    .addOption(new Option('--sort <field>', 'sort field; prefix - for descending').default('-created_at'))
    .option('--limit <n>', 'at most this many tickets', '50')
    .option('--reveal', 'show contact details unmasked');

  define('history', "Show a ticket's audit trail", ['desk history SD-202611-00042', 'desk history 42 --json'], () => import('./commands/history.js'))
    .argument('<ticket>', TICKET_REF)
    .option('--reveal', 'show contact details unmasked');

  define(
    'classify',
    'Classify tickets by the rules of routing.yaml, or by hand with --type/--category/--urgency',
    ['desk classify --all-new', 'desk classify 42 --force', 'desk classify 42 --type fault --category hardware/printer --urgency urgent'],
    () => import('./commands/classify.js'),
  )
    .argument('[tickets...]', TICKET_REFS)
    .option('--all-new', 'every ticket still new')
    .option('--force', 'let the rules overwrite a classification set by hand')
    .option('--type <type>', 'ticket type')
    .option('--category <path>', 'category path, e.g. network/vpn')
    .option('--urgency <urgency>', 'normal, urgent or critical')
    .option(...IF_VERSION);

  define(
    'dispatch',
    'Dispatch tickets by the rules of routing.yaml, or by hand with --team/--to/--with',
    ['desk dispatch --all-pending', 'desk dispatch 42 --team desktop --to sun', 'desk dispatch 42 --team network --with applications'],
    () => import('./commands/dispatch.js'),
  )
    .argument('[tickets...]', TICKET_REFS)
    .option('--all-pending', 'every ticket waiting for dispatch (new or reopened)')
    .option('--team <team>', 'primary team')
    .option('--to <agent>', 'assign to this agent')
    .option('--with <teams>', 'collaborating teams, comma-separated')
    .option('--force', 'give the ticket to an agent who is not in the team all the same')
    .option(...IF_VERSION);

  define('assign', 'Assign a ticket to an agent', ['desk assign 42 --to sun'], () => import('./commands/assign.js'))
    .argument('<ticket>', TICKET_REF)
    .option('--to <agent>', 'the agent (required)')
    .option('--force', 'assign an agent who is not in the ticket\'s teams all the same')
    .option(...IF_VERSION);

  define('respond', 'Record a response to the requester (the first one starts the work)', ['desk respond 42 --message "Technician on the way"'], () => import('./commands/respond.js'))
    .argument('<ticket>', TICKET_REF)
    .option('--message <text>', 'what the requester was told')
    .option(...IF_VERSION);

  define('note', 'Add a note to a ticket', ['desk note 42 "Called back, no answer"'], () => import('./commands/note.js'))
    .argument('<ticket>', TICKET_REF)
    .argument('[text...]', 'the note; prompted for in a terminal when missing')
    .option(...IF_VERSION);

  define('pending', 'Pause a ticket while waiting on the requester or a third party', ['desk pending 42 --reason "Waiting for the spare part"'], () => import('./commands/pending.js'))
    .argument('<ticket>', TICKET_REF)
    .option('--reason <text>', 'what the ticket waits for')
    .option(...IF_VERSION);

  define('resume', 'Resume work on a pending ticket', ['desk resume 42'], () => import('./commands/resume.js'))
    .argument('<ticket>', TICKET_REF)
    .option(...IF_VERSION);

  define('escalate', 'Escalate a ticket to the supervisor', ['desk escalate 42 --reason "Needs a vendor visit"'], () => import('./commands/escalate.js'))
    .argument('<ticket>', TICKET_REF)
    .option('--reason <text>', 'why it cannot be solved at this level')
    .option(...IF_VERSION);

  define('resolve', 'Resolve a ticket with its solution', ['desk resolve 42 --solution "Replaced the toner" --steps "Checked the tray"'], () => import('./commands/resolve.js'))
    .argument('<ticket>', TICKET_REF)
    .option('--solution <text>', 'how it was solved')
    .option('--steps <text>', 'steps taken')
    .option('--remaining <text>', 'remaining issues')
    .option(...IF_VERSION);

  define(
    'close',
    'Close a resolved ticket (or an open one solved at first contact, with --solution)',
    ['desk close 42 --satisfaction 5 --callback "Requester confirmed"', 'desk close 43 --solution "Explained the leave form"'],
    () => import('./commands/close.js'),
  )
    .argument('<ticket>', TICKET_REF)
    .option('--satisfaction <1-5>', "the requester's rating")
    .option('--callback <note>', 'record the call-back with this note')
    .option('--solution <text>', 'solution, when closing a ticket that was not resolved')
    .option('--steps <text>', 'steps taken')
    .option('--remaining <text>', 'remaining issues')
    .option(...IF_VERSION);

  define('callback', 'Record the follow-up call to the requester', ['desk callback 42 --note "Works now" --satisfaction 4'], () => import('./commands/callback.js'))
    .argument('<ticket>', TICKET_REF)
    .option('--note <text>', 'what the requester said')
    .option('--satisfaction <1-5>', "the requester's rating")
    .option(...IF_VERSION);

  define('reopen', 'Reopen a resolved or closed ticket', ['desk reopen 42 --reason "Printer jams again"'], () => import('./commands/reopen.js'))
    .argument('<ticket>', TICKET_REF)
    .option('--reason <text>', 'why it is reopened')
    .option(...IF_VERSION);

  define(
    'import',
    'Import tickets from a CSV, JSON or NDJSON file (- for stdin): validated, batched, idempotent on external id',
    [
      'desk import tickets.csv',
      'desk import 工单.csv --encoding gb18030 --on-error skip --rejects rejects.csv',
      'desk import history.ndjson --classify --dispatch --dry-run',
      'gunzip -c tickets.csv.gz | desk import - --format csv --json',
    ],
    () => import('./commands/import.js'),
  )
    .argument('<file>', 'the file to import, or - for stdin')
    .option('--format <format>', 'csv, json or ndjson (default: from the extension, else from the first character)')
    .option('--encoding <name>', 'text encoding: utf-8 (default, BOM or not), gb18030, gbk, …')
    .option('--map <col=field,...>', 'read a column as a field (备注=description), or leave it out (附件=); repeatable', (value: string, all: string[] = []) => [...all, value])
    .option('--on-error <mode>', 'abort: nothing is written if any row is bad (default); skip: import the good rows')
    .option('--rejects <file>', 'write the bad rows there, with a reason column, to fix and import again')
    .option('--dry-run', 'check every row and report, writing nothing')
    .option('--update', 'update tickets already imported (same external id) instead of skipping them')
    .option('--classify', 'classify rows without a type by the rules of routing.yaml')
    .option('--dispatch', 'dispatch open rows without a team by the rules of routing.yaml')
    .option('--batch-size <n>', 'rows per transaction (default 5000)');

  const exportCommand = define(
    'export',
    'Export tickets as CSV, NDJSON or JSON, with the filters of list; contacts masked unless --reveal',
    ['desk export --out tickets.csv', 'desk export --status closed --from 2026-10-01 --to 2026-11-01 --format ndjson', 'desk export --format json --reveal --out all.json'],
    () => import('./commands/export.js'),
  )
    .option('--format <format>', 'csv (default), ndjson or json; else from the extension of --out')
    .option('--out <file>', 'write to this file (atomically, mode 0600) instead of stdout')
    .option('--reveal', 'export contact details unmasked')
    .option('--encoding <name>', 'text encoding: utf-8 (default) or e.g. gb18030 for Chinese Excel')
    .option('--bom', 'start a UTF-8 file with a byte order mark (Excel reads Chinese text right)');
  addTicketFilters(exportCommand).option('--search <text>', 'text in title or description');

  const rules = group('rules')
    .description('Check the config files (desk, teams, routing, sla) and try the routing rules')
    .addHelpText('after', '\nExamples:\n  $ desk rules check\n  $ desk rules test --title "打印机卡纸" --explain\n');
  define('check', 'Validate every config file; problems name file, line and column', ['desk rules check', 'desk --config ./config rules check --json'], () => import('./commands/rules-check.js'), rules);
  define(
    'test',
    'Show how the rules would classify and dispatch a ticket, and which rule decided each field',
    ['desk rules test --title "VPN 无法连接" --department 财务部', 'desk rules test --title "Printer jams" --channel phone --explain'],
    () => import('./commands/rules-test.js'),
    rules,
  )
    .option('--title <text>', 'title of the imagined ticket (required)')
    .option('--description <text>', 'its description')
    .option('--department <name>', "requester's department")
    .option('--requester <name>', 'requester')
    .option('--channel <channel>', 'channel')
    .option('--type <type>', 'type, as if set by hand')
    .option('--category <path>', 'category, as if set by hand')
    .option('--urgency <urgency>', 'urgency, as if set by hand')
    .option('--impact <scope>', 'impact')
    .option('--explain', 'list every rule, matched or not, and why');

  addTicketFilters(
    define(
      'search',
      'Full-text search of title, description, solution and notes; best match first, then newest',
      ['desk search 打印机 卡纸', 'desk search "vpn certificate" --status open', 'desk search 打印 --team desktop --limit 5 --json', 'desk search 打印机 --status open --sort -urgency'],
      () => import('./commands/search.js'),
    ),
  )
    .argument('<query...>', 'words or "quoted phrases"; every one must occur (any substring, Chinese included)')
    .addOption(new Option('--sort <order>', 'relevance (best match, then newest) or a sort field of list; prefix - for descending').default('relevance'))
    .option('--limit <n>', 'at most this many tickets', '20')
    .option('--reveal', 'show contact details unmasked');

  define(
    'similar',
    'Resolved tickets most like this one, with their solutions: the knowledge base of the desk',
    ['desk similar SD-202611-00042', 'desk similar 42 --limit 3 --json'],
    () => import('./commands/similar.js'),
  )
    .argument('<ticket>', TICKET_REF)
    .option('--limit <n>', 'at most this many tickets', '5')
    .option('--reveal', 'show contact details unmasked');

  define(
    'handover',
    'The shift handover: opened, resolved and escalated in the shift, everything open by team, breaches first',
    ['desk handover', 'desk handover --since 12h --team desktop --format md > handover.md', 'desk handover --json --no-record'],
    () => import('./commands/handover.js'),
  )
    .option('--since <duration>', 'length of the shift, or a time it began (default 8h)')
    .option('--team <team>', 'only tickets of this primary team')
    .option('--within <duration>', 'deadlines this close count as near (default 2h)')
    .option('--format <format>', 'text or md (default: text in a terminal, md when piped)')
    .option('--no-record', 'print the handover without recording it');

  define('queue', "The operator's queue: assigned to me, breached, due soon, unassigned (also `desk` alone in a terminal)", ['desk queue', 'desk --actor sun queue --json'], () =>
    import('./commands/queue.js'),
  )
    .option('--within <duration>', 'deadlines this close count as due soon (default 1h)')
    .addOption(new Option('--dashboard').hideHelp());

  define(
    'completion',
    'Print the shell completion script for bash, zsh or fish',
    ['desk completion bash >> ~/.bashrc', 'desk completion zsh > "${fpath[1]}/_desk"', 'desk completion fish > ~/.config/fish/completions/desk.fish'],
    () => import('./commands/completion.js'),
  )
    .argument('[shell]', 'bash, zsh or fish')
    .addOption(new Option('--values <kind>', 'words to complete (used by the scripts)').hideHelp());

  const report = group('report')
    .description('Statistics reports')
    .addHelpText('after', '\nExamples:\n  $ desk report monthly --month 2026-10 --format html --out 2026-10.html\n');
  define(
    'monthly',
    'The monthly statistics: volume, timeliness, resolution, satisfaction and per-agent figures',
    ['desk report monthly', 'desk report monthly --month 2026-10 --compare --lang zh', 'desk report monthly --format html --out report.html'],
    () => import('./commands/report.js'),
    report,
  )
    .option('--month <YYYY-MM>', 'the month (default: the previous month)')
    .option('--format <format>', 'table, json, csv, md or html (default: table; json with --json)')
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .option('--team <team>', 'only tickets of this primary team')
    .option('--compare', 'show the previous month beside each figure');

  const sla = group('sla')
    .description('Deadlines in business time: when is it due, what is breached, and why')
    .addHelpText('after', '\nExamples:\n  $ desk sla check --within 1h\n  $ desk sla due --minutes 240\n  $ desk sla explain SD-202611-00042\n');
  define('due', 'The instant a number of business minutes after a start', ['desk sla due --minutes 240', 'desk sla due --start "2026-09-30 16:00" --minutes 1440 --calendar office'], () => import('./commands/sla-due.js'), sla)
    .option('--start <time>', 'count from this time (default: now)')
    .option('--minutes <n>', 'business minutes to add (required)')
    .option('--calendar <name>', "calendar of sla.yaml (default: the normal target's)");
  define(
    'check',
    'Open tickets past a deadline or due soon; exit 5 when any is breached (for cron)',
    ['desk sla check', 'desk sla check --within 1h --json'],
    () => import('./commands/sla-check.js'),
    sla,
  ).addOption(new Option('--within <duration>', 'also list deadlines falling within this time').default('30m'));
  define('explain', 'How each deadline of a ticket was computed', ['desk sla explain SD-202611-00042'], () => import('./commands/sla-explain.js'), sla)
    .argument('<ticket>', TICKET_REF);

  define(
    'visit',
    'Record an on-site visit: who went, hours, parts, costs, fault cause and the requester\'s opinion',
    ['desk visit 42 --staff sun,zhou --hours 2.5 --parts "pickup roller" --materials-cost 85 --transport-cost 20 --cause "worn roller" --opinion "satisfied"'],
    () => import('./commands/visit.js'),
  )
    .argument('<ticket>', TICKET_REF)
    .option('--date <time>', 'when the visit took place (default: now)')
    .option('--staff <names>', 'who went, comma-separated (required)')
    .option('--hours <n>', 'hours on site')
    .option('--parts <text>', 'parts replaced')
    .option('--materials-cost <amount>', 'cost of materials, e.g. 85.50')
    .option('--transport-cost <amount>', 'cost of transport')
    .option('--cause <text>', 'the cause of the fault found')
    .option('--opinion <text>', "the requester's opinion of the visit")
    .option(...IF_VERSION);

  define('update', 'Give the requester a progress update (restarts the update clock of sla.yaml)', ['desk update 42 --message "Vendor part ordered" --eta "2026-11-28 17:00"'], () => import('./commands/update.js'))
    .argument('<ticket>', TICKET_REF)
    .option('--message <text>', 'what the requester was told')
    .option('--eta <time>', 'the resolution time promised')
    .option(...IF_VERSION);

  define('callbacks', 'The call-back campaign: closed tickets not yet called back, oldest first', ['desk callbacks --closed-since 7d', 'desk callbacks --reveal --json'], () => import('./commands/callbacks.js'))
    .option('--closed-since <duration>', 'only tickets closed within this time, e.g. 7d')
    .option('--limit <n>', 'at most this many', '1000')
    .option('--reveal', 'show contact details unmasked');

  define('redact', "Erase a requester's name and contact from a ticket and its history (supervisors only)", ['desk --actor chen redact 42 --reason "privacy request of 2026-11-25"'], () => import('./commands/redact.js'))
    .argument('<ticket>', TICKET_REF)
    .option('--reason <text>', 'why (required; recorded)');

  define('doctor', 'Check the database: integrity, foreign keys, schema, audit trail, numbering, file mode', ['desk doctor', 'desk doctor --json'], () => import('./commands/doctor.js'));

  define('backup', 'Write an online backup of the database', ['desk backup /backups/desk-$(date +%F).db'], () => import('./commands/backup.js'))
    .argument('<file>', 'the backup file to write')
    .option('--force', 'replace the file if it exists');

  define('demo', 'Build a demo database from the sample tickets and walk through the lifecycle', ['npx desk demo', 'desk demo --db /tmp/demo.db'], () => import('./commands/demo.js'));

  return program;
}
