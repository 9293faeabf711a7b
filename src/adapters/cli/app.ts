import { createInterface } from 'node:readline';
import type { Advisor } from '../../core/advisor-types.js';
import type { QuestionCard } from '../../core/card.js';
import type { ConversationKey } from '../../core/conversation.js';
import { reviewEventFor } from '../../core/review/review-command-text.js';
import type { Logger } from '../../logger.js';
import { deliverReply } from './deliver.js';
import { translateLine } from './translate.js';

export interface TerminalChatDeps {
  advisor: Advisor;
  logger: Logger;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Colour and prompts only for a person at a terminal; piped input gets plain text. */
  interactive: boolean;
  user: string;
  /** A fresh thread id per session, so each chat is its own conversation. */
  sessionId: string;
}

const QUIT = /^\s*(quit|exit|bye|q)\s*$/i;
const NEW = /^\s*(new|next)\s*$/i;
/** A first line "review <system name>" opens a design review ("review list", "review <id>" too). */
const REVIEW = /^\s*review(?:\s+(.*))?$/i;

/**
 * The terminal conversation: the first line describes the workload, later
 * lines answer questions or ask what-ifs. Piped stdin is read one answer per line.
 */
export function runTerminalChat(deps: TerminalChatDeps): Promise<void> {
  const { advisor, output, interactive } = deps;
  const style = { color: interactive };
  let round = 0;
  let key: ConversationKey = keyFor(deps, round);
  let started = false;
  let lastQuestion: QuestionCard | null = null;

  const rl = createInterface({ input: deps.input, output: interactive ? output : undefined, terminal: interactive });
  const prompt = () => {
    if (interactive) rl.prompt();
  };

  output.write(started ? '' : 'serverless-fit: should this workload run serverless?\nDescribe it in a sentence (what triggers it, how often, how long it runs). Type "quit" to leave.\n');
  rl.setPrompt('> ');
  prompt();

  return new Promise((resolve) => {
    rl.on('line', (line) => {
      if (QUIT.test(line)) {
        rl.close();
        return;
      }
      if (!line.trim()) {
        prompt();
        return;
      }
      if (NEW.test(line)) {
        round += 1;
        key = keyFor(deps, round);
        started = false;
        lastQuestion = null;
        output.write('\nNew assessment. Describe the workload:\n');
        prompt();
        return;
      }
      try {
        const review = started ? null : REVIEW.exec(line);
        const event = review ? reviewEventFor(review[1] ?? '') : started ? translateLine(line, lastQuestion) : { kind: 'start' as const, text: line };
        const reply = advisor.handle({ key, event, actor: deps.user });
        if (reply.kind !== 'notice' || reply.conversationId) started = true;
        // A review reopened by its id lives in its own thread: the rest of the session talks to it there.
        if (reply.kind !== 'result' && reply.review) key = { ...reply.review.thread, user: deps.user };
        lastQuestion = reply.kind === 'question' ? reply.question : null;
        deliverReply(reply, output, style);
        if (reply.kind === 'result') output.write('\nAsk a what-if, type "new" for another workload, or "quit".\n');
      } catch (error) {
        deps.logger.error('terminal chat turn failed', { error });
        output.write('\nSomething went wrong handling that line; what you typed is saved. Try again, or type "quit".\n');
      }
      prompt();
    });
    rl.on('close', () => {
      output.write('\n');
      resolve();
    });
  });
}

function keyFor(deps: TerminalChatDeps, round: number): ConversationKey {
  return { platform: 'cli', workspace: 'local', channel: 'terminal', thread: `${deps.sessionId}-${round}`, user: deps.user };
}
