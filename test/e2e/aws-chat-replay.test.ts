import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRecordedSeries } from './fakes/aws-recorded-series.js';
import { startFakeAws } from './fakes/aws-server.js';
import { until } from './fakes/chaos.js';
import { CLEAN_ENV, freePort, spawnServe, stopNow, type ServeProcess } from './fakes/serve-process.js';
import { postToSlackApp, slashCommandBody } from './fakes/slack-requests.js';
import { startFakeSlackWebApi } from './fakes/slack-web-api.js';

// A measured command through Slack's durable inbox, on the real entry point
// configured by environment variables only: killed (-9) after the metrics
// were read and the answer decided but before Slack took the post, the
// restarted process answers it exactly once, from the reading recorded with
// the delivery.

const SECRET = '0123456789abcdef0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'sf-aws-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const conversations = (dbFile: string): string[] => {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare('SELECT description FROM conversations').all() as { description: string }[]).map((r) => r.description);
  } finally {
    db.close();
  }
};

describe('a measured command, then kill -9 before its answer is posted', () => {
  it('is answered exactly once after the restart, with the measurement recorded before the kill', async () => {
    const slack = await startFakeSlackWebApi();
    const aws = await startFakeAws();
    loadRecordedSeries(aws, Date.now());
    const dbFile = join(dir, 'replay.db');
    const port = await freePort();
    const env = {
      ...Object.fromEntries(Object.entries(CLEAN_ENV).filter(([k]) => !k.startsWith('AWS_'))),
      SLACK_BOT_TOKEN: 'xoxb-replay',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      SERVERLESS_FIT_DB: dbFile,
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL: aws.url,
      AWS_ACCESS_KEY_ID: 'AKIAREPLAYKEY0000001',
      AWS_SECRET_ACCESS_KEY: 'replay/secret+never+printed',
      AWS_CONFIG_FILE: join(dir, 'missing-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'missing-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    slack.hold = (method) => (method === 'chat.postMessage' ? held : undefined);
    let serve: ServeProcess = await spawnServe({ env });
    try {
      const body = slashCommandBody({ text: 'assess from lambda notify-api', team: 'T0000001', channel: 'C1', user: 'U1', responseUrl: slack.responseUrl('replay'), triggerId: '1.2222.replay' });
      const ack = await postToSlackApp(`http://127.0.0.1:${port}/slack/events`, body, 'application/x-www-form-urlencoded', { secret: SECRET });
      expect([ack.status, ack.body]).toStrictEqual([200, '']);
      // The thread's root post is on its way: the reading and the decision are recorded by now.
      await until(() => slack.arrivals.includes('chat.postMessage'), 20_000, 'the root post');
      const readBeforeKill = aws.requests.filter((r) => r.operation === 'GetMetricData').length;
      expect(readBeforeKill).toBeGreaterThan(0);

      serve.child.kill('SIGKILL');
      await serve.exited;
      release();
      await until(() => slack.callsTo('chat.postMessage').length === 1, 20_000, 'the orphaned root post to land');
      slack.hold = null;
      serve = await spawnServe({ env });

      // The thread's root is edited into the verdict once the card is in, so it is found by place, not by its words.
      const roots = () => slack.messages.filter((m) => !m.threadTs);
      const cards = () => slack.messages.filter((m) => m.threadTs === roots()[0]?.ts && JSON.stringify(m).includes('measured over 14 days'));
      await until(() => cards().length > 0, 30_000, 'the measured card');
      expect(roots()).toHaveLength(1);
      expect(cards()).toHaveLength(1);
      expect(conversations(dbFile)).toStrictEqual(['lambda:notify-api (measured)']);
      expect(serve.logs.filter((l) => l.level === 'error')).toStrictEqual([]);
      expect(JSON.stringify(serve.logs)).not.toContain('replay/secret');
    } finally {
      slack.hold = null;
      stopNow(serve);
      await slack.close();
      await aws.close();
    }
  }, 90_000);
});
