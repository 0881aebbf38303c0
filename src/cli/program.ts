// The commander tree, a loop over the commands' declarations (src/cli/commands.ts). Each action
// imports its command module only when it runs, so `desk --help` loads neither SQLite nor YAML.
import { Command, Option } from 'commander';
import { createContext, type GlobalOptions, type Context, type World } from './context.js';
import { COMMANDS } from './commands.js';
import { isGroup, type AnyCommandDeclaration, type Flags, type GroupDeclaration, type ListFlag, type SwitchFlag, type ValueFlag } from './declaration.js';

/** Set by the build from package.json. */
declare const DESK_VERSION: string;

interface Hooks {
  started(ctx: Context): void;
  finished(code: number): void;
}

/** The options every command takes, before or after its name. */
export const GLOBAL_FLAGS: Flags<GlobalOptions> = {
  db: { syntax: '--db <path>', description: 'database file (else $DESK_DB, else $XDG_DATA_HOME/desk/desk.db)' },
  config: { syntax: '--config <dir>', description: 'config directory (else $DESK_CONFIG, else ./config, else $XDG_CONFIG_HOME/desk)' },
  json: { syntax: '--json', description: 'machine-readable output on stdout' },
  actor: { syntax: '--actor <name>', description: 'who is acting (else $DESK_ACTOR, else the OS user)' },
  color: { syntax: '--no-color', description: 'plain output without colour (also NO_COLOR)' },
  tz: { syntax: '--tz <zone>', description: 'time zone for showing and reading times, e.g. Asia/Shanghai' },
  lang: { syntax: '--lang <lang>', description: 'language of what is printed: en or zh (else desk.yaml, else LANG)' },
};

const examplesText = (examples: readonly string[]) => `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`;

const collect = (value: string, all: string[] = []) => [...all, value];

function addFlags(command: Command, flags: Flags<object>): void {
  for (const declared of Object.values(flags) as (ValueFlag | SwitchFlag | ListFlag | readonly SwitchFlag[])[]) {
    for (const flag of Array.isArray(declared) ? declared : [declared]) {
      const option = new Option(flag.syntax, flag.description);
      if ('repeatable' in flag) option.argParser(collect);
      if ('default' in flag && flag.default !== undefined) option.default(flag.default);
      if (flag.hidden) option.hideHelp();
      command.addOption(option);
    }
  }
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
  program
    .description('A command-line service desk: log, classify, dispatch and follow requests to closure.')
    .version(DESK_VERSION, '-V, --version');
  addFlags(program, GLOBAL_FLAGS);
  program
    .exitOverride()
    .configureOutput({
      writeOut: (text) => world.io.stdout.write(text),
      writeErr: (text) => world.io.stderr.write(text),
      outputError: (text, write) => write(commanderError(text)),
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', '\nRun `desk <command> --help` for a command\'s flags and examples.');
  const named = argv === null ? null : findCommandWord(argv, program);

  const define = (declaration: AnyCommandDeclaration, parent: Command): void => {
    const command = parent.command(declaration.name).description(declaration.description);
    for (const argument of declaration.arguments ?? []) command.argument(argument.syntax, argument.description);
    addFlags(command, declaration.flags);
    command.addHelpText('after', examplesText(declaration.examples)).action(async (...params: unknown[]) => {
      const self = params.at(-1) as Command;
      const args = params.slice(0, -2).flat().filter((a): a is string => typeof a === 'string');
      const ctx = createContext(world, self.optsWithGlobals<GlobalOptions>());
      hooks.started(ctx);
      const module = await declaration.load();
      const tree = () => declareProgram(world, hooks, null);
      const code = await module.run({ args, options: self.opts(), tree }, ctx);
      hooks.finished(code ?? 0);
    });
  };
  const defineGroup = (group: GroupDeclaration): void => {
    const command = program.command(group.name).description(group.description).addHelpText('after', examplesText(group.examples));
    for (const declaration of group.commands) define(declaration, command);
  };

  // Only the command the line names is declared (a start saves ~4 ms); without one, or for a word
  // that names no command (help, a typo to suggest a fix for), all are.
  for (const declaration of COMMANDS) {
    if (named !== null && declaration.name !== named) continue;
    if (isGroup(declaration)) defineGroup(declaration);
    else define(declaration, program);
  }
  return program;
}
