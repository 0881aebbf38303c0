// Shell completion scripts for bash, zsh and fish, written from the commander tree itself, so a new
// command or flag completes without anyone touching this file. Values that live in the config or
// the database (teams, agents, channels, types, recent ticket numbers) are asked of
// `desk completion --values KIND` when the user presses Tab.
import type { Command, Option } from 'commander';

/** What a flag's value or a positional argument completes to. */
export type ValueKind = 'tickets' | 'teams' | 'agents' | 'channels' | 'types' | 'urgencies' | 'impacts' | 'statuses' | 'files' | 'dirs' | 'any' | `words:${string}`;

export const DYNAMIC_KINDS = ['tickets', 'teams', 'agents', 'channels', 'types', 'urgencies', 'impacts', 'statuses'] as const;
export type DynamicKind = (typeof DYNAMIC_KINDS)[number];

export interface OptionSpec {
  flags: string[];
  /** Null when the flag takes no value. */
  kind: ValueKind | null;
}

export interface CommandSpec {
  /** "" for desk itself, "list", "rules check", … */
  path: string;
  subcommands: string[];
  options: OptionSpec[];
  argument: ValueKind | null;
}

/** The words of the sort flags, by their placeholder (`--sort <field>`, `--sort <order>`). */
export type SortWords = ReadonlyMap<string, readonly string[]>;

const FORMATS = ['text', 'table', 'json', 'csv', 'ndjson', 'md', 'html'];
const BY_PLACEHOLDER: Record<string, ValueKind> = {
  team: 'teams',
  teams: 'teams',
  agent: 'agents',
  names: 'agents',
  channel: 'channels',
  type: 'types',
  urgency: 'urgencies',
  scope: 'impacts',
  statuses: 'statuses',
  file: 'files',
  dir: 'dirs',
  rating: 'words:1 2 3 4 5',
  outcome: 'words:reached unreachable refused',
  lang: 'words:en zh',
  mode: 'words:abort skip',
  link: 'words:related duplicate parent',
  ticket: 'tickets',
  level: 'words:1 2 3',
  verdict: 'words:yes partly no',
};
const BY_FLAG: Record<string, ValueKind> = {
  '--actor': 'agents',
  '--db': 'files',
  '--description-file': 'files',
  '--config': 'dirs',
  '--encoding': 'words:utf-8 gb18030 gbk',
};
const BY_ARGUMENT: Record<string, ValueKind> = { ticket: 'tickets', tickets: 'tickets', other: 'tickets', file: 'files', shell: 'words:bash zsh fish' };

function kindOf(option: Option, sorts: SortWords): ValueKind | null {
  if (!option.required && !option.optional) return null;
  const long = option.long ?? '';
  if (BY_FLAG[long]) return BY_FLAG[long];
  const placeholder = /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1] ?? '';
  if (placeholder === 'format') {
    const words = FORMATS.filter((f) => new RegExp(`(^|[^a-z])${f}([^a-z]|$)`).test(option.description));
    return words.length ? `words:${words.join(' ')}` : 'any';
  }
  const sortWords = sorts.get(placeholder);
  if (sortWords) return `words:${sortWords.join(' ')}`;
  return BY_PLACEHOLDER[placeholder] ?? 'any';
}

function isHidden(option: Option): boolean {
  return Boolean((option as Option & { hidden?: boolean }).hidden);
}

/** Every command of the tree with its subcommands, flags and what their values complete to. */
export function completionSpec(program: Command, sorts: SortWords): CommandSpec[] {
  const specs: CommandSpec[] = [];
  const visit = (command: Command, path: string) => {
    const options = command.options
      .filter((o) => !isHidden(o))
      .map((o) => ({ flags: [o.short, o.long].filter((f): f is string => Boolean(f)), kind: kindOf(o, sorts) }));
    if (path === '') options.push({ flags: ['-h', '--help'], kind: null });
    const argument = command.registeredArguments[0];
    specs.push({
      path,
      subcommands: command.commands.map((c) => c.name()),
      options,
      argument: argument ? (BY_ARGUMENT[argument.name()] ?? 'any') : null,
    });
    for (const sub of command.commands) visit(sub, path ? `${path} ${sub.name()}` : sub.name());
  };
  visit(program, '');
  return specs;
}

