import pino from 'pino';
import { redactSecrets, redactText, type Logger } from './logger.js';

// The JSON logger `serve` writes for a log pipeline. Its own module so that
// only a serving process loads pino; terminal commands log to the console.

export interface JsonLoggerOptions {
  /** Where the lines go; defaults to stdout, written synchronously so nothing is lost on exit. */
  destination?: NodeJS.WritableStream | number;
  /** Exact values to hide wherever they appear (signing secrets have no recognisable shape). */
  secrets?: readonly (string | null | undefined)[];
  level?: 'info' | 'warn' | 'error';
}

/** Structured JSON lines for production: {"level":"info","time":...,"msg":...,...fields}. */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const destination = options.destination ?? 1;
  const stream = typeof destination === 'number' ? pino.destination({ dest: destination, sync: true }) : destination;
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 8);
  const base = pino(
    {
      level: options.level ?? 'info',
      base: { app: 'serverless-fit' },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
  const write = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => {
    const clean = fields ? (redactSecrets(fields, secrets) as Record<string, unknown>) : {};
    base[level](clean, redactText(message, secrets));
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
