import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createJsonLogger } from '../../src/json-logger.js';
import { createConsoleLogger, createMemoryLogger, REDACTED } from '../../src/logger.js';

// The production log: one JSON object per line, and no credential ever
// reaches it, wherever it hides (message, field, nested header, error).

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines, json: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const SIGNING_SECRET = '8f14e45fceea167a5a36dedd4bea2543';
const DISCORD_TOKEN = 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('JSON logger', () => {
  it('writes one object per line with level, time, message and fields', () => {
    const out = capture();
    const logger = createJsonLogger({ destination: out.stream });
    logger.info('ready', { startupMs: 812, platforms: ['Slack'] });
    logger.warn('slow', { ms: 1200 });
    logger.error('failed', { error: new Error('boom') });
    const [info, warn, error] = out.json();
    expect(info).toMatchObject({ level: 'info', msg: 'ready', startupMs: 812, platforms: ['Slack'], app: 'serverless-fit' });
    expect(typeof info?.time).toBe('string');
    expect(warn).toMatchObject({ level: 'warn', msg: 'slow', ms: 1200 });
    expect(error).toMatchObject({ level: 'error', msg: 'failed', error: { name: 'Error', message: 'boom' } });
    expect(out.lines).toHaveLength(3);
  });

  it('drops what is below the configured level', () => {
    const out = capture();
    const logger = createJsonLogger({ destination: out.stream, level: 'warn' });
    logger.info('chatter');
    logger.warn('kept');
    expect(out.json().map((l) => l.msg)).toEqual(['kept']);
  });

  it.each([
    ['a Slack bot token in the message', (l: ReturnType<typeof createJsonLogger>) => l.error('auth failed for xoxb-1234-5678-AbCdEfGh'), 'xoxb-1234'],
    ['a Slack app token in a field', (l: ReturnType<typeof createJsonLogger>) => l.info('socket', { url: 'wss://x?token=xapp-1-A0-123-abc' }), 'xapp-1'],
    ['a Discord token in an error', (l: ReturnType<typeof createJsonLogger>) => l.error('login', { error: new Error(`bad token ${DISCORD_TOKEN}`) }), DISCORD_TOKEN.slice(0, 20)],
    ['an Authorization header', (l: ReturnType<typeof createJsonLogger>) => l.warn('request', { headers: { Authorization: 'whatever-it-is', accept: 'json' } }), 'whatever-it-is'],
    ['a Bearer value in text', (l: ReturnType<typeof createJsonLogger>) => l.warn('curl -H "Authorization: Bearer abc.def.ghi12345"'), 'abc.def.ghi12345'],
    ['the signing secret, wherever it appears', (l: ReturnType<typeof createJsonLogger>) => l.info(`secret is ${SIGNING_SECRET}`, { nested: [{ note: SIGNING_SECRET }] }), SIGNING_SECRET],
    ['a field named like a credential', (l: ReturnType<typeof createJsonLogger>) => l.info('config', { signingSecret: 'short', token: 'plain' }), 'plain'],
    ['a Slack request signature', (l: ReturnType<typeof createJsonLogger>) => l.warn('bad signature', { got: `v0=${'a'.repeat(64)}` }), 'a'.repeat(64)],
  ])('redacts %s', (_name, write, leaked) => {
    const out = capture();
    write(createJsonLogger({ destination: out.stream, secrets: [SIGNING_SECRET] }));
    expect(out.lines.join('\n')).not.toContain(leaked);
    expect(out.lines.join('\n')).toContain(REDACTED);
  });

  it('survives cyclic fields', () => {
    const out = capture();
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    createJsonLogger({ destination: out.stream }).info('cycle', { cyclic });
    expect(out.json()[0]).toMatchObject({ cyclic: { name: 'loop', self: '[...]' } });
  });
});

describe('console logger', () => {
  it('keeps readable lines, without stacks, and redacts too', () => {
    const out = capture();
    createConsoleLogger(out.stream).error('posting failed for xoxb-9-9-secret', { error: new Error('nope') });
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z error posting failed for \[redacted\] \{"error":\{"name":"Error","message":"nope"\}\}$/);
  });
});

describe('memory logger', () => {
  it('keeps entries as they were given, for tests', () => {
    const logger = createMemoryLogger();
    logger.warn('w', { a: 1 });
    expect(logger.entries).toEqual([{ level: 'warn', message: 'w', fields: { a: 1 } }]);
  });
});
