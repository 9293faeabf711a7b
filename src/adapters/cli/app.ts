import { createInterface } from 'node:readline';
import type { Advisor, AdvisorEvent, Reply } from '../../core/advisor-types.js';
import type { CardAction, QuestionCard } from '../../core/card.js';
import type { ConversationKey } from '../../core/conversation.js';
import type { ConversationStore } from '../../core/ports.js';
import type { Logger } from '../../logger.js';
import { CHAT_HELP, chatCommandOf, type ChatCommand } from './chat-commands.js';
import { deliverQuestion, deliverReply, type Delivered } from './deliver.js';
import { shortId } from './find-conversation.js';
import { historyText } from './history-command.js';
import { notFound, resumeTarget } from './resume.js';
import { translateLine } from './translate.js';

export interface TerminalChatDeps {
  advisor: Advisor;
  /** Read-only here: `history` lists saved conversations and `resume` finds one by id. */
  conversations: ConversationStore;
  logger: Logger;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Colour and prompts only for a person at a terminal; piped input gets plain text. */
  interactive: boolean;
  user: string;
  /** A fresh thread id per session, so each chat is its own conversation. */
  sessionId: string;
  /** The terminal's width, for the history table. */
  columns?: number;
}

/** "review <system name>" opens a design review as the first line; "review list" works at any time. */
const REVIEW = /^\s*review(?:\s+(.*))?$/i;
const WORKSPACE = 'local';
/** The terminal chat reads no metrics; the one-shot command does. */
const TERMINAL_MEASURE = 'In the terminal, measure a running workload with the assess command: serverless-fit assess --from lambda:<function-name> [--region eu-west-1].';

/**
 * The terminal conversation: the first line describes the workload, later
 * lines answer questions or ask what-ifs; help, history, new, resume and quit
 * are the chat's own. Piped stdin is read one line at a time, the same way.
 */
export function runTerminalChat(deps: TerminalChatDeps): Promise<void> {
  const { advisor, output, interactive } = deps;
  const style = { color: interactive };
  let round = 0;
  let key: ConversationKey = keyFor(deps, round);
  let started = false;
  let inReview = false;
  /** The conversation (or review) the lines go to, once there is one. */
  let currentId: string | null = null;
  let screen: { choices: CardAction[]; question: QuestionCard | null } = { choices: [], question: null };

  const rl = createInterface({ input: deps.input, output: interactive ? output : undefined, terminal: interactive });
  const prompt = () => {
    if (interactive) rl.prompt();
  };
  const show = (delivered: Delivered | null) => {
    if (delivered) screen = delivered;
  };

  output.write('serverless-fit: should this workload run serverless?\nDescribe it in a sentence (what triggers it, how often, how long it runs). "help" lists the commands; "quit" leaves.\n');
  rl.setPrompt('> ');
  prompt();

  async function handle(event: AdvisorEvent): Promise<void> {
    apply(await advisor.handle({ key, event, actor: deps.user }));
  }

  /** "review ..." read by the core as the chat command would be; the session itself is the thread a new review needs. */
  async function runCommand(text: string): Promise<void> {
    const outcome = await advisor.command({ key, actor: deps.user, text });
    if (outcome.kind === 'thread-first') await handle(outcome.then);
    else if (outcome.kind === 'measure') apply({ kind: 'notice', conversationId: null, level: 'info', text: TERMINAL_MEASURE });
    else if (outcome.kind !== 'digest') apply(outcome.reply);
  }

  function apply(reply: Reply): void {
    if (reply.kind !== 'notice' || reply.conversationId) started = true;
    if (reply.conversationId) currentId = reply.conversationId;
    // A review reopened by its id lives in its own thread: the rest of the session talks to it there.
    if (reply.kind !== 'result' && reply.review) {
      key = { ...reply.review.thread, user: deps.user };
      inReview = true;
    }
    show(deliverReply(reply, output, style));
  }

  function reminder(): void {
    if (screen.question) output.write(`\nStill open: ${screen.question.text}\n`);
  }

  async function chatCommand(command: ChatCommand): Promise<void> {
    switch (command.kind) {
      case 'help':
        output.write(`\n${CHAT_HELP}\n`);
        reminder();
        return;
      case 'history': {
        const items = await deps.conversations.list(WORKSPACE, { limit: 15 });
        output.write(`\n${historyText(items, WORKSPACE, deps.columns ?? 80, '"resume <id>" continues one; "review list" lists design reviews.')}\n`);
        reminder();
        return;
      }
      case 'new': {
        const saved = started && currentId ? ` The last one is saved: "resume ${shortId(currentId)}" returns to it.` : '';
        round += 1;
        key = keyFor(deps, round);
        started = false;
        inReview = false;
        currentId = null;
        show({ choices: [], question: null });
        output.write(`\nNew assessment.${saved} Describe the workload:\n`);
        return;
      }
      case 'resume':
        await resume(command.id);
        return;
      case 'quit':
        rl.close();
    }
  }

  async function resume(id: string | null): Promise<void> {
    if (!id) {
      output.write('\n"resume" needs an id from "history", e.g. resume 3f9c2a1b.\n');
      return chatCommand({ kind: 'history' });
    }
    const target = await resumeTarget(deps.conversations, WORKSPACE, id);
    if (target.kind === 'none') {
      output.write(`\n${target.text}\n`);
      return;
    }
    if (target.kind === 'review') {
      const reply = await advisor.handle({ key, event: { kind: 'review-reopen', id: target.id }, actor: deps.user });
      if (reply.kind !== 'result' && reply.review) return apply(reply);
      output.write(`\n${notFound(id).text}\n`);
      return;
    }
    key = target.key;
    started = true;
    inReview = false;
    currentId = target.id;
    output.write(`\n${target.text}\n`);
    show(target.question ? deliverQuestion(target.question, output, style) : { choices: [], question: null });
  }

  async function onLine(line: string): Promise<void> {
    const command = chatCommandOf(line);
    // In a review, "help" and "history" are the review's own (its commands, its trail of changes).
    const reviewWord = inReview && (command?.kind === 'help' || command?.kind === 'history');
    try {
      const review = REVIEW.exec(line);
      if (command && !reviewWord) await chatCommand(command);
      else if (review && (!started || /^(?:list|ls|all)$/i.test((review[1] ?? '').trim()))) await runCommand(line);
      else if (!started) await handle({ kind: 'start', text: line });
      else await handle(translateLine(line, { choices: screen.choices, answering: screen.question !== null }));
      if (reviewWord && command?.kind === 'help') output.write('In the chat: "new" starts an assessment, "resume <id>" switches, "quit" leaves.\n');
    } catch (error) {
      deps.logger.error('terminal chat turn failed', { error });
      output.write('\nSomething went wrong handling that line; what you typed is saved. Try again, or type "quit".\n');
    }
    prompt();
  }

  // Lines are answered one at a time, in the order typed (or piped).
  let turns = Promise.resolve();
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      if (!line.trim()) {
        turns = turns.then(prompt);
        return;
      }
      if (chatCommandOf(line)?.kind === 'quit') return rl.close();
      turns = turns.then(() => onLine(line));
    });
    rl.on('close', () => {
      void turns.then(() => {
        output.write('\n');
        resolve();
      });
    });
  });
}

function keyFor(deps: TerminalChatDeps, round: number): ConversationKey {
  return { platform: 'cli', workspace: WORKSPACE, channel: 'terminal', thread: `${deps.sessionId}-${round}`, user: deps.user };
}
