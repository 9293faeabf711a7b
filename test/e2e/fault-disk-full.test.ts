import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { report, until } from './fakes/chaos.js';
import { spawnServe, stopNow } from './fakes/serve-process.js';
import { messageEventBody, postToSlackApp, slashCommandBody } from './fakes/slack-requests.js';
import { startFakeSlackWebApi } from './fakes/slack-web-api.js';

// The disk fills up under a running bot. Its file-size limit is lowered from
// outside (prlimit), so every write past the first kilobyte of a file fails
// exactly as on a full disk. The bot must not acknowledge what it cannot
// write down: the person is told to try again, an event is left for Slack to
// retry, the operator gets one error line per refusal, and nothing is posted.
// Once there is room again it takes work as before.

const SECRET = '0123456789abcdef0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'sf-fault-disk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const limitFileSize = (pid: number, bytes: number | 'unlimited') => execFileSync('prlimit', ['--pid', String(pid), `--fsize=${bytes}:`]);

it('refuses what it cannot write down, tells the person and the operator, and recovers when there is room', async () => {
  const fake = await startFakeSlackWebApi();
  const serve = await spawnServe({ env: { SLACK_BOT_TOKEN: 'xoxb-disk', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', SERVERLESS_FIT_DB: join(dir, 'full.db') } });
  const url = serve.url('/slack/events');
  const command = (id: number) =>
    postToSlackApp(url, slashCommandBody({ text: `[f${id}] resize images on upload`, team: 'T0000001', channel: 'C100', user: 'U100', responseUrl: fake.responseUrl(`disk-${id}`) }), 'application/x-www-form-urlencoded', { secret: SECRET });
  const roots = (id: number) => fake.messages.filter((m) => !m.threadTs && m.text.includes(`[f${id}]`));
  try {
    expect((await command(0)).body).toBe('');
    const thread = await fake.waitFor(() => roots(0)[0], 10_000);
    await fake.waitFor(() => fake.messages.find((m) => m.threadTs === thread.ts), 10_000);

    limitFileSize(serve.child.pid!, 1024);
    const full = [1, 2, 3];
    const refusals = [];
    for (const id of full) refusals.push(await command(id));
    const event = await postToSlackApp(url, messageEventBody({ team: 'T0000001', channel: 'C100', user: 'U200', text: '3000 a day', ts: '1900000000.000002', threadTs: thread.ts, eventId: 'EvFull' }), 'application/json', { secret: SECRET });
    for (const refusal of refusals) {
      expect(refusal.status).toBe(200);
      expect(JSON.parse(refusal.body)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/could not save your request, so I have not started on it/) });
    }
    expect(event.status).toBe(503);
    expect(full.flatMap(roots)).toEqual([]);
    const operator = serve.logs.filter((l) => l.level === 'error' && String(l.msg).startsWith('could not save a Slack delivery'));
    expect(operator).toHaveLength(full.length + 1);
    expect(String(operator[0]!.msg)).toMatch(/disk/);
    // Still alive and answering.
    expect((await fetch(serve.url('/healthz'))).status).toBe(200);

    limitFileSize(serve.child.pid!, 'unlimited');
    const retried = await postToSlackApp(url, messageEventBody({ team: 'T0000001', channel: 'C100', user: 'U200', text: '3000 a day', ts: '1900000000.000002', threadTs: thread.ts, eventId: 'EvFull' }), 'application/json', { secret: SECRET, retryNum: 1 });
    expect(retried.status).toBe(200);
    const after = [4, 5];
    for (const id of after) expect((await command(id)).body).toBe('');
    await until(() => after.every((id) => roots(id).length === 1 && fake.messages.some((m) => m.threadTs === roots(id)[0]!.ts)), 20_000, 'the commands after the disk has room');
    await fake.waitFor(() => fake.messages.filter((m) => m.threadTs === thread.ts).length === 2, 10_000);
    const duplicated = [0, ...full, ...after].filter((id) => roots(id).length > 1).length;
    report('disk full', {
      sent: full.length + after.length,
      acknowledged: after.length,
      answered: after.filter((id) => roots(id).length === 1).length,
      duplicated,
      'refused while full': full.length,
      'event left for retry': Number(event.status === 503),
    });
    expect(duplicated).toBe(0);
  } finally {
    stopNow(serve);
    await fake.close();
  }
}, 60_000);