/** A single-quoted shell word (bash, zsh and fish alike read '…' literally). */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The lookup functions bash and zsh share: plain `case` statements. */
function shellTables(specs: readonly CommandSpec[]): string {
  const cases = (rows: [string, string][]) => rows.map(([key, value]) => `    ${quote(key)}) echo ${quote(value)} ;;`).join('\n');
  const optionKinds: [string, string][] = specs.flatMap((s) =>
    s.options.filter((o) => o.kind !== null).flatMap((o) => o.flags.map((f): [string, string] => [`${s.path}:${f}`, o.kind!])),
  );
  return `__desk_subcommands() {
  case "$1" in
${cases(specs.filter((s) => s.subcommands.length).map((s) => [s.path, s.subcommands.join(' ')]))}
  esac
}
__desk_options() {
  case "$1" in
${cases(specs.map((s) => [s.path, s.options.flatMap((o) => o.flags).join(' ')]))}
  esac
}
__desk_option_kind() {
  case "$1:$2" in
${cases(optionKinds)}
  esac
}
__desk_argument_kind() {
  case "$1" in
${cases(specs.filter((s) => s.argument).map((s) => [s.path, s.argument!]))}
  esac
}
# The kind of value a flag takes in a command, global flags included ("" when it takes none).
__desk_kind() {
  local kind
  kind="$(__desk_option_kind "$1" "$2")"
  [ -n "$kind" ] || kind="$(__desk_option_kind '' "$2")"
  echo "$kind"
}
__desk_words() {
  case "$1" in
    words:*) echo "\${1#words:}" ;;
    ${DYNAMIC_KINDS.join('|')}) "$__desk_bin" "\${__desk_global[@]}" completion --values "$1" 2>/dev/null ;;
  esac
}`;
}

// Walks the words before the cursor: the command path so far, whether the last word is a flag
// waiting for its value, and the --db/--config given (so values come from the same desk).
function shellWalk(first: number, word: (i: string) => string, before: string): string {
  return `  local cmdpath="" w kind i skip=0
  __desk_global=()
  for ((i = ${first}; i < ${before}; i++)); do
    w="${word('i')}"
    if ((skip)); then skip=0; continue; fi
    case "$w" in
      -*)
        kind="$(__desk_kind "$cmdpath" "$w")"
        if [ -n "$kind" ]; then
          skip=1
          if [ "$w" = --db ] || [ "$w" = --config ]; then __desk_global+=("$w" "${word('i + 1')}"); fi
        fi ;;
      *)
        case " $(__desk_subcommands "$cmdpath") " in
          *" $w "*) cmdpath="\${cmdpath:+$cmdpath }$w" ;;
        esac ;;
    esac
  done`;
}

export function bashScript(specs: readonly CommandSpec[]): string {
  return `# bash completion for desk. Load it with:  source <(desk completion bash)
${shellTables(specs)}
__desk_reply() {
  case "$1" in
    ''|any) COMPREPLY=() ;;
    files) COMPREPLY=($(compgen -f -- "$2")) ;;
    dirs) COMPREPLY=($(compgen -d -- "$2")) ;;
    *) COMPREPLY=($(compgen -W "$(__desk_words "$1")" -- "$2")) ;;
  esac
}
_desk() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  __desk_bin="\${COMP_WORDS[0]}"
${shellWalk(1, (i) => `\${COMP_WORDS[${i}]}`, 'COMP_CWORD')}
  if ((skip)); then
    __desk_reply "$(__desk_kind "$cmdpath" "\${COMP_WORDS[COMP_CWORD-1]}")" "$cur"
  elif [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(__desk_options "$cmdpath") $(__desk_options '')" -- "$cur"))
  elif [ -n "$(__desk_subcommands "$cmdpath")" ]; then
    COMPREPLY=($(compgen -W "$(__desk_subcommands "$cmdpath")" -- "$cur"))
  else
    __desk_reply "$(__desk_argument_kind "$cmdpath")" "$cur"
  fi
}
complete -o filenames -F _desk desk
`;
}

