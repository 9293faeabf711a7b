import { CLI_COMMANDS, HELP_OPTION, type CliCommandSpec, type CliOptionSpec } from './command-table.js';

// `serverless-fit completion bash|zsh`: a completion script generated from the
// command table, so a new command or option completes without editing shell.
// Both complete command words, each command's options and fixed words
// (review list|export), and file names where a file is expected.

const NAME = 'serverless-fit';

function optionsOf(spec: CliCommandSpec): readonly CliOptionSpec[] {
  return [...spec.options, HELP_OPTION];
}

/** Option spellings that take a value, split by whether the value is a file. */
function valueOptions(): { files: string[]; other: string[] } {
  const all = CLI_COMMANDS.flatMap((c) => optionsOf(c)).filter((o) => o.type === 'string');
  const spell = (o: CliOptionSpec) => [`--${o.name}`, ...(o.short ? [`-${o.short}`] : [])];
  const unique = (list: string[]) => [...new Set(list)].sort();
  return { files: unique(all.filter((o) => o.file).flatMap(spell)), other: unique(all.filter((o) => !o.file).flatMap(spell)) };
}

/** The words a command's first argument takes (help takes a command name). */
function wordsOf(spec: CliCommandSpec): readonly string[] {
  return spec.name === 'help' ? CLI_COMMANDS.map((c) => c.name) : (spec.words ?? []);
}

export function bashCompletion(): string {
  const commands = [...CLI_COMMANDS.map((c) => c.name), '--help', '--version'].join(' ');
  const values = valueOptions();
  const cases = CLI_COMMANDS.map((c) => {
    const parts = [`options="${optionsOf(c).map((o) => `--${o.name}`).join(' ')}"`];
    if (wordsOf(c).length) parts.push(`words="${wordsOf(c).join(' ')}"`);
    if (c.fileArgs) parts.push('files=1');
    return `    ${c.name}) ${parts.join('; ')} ;;`;
  });
  return `# bash completion for ${NAME}
# Load it now: source <(${NAME} completion bash)
# For every shell: ${NAME} completion bash > ~/.local/share/bash-completion/completions/${NAME}
_serverless_fit() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local options="" words="" files=""
  COMPREPLY=()
  if [[ \${COMP_CWORD} -eq 1 ]]; then
    COMPREPLY=( $(compgen -W "${commands}" -- "\${cur}") )
    return 0
  fi
  case "\${prev}" in
    ${values.files.join('|')})
      compopt -o filenames 2>/dev/null
      COMPREPLY=( $(compgen -f -- "\${cur}") )
      return 0 ;;
    ${values.other.join('|')}) return 0 ;;
  esac
  case "\${COMP_WORDS[1]}" in
${cases.join('\n')}
    *) return 0 ;;
  esac
  if [[ "\${cur}" == -* ]]; then
    COMPREPLY=( $(compgen -W "\${options}" -- "\${cur}") )
  elif [[ -n "\${words}" && \${COMP_CWORD} -eq 2 ]]; then
    COMPREPLY=( $(compgen -W "\${words}" -- "\${cur}") )
  elif [[ -n "\${files}" ]]; then
    compopt -o filenames 2>/dev/null
    COMPREPLY=( $(compgen -f -- "\${cur}") )
  fi
  return 0
}
complete -F _serverless_fit ${NAME}
`;
}

/** One entry of a zsh _describe array: 'word:description', quoted for the shell. */
function described(word: string, description: string): string {
  return `'${word.replace(/:/g, '\\:')}:${description.replace(/'/g, `'\\''`)}'`;
}

export function zshCompletion(): string {
  const values = valueOptions();
  const commands = CLI_COMMANDS.map((c) => `    ${described(c.name, c.summary)}`);
  const cases = CLI_COMMANDS.map((c) => {
    const parts = [`sf_options=(${optionsOf(c).map((o) => described(`--${o.name}`, o.description)).join(' ')})`];
    if (c.name === 'help') parts.push('sf_words=("${sf_commands[@]}")');
    else if (wordsOf(c).length) parts.push(`sf_words=(${wordsOf(c).map((w) => described(w, `${c.name} ${w}`)).join(' ')})`);
    if (c.fileArgs) parts.push('sf_files=1');
    return `    ${c.name}) ${parts.join('; ')} ;;`;
  });
  return `#compdef ${NAME}
# zsh completion for ${NAME}
# Load it now: source <(${NAME} completion zsh)
# For every shell: ${NAME} completion zsh > "\${fpath[1]}/_${NAME}" (then restart zsh)
_serverless_fit() {
  local -a sf_commands sf_options sf_words
  local sf_files=0
  sf_commands=(
${commands.join('\n')}
  )
  if (( CURRENT == 2 )); then
    if [[ \${PREFIX} == -* ]]; then
      sf_options=(${described('--help', 'Show help')} ${described('--version', 'Print the version')})
      _describe -t options 'option' sf_options
    else
      _describe -t commands '${NAME} command' sf_commands
    fi
    return
  fi
  case \${words[CURRENT-1]} in
    ${values.files.join('|')}) _files; return ;;
    ${values.other.join('|')}) return ;;
  esac
  case \${words[2]} in
${cases.join('\n')}
    *) return ;;
  esac
  if [[ \${PREFIX} == -* ]]; then
    _describe -t options 'option' sf_options
  elif (( CURRENT == 3 && \${#sf_words} )); then
    _describe -t words 'argument' sf_words
  elif (( sf_files )); then
    _files
  fi
}

if [[ \${funcstack[1]} == _${NAME} ]]; then
  _serverless_fit "$@"
elif (( \${+functions[compdef]} )); then
  compdef _serverless_fit ${NAME}
fi
`;
}
