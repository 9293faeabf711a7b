import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';

// Bolt wants its own Logger shape; this forwards to ours. Debug chatter is
// dropped: the operator log is for problems and lifecycle, not wire traces.

export function createBoltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  const text = (msgs: unknown[]) => msgs.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    debug: () => undefined,
    info: (...msgs) => logger.info(`bolt: ${text(msgs)}`),
    warn: (...msgs) => logger.warn(`bolt: ${text(msgs)}`),
    error: (...msgs) => logger.error(`bolt: ${text(msgs)}`),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