export function zshScript(specs: readonly CommandSpec[]): string {
  return `#compdef desk
# zsh completion for desk. Load it with:  source <(desk completion zsh)
# or save it as _desk in a directory of $fpath.
${shellTables(specs)}
__desk_reply() {
  case "$1" in
    ''|any) return 1 ;;
    files) _files ;;
    dirs) _files -/ ;;
    *) compadd -- \${=$(__desk_words "$1")} ;;
  esac
}
_desk() {
  local cur="\${words[CURRENT]}"
  __desk_bin="\${words[1]}"
${shellWalk(2, (i) => `\${words[${i}]}`, 'CURRENT')}
  if ((skip)); then
    __desk_reply "$(__desk_kind "$cmdpath" "\${words[CURRENT-1]}")"
  elif [[ "$cur" == -* ]]; then
    compadd -- \${=$(__desk_options "$cmdpath")} \${=$(__desk_options '')}
  elif [ -n "$(__desk_subcommands "$cmdpath")" ]; then
    compadd -- \${=$(__desk_subcommands "$cmdpath")}
  else
    __desk_reply "$(__desk_argument_kind "$cmdpath")"
  fi
}
if [ "$funcstack[1]" = "_desk" ]; then
  _desk "$@"
else
  compdef _desk desk
fi
`;
}

export function fishScript(specs: readonly CommandSpec[]): string {
  const cases = (name: string, key: string, rows: [string, string][]) =>
    `function ${name}\n    switch ${key}\n${rows.map(([k, v]) => `        case ${quote(k)}\n            echo ${quote(v)}`).join('\n')}\n    end\nend`;
  const optionKinds: [string, string][] = specs.flatMap((s) =>
    s.options.filter((o) => o.kind !== null).flatMap((o) => o.flags.map((f): [string, string] => [`${s.path}:${f}`, o.kind!])),
  );
  return `# fish completion for desk. Load it with:  desk completion fish | source
# or save it as ~/.config/fish/completions/desk.fish
${cases('__desk_subcommands', '"$argv[1]"', specs.filter((s) => s.subcommands.length).map((s) => [s.path, s.subcommands.join(' ')]))}
${cases('__desk_options', '"$argv[1]"', specs.map((s) => [s.path, s.options.flatMap((o) => o.flags).join(' ')]))}
${cases('__desk_option_kind', '"$argv[1]:$argv[2]"', optionKinds)}
${cases('__desk_argument_kind', '"$argv[1]"', specs.filter((s) => s.argument).map((s) => [s.path, s.argument!]))}
function __desk_kind
    set -l kind (__desk_option_kind $argv[1] $argv[2])
    test -n "$kind"; or set kind (__desk_option_kind '' $argv[2])
    echo $kind
end
# Words of a kind: $argv[1] the kind, $argv[2..] the desk command and its --db/--config.
function __desk_values
    switch "$argv[1]"
        case '' any
            return
        case files
            __fish_complete_path (commandline -ct)
        case dirs
            __fish_complete_directories (commandline -ct)
        case 'words:*'
            string split ' ' -- (string replace 'words:' '' -- $argv[1])
        case '*'
            $argv[2..-1] completion --values $argv[1] 2>/dev/null
    end
end
function __desk_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l desk $tokens[1]
    set -l cmdpath ''
    set -l skip 0
    set -l count (count $tokens)
    for i in (seq 2 $count)
        set -l w $tokens[$i]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $w
            case '-*'
                if test -n "$(__desk_kind "$cmdpath" $w)"
                    set skip 1
                    if contains -- $w --db --config; and test $i -lt $count
                        set desk $desk $w $tokens[(math $i + 1)]
                    end
                end
            case '*'
                if contains -- $w (string split ' ' -- (__desk_subcommands "$cmdpath"))
                    set cmdpath (string trim -- "$cmdpath $w")
                end
        end
    end
    if test $skip = 1
        __desk_values (__desk_kind "$cmdpath" $tokens[-1]) $desk
    else if string match -q -- '-*' $cur
        string split ' ' -- (__desk_options "$cmdpath") (__desk_options '')
    else if test -n "$(__desk_subcommands "$cmdpath")"
        string split ' ' -- (__desk_subcommands "$cmdpath")
    else
        __desk_values (__desk_argument_kind "$cmdpath") $desk
    end
end
complete -c desk -f -a '(__desk_complete)'
`;
}
