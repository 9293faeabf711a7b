import { describe, expect, it } from 'vitest';
import { serverlessFitCommand } from '../../commands/serverless-fit.js';
import { CHAT_ONLY_SUBCOMMANDS, CLI_COMMANDS, commandSpec } from '../../src/adapters/cli/command-table.js';
import { toCsv } from '../../src/adapters/cli/csv.js';
import { EXIT_CODE_LINES, EXIT_CODES } from '../../src/adapters/cli/exit-codes.js';
import { commandHelp, globalHelp } from '../../src/adapters/cli/usage-text.js';

// The command table against the one command definition, and the help it generates.

describe('the terminal commands and the chat command definition', () => {
  it('offer every sub-command of the definition, or say why not', () => {
    for (const sub of serverlessFitCommand.subCommands) {
      const inTerminal = CLI_COMMANDS.some((c) => c.definition === sub.name);
      expect(inTerminal || Boolean(CHAT_ONLY_SUBCOMMANDS[sub.name]), sub.name).toBe(true);
      expect(inTerminal && Boolean(CHAT_ONLY_SUBCOMMANDS[sub.name]), `${sub.name} is listed twice`).toBe(false);
    }
  });

  it('use the same word as the definition for a shared sub-command', () => {
    for (const c of CLI_COMMANDS.filter((x) => x.definition)) expect(c.name).toBe(c.definition);
  });

  it('have unique names and options', () => {
    expect(new Set(CLI_COMMANDS.map((c) => c.name)).size).toBe(CLI_COMMANDS.length);
    for (const c of CLI_COMMANDS) expect(new Set(c.options.map((o) => o.name)).size, c.name).toBe(c.options.length);
  });
});

describe('help', () => {
  const helps: [string, string][] = [['(global)', globalHelp('1.2.3')], ...CLI_COMMANDS.map((c): [string, string] => [c.name, commandHelp(c)])];

  it.each(helps)('%s fits an 80-column terminal', (_name, text) => {
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('lists every command, its words and the exit codes', () => {
    const text = globalHelp('1.2.3');
    expect(text.split('\n')[0]).toBe('serverless-fit 1.2.3');
    for (const c of CLI_COMMANDS) expect(text).toMatch(new RegExp(`^  ${c.name}\\b.*\\S`, 'm'));
    expect(text).toContain('review list|export <id>');
    for (const [name, code] of Object.entries(EXIT_CODES)) expect(EXIT_CODE_LINES.filter((l) => l.startsWith(`${code} `)), name).toHaveLength(1);
    for (const line of EXIT_CODE_LINES) expect(text).toContain(line);
  });

  it.each(CLI_COMMANDS.map((c) => [c.name]))('%s --help shows its usage line and every option', (name) => {
    const spec = commandSpec(name);
    const text = commandHelp(spec!);
    expect(text.split('\n')[0]).toMatch(new RegExp(`^Usage: serverless-fit ${name}\\b`));
    for (const o of spec!.options) expect(text).toMatch(new RegExp(`--${o.name}\\b`));
    expect(text).toContain('-h, --help');
  });
});

describe('CSV (RFC 4180)', () => {
  it.each([
    [['plain', 1.5, true, null], 'plain,1.5,true,'],
    [['a, b', 'say "hi"', 'two\nlines', ''], '"a, b","say ""hi""","two\nlines",'],
    // A saved description must not run as a formula when the file is opened in a spreadsheet.
    [['=HYPERLINK("x")', '+1', '-rm', '@SUM(A1)', -5], `"'=HYPERLINK(""x"")",'+1,'-rm,'@SUM(A1),-5`],
  ])('%j', (row, line) => {
    expect(toCsv(['a', 'b', 'c', 'd'].slice(0, row.length), [row])).toBe(`${['a', 'b', 'c', 'd'].slice(0, row.length).join(',')}\r\n${line}\r\n`);
  });
});
