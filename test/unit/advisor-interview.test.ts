import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/core/action-ids.js';
import type { AdvisorEvent, Reply } from '../../src/core/advisor-types.js';
import type { ConversationKey } from '../../src/core/conversation.js';
import { createAdvisorHarness, type AdvisorHarness } from '../helpers/advisor-harness.js';

// The interview as an adapter drives it, over real SQLite: it asks what drives
// the answer, says what it could not read before pricing anything, keeps its
// choices numbered, and refuses what-ifs and figures beyond sense.

const key: ConversationKey = { platform: 'slack', workspace: 'T1', channel: 'C1', thread: 't1', user: 'U1' };
let h: AdvisorHarness;
afterEach(() => h?.close());

const send = (event: AdvisorEvent): Promise<Reply> => h.advisor.handle({ key, event, actor: 'U1' });
const start = (text: string) => send({ kind: 'start', text });
const say = (text: string) => send({ kind: 'message', text });
const facts = async () => (await h.store.findByThread({ platform: 'slack', workspace: 'T1', channel: 'C1', thread: 't1' }))!.facts;

function question(reply: Reply) {
  if (reply.kind !== 'question') throw new Error(`expected a question, got ${reply.kind}: ${JSON.stringify(reply).slice(0, 400)}`);
  return reply.question;
}
function result(reply: Reply) {
  if (reply.kind !== 'result') throw new Error(`expected a result, got ${reply.kind}: ${JSON.stringify(reply).slice(0, 400)}`);
  return reply;
}

describe('asking what drives the answer', () => {
  it('asks for memory when the work is CPU-bound, and uses the answer', async () => {
    h = createAdvisorHarness();
    const q = question(await start('render product thumbnails, 3 s each, 2k a day, stateless'));
    expect(q.id).toBe('constraints');
    expect(q.text).toMatch(/^Anything special\? First, how much memory does one run need\?.*1,769 MB = one vCPU/);
    expect(q.choices.map((c) => c.label)).toEqual(expect.arrayContaining(['2 GB']));
    const r = result(await say('2 GB'));
    expect(r.assessment.workload.memoryMb).toBe(2048);
  });

  it('states the memory it assumed when the answer is "none"', async () => {
    h = createAdvisorHarness();
    await start('render product thumbnails, 3 s each, 2k a day, stateless');
    const r = result(await say('none'));
    expect(r.card.assumptions.join('\n')).toMatch(/1769 MB of memory per invocation, where Lambda gives one full vCPU/);
  });

  it('asks about the trigger when the verdict leans on it, and not otherwise', async () => {
    h = createAdvisorHarness();
    const q = question(await start('sync records, 2 s, 10 rps, stateless, 512MB'));
    expect(q.id).toBe('constraints');
    expect(q.text).toMatch(/What starts each run: an HTTP request, a queue message, a schedule or an upload\?/);
    const r = result(await say('reads from a queue'));
    expect(r.assessment.workload.trigger).toBe('queue');

    h.close();
    h = createAdvisorHarness();
    expect((await start('enrich records, 100 ms, 5 rps, stateless, 512MB, no latency target, 20 MB package')).kind).toBe('result');
  });

  it('accepts a GPU or a wish to stay portable as the answer to "anything special"', async () => {
    h = createAdvisorHarness();
    await start('image tagging API, 200 ms, 5 rps');
    const gpu = result(await say('needs a GPU'));
    expect(gpu.assessment.verdict).toBe('avoid');
    expect(gpu.card.headline).toMatch(/EC2 GPU instances/);

    h.close();
    h = createAdvisorHarness();
    await start('order webhook, 300 ms, 50k a month');
    expect(result(await say('we want to stay portable')).card.headline).toBe('Fit: run it on Google Cloud Run (a portable container)');
  });

  it('takes held connections as the traffic answer for a WebSocket service', async () => {
    h = createAdvisorHarness();
    const q = question(await start('chat backend on websockets'));
    expect(q.id).toBe('traffic');
    expect(q.text).toMatch(/How many clients are connected at once/);
    const next = await say('20k concurrent users');
    expect(next.kind === 'result' || question(next).id === 'constraints').toBe(true);
    expect((await facts()).connections?.concurrent).toBe(20_000);
  });
});

