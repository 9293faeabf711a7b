// The words the terminal chat keeps for itself. A whole line that is one of
// them is a command, never an answer or a workload; "help me size a webhook"
// is still a workload.

export type ChatCommand = { kind: 'quit' } | { kind: 'new' } | { kind: 'help' } | { kind: 'history' } | { kind: 'resume'; id: string | null };

const WORDS: Record<string, ChatCommand> = {
  quit: { kind: 'quit' },
  exit: { kind: 'quit' },
  bye: { kind: 'quit' },
  q: { kind: 'quit' },
  ':q': { kind: 'quit' },
  new: { kind: 'new' },
  next: { kind: 'new' },
  help: { kind: 'help' },
  '?': { kind: 'help' },
  commands: { kind: 'help' },
  history: { kind: 'history' },
  resume: { kind: 'resume', id: null },
};

export function chatCommandOf(line: string): ChatCommand | null {
  const text = line.trim().replace(/[.!]$/, '').toLowerCase();
  const resume = /^resume\s+([a-z0-9-]{1,40})$/.exec(text);
  if (resume) return { kind: 'resume', id: resume[1] ?? null };
  return WORDS[text] ?? null;
}

export const CHAT_HELP = [
  'In this chat:',
  '  <a workload>         describe it: what triggers it, how often, how long it runs',
  '  1, 2, 3 ...          pick a numbered choice',
  '  what if ...          after a result: "what if traffic is 10x", "make it 2 GB",',
  '                       "show the math", "start over"',
  '  review <system>      open a design review (as the first line of an assessment)',
  '  history              saved conversations with their ids',
  '  resume <id>          continue a saved conversation, or reopen a design review',
  '  new                  start another assessment (this one stays saved)',
  '  help                 this list',
  '  quit                 leave; everything is saved',
].join('\n');
