import { afterEach, expect, it } from 'vitest';
import { report } from './fakes/chaos.js';
import { SlackHarness } from './fakes/slack-harness.js';
import type { InjectedFailure } from './fakes/slack-web-api.js';

// Whatever answers in Slack's place (a proxy's error page, an error string
// nobody has seen before) stays in the operator's log. The person is told a
// sentence of ours, never the reply itself.

let harness: SlackHarness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const GARBAGE = '<script>alert(1)</script>';

it.each<[string, InjectedFailure]>([
  ['an unknown Slack error string', { error: `${GARBAGE}internal_error_7f3a` }],
  ["a proxy's HTML error page", { error: 'bad_gateway', raw: { status: 502, body: `<html><body><h1>502 Bad Gateway</h1>${GARBAGE}</body></html>` } }],
  ['a 200 that is not JSON', { error: 'not_json', raw: { status: 200, body: `OK${GARBAGE}` } }],
])('%s is never echoed to the user', async (_name, failure) => {
  const h = (harness = await SlackHarness.start());
  h.fake.failNext('chat.postMessage', { ...failure, times: 3 });
  const ack = await h.command('resize images on upload');
  expect(ack.status).toBe(200);
  const told = await h.fake.waitFor(() => h.fake.responses[0], 10_000);
  const text = JSON.stringify(told.body);
  expect(text).toMatch(/Slack refused my reply; the reason is in my log|couldn't reach Slack/);
  for (const fragment of ['<script', 'internal_error_7f3a', 'Bad Gateway', '<html', 'OK<']) expect(text).not.toContain(fragment);
  expect(h.logger.entries.some((e) => e.level === 'warn' && e.message === 'slack call failed')).toBe(true);
  report(`garbage Slack reply: ${_name}`, {
    sent: 1,
    acknowledged: Number(ack.status === 200),
    answered: h.fake.responses.length,
    duplicated: Math.max(0, h.fake.responses.length - 1),
    'garbage shown to the user': Number(/<script|Bad Gateway|internal_error/.test(JSON.stringify(h.fake.responses))),
  });
});