describe('what it could not read is said before anything is priced', () => {
  it('asks for the traffic again when the figure was negative', async () => {
    h = createAdvisorHarness();
    const q = question(await start('REST API, -100 rps, 100 ms, stateless, 512MB, no latency target, 20 MB package'));
    expect(q.id).toBe('traffic');
    expect(q.hint).toMatch(/"-100 rps": a figure cannot be negative/);
    expect((await facts()).traffic).toBeUndefined();
  });

  it('reads scientific notation, and refuses power notation beyond any workload instead of reading "10^15" as 15', async () => {
    h = createAdvisorHarness();
    const q = question(await start('REST API, 10^15 rps, 100 ms, stateless, 512MB, no latency target, 20 MB package'));
    expect(q.id).toBe('traffic');
    expect(q.hint).toMatch(/"10\^15 rps": that figure is beyond any real workload/);

    h.close();
    h = createAdvisorHarness();
    const r = result(await start('REST API, 1e3 rps, 100 ms, stateless, 512MB, no latency target, 20 MB package'));
    expect(r.assessment.workload.traffic.hourly[0]).toBe(3_600_000);
  });

  it('asks instead of defaulting when a duration is stated without a figure', async () => {
    h = createAdvisorHarness();
    const q = question(await start('nightly import that runs for hours'));
    expect(q.id).toBe('duration');
    expect(q.hint).toMatch(/You said it runs for hours: about how many hours\?/);
    const next = await send({ kind: 'action', actionId: ACTION_IDS.assumeDefault, value: 'duration' });
    expect(next.kind).not.toBe('notice');
    expect((await facts()).duration).toEqual({ typicalMs: 7_200_000, worstMs: 7_200_000 });
  });

  it('refuses a sub-microsecond duration rather than reading "1e-9 minutes" as 9 minutes', async () => {
    h = createAdvisorHarness();
    const q = question(await start('API, 5 rps, 1e-9 minutes per request'));
    expect(q.id).toBe('duration');
    expect(q.hint).toMatch(/"1e-9 minutes": that figure is too small to be real/);
  });

  it('shows a refused figure even when nothing else is missing', async () => {
    h = createAdvisorHarness();
    const q = question(await start('nightly cleanup job, 3 minutes, stateless, -2 GB of memory, no latency target, 20 MB package'));
    expect(q.id).toBe('constraints');
    expect(q.hint).toMatch(/"-2 gb": a figure cannot be negative/);
    expect(result(await say('512 MB of memory')).assessment.workload.memoryMb).toBe(512);
  });

  it('questions figures beyond any real workload instead of pricing them', async () => {
    h = createAdvisorHarness();
    const q = question(await start('transcode, 5 million rps, 10 minutes each, 10 GB of memory, stateless, no latency target, 20 MB package'));
    expect(q.id).toBe('traffic');
    expect(q.hint).toMatch(/^Those figures come to \$[\d,]+ a month even on the cheapest option.*Check the traffic and the duration\./);
    expect((await facts()).traffic).toBeUndefined();
    expect(await h.store.assessments('T1')).toHaveLength(0);
  });
});

describe('choices and hints', () => {
  it('keeps every listed choice and its number when "Assume a typical value" is offered', async () => {
    h = createAdvisorHarness();
    const first = question(await start('sync orders webhook'));
    await say('banana');
    const third = question(await say('still banana'));
    expect(third.choices.slice(0, first.choices.length).map((c) => c.label)).toEqual(first.choices.map((c) => c.label));
    expect(third.choices.at(-1)?.label).toBe('Assume a typical value');
  });

  it('gives each example once in a retry hint', async () => {
    h = createAdvisorHarness();
    await start('sync orders webhook');
    const again = question(await say('banana'));
    expect(again.hint).toBe('I could not find a rate in "banana". Give a number with a time unit, e.g. "3,000 a day", "50 req/s", "2M a month" or "every 5 minutes".');
    const bare = question(await say('200'));
    expect(bare.hint).toBe('200 what? e.g. "200 requests/hour", "200 a day" or "200 per second".');
  });
});

describe('what-ifs that cannot be applied', () => {
  async function finished(): Promise<void> {
    h = createAdvisorHarness();
    result(await start('REST API, 100 rps 24/7, 100 ms, stateless, 512MB, no latency target, 20 MB package'));
  }

  it.each([
    ['what if traffic -5x', /cannot be negative/],
    ['traffic -5x', /cannot be negative/],
    ['what if traffic x0', /x0 would leave nothing/],
    ['what if traffic is 100000x', /beyond any real workload/],
    ['what if it takes -3 minutes', /cannot be negative/],
  ])('refuses "%s" with a reason and keeps the result', async (text, why) => {
    await finished();
    const before = await facts();
    const reply = await say(text);
    expect(reply).toMatchObject({ kind: 'notice', level: 'warning', text: expect.stringMatching(why) });
    expect(await facts()).toEqual(before);
  });

  it('refuses a what-if whose figures come to a price beyond sense, keeping the previous figures', async () => {
    await finished();
    const before = await facts();
    const reply = await say('what if it takes 14 minutes and traffic is 9000x');
    expect(reply).toMatchObject({ kind: 'notice', level: 'warning', text: expect.stringMatching(/Those figures come to .* I kept the previous figures\./) });
    expect(await facts()).toEqual(before);
  });

  it('still applies a sensible one', async () => {
    await finished();
    expect(result(await say('what if traffic doubles')).card.changes.join('\n')).toMatch(/Traffic: 100 req\/s -> 200 req\/s/);
  });
});
