import { afterEach, describe, expect, it } from 'vitest';
import type { CommandOutcome, Reply } from '../../src/core/advisor-types.js';
import type { ConversationKey } from '../../src/core/conversation.js';
import { readCommand, type Command } from '../../src/core/dispatch/read-command.js';
import type { MeasureAnswer, MeasureRequest } from '../../src/core/metrics/measure-request.js';
import type { HourlyPoint, MetricsReading, MetricsResult } from '../../src/core/metrics/metric-types.js';
import { readMeasureWords } from '../../src/core/metrics/read-measure-words.js';
import { createAdvisorHarness, type AdvisorHarness } from '../helpers/advisor-harness.js';
import { createReviewHarness, type ReviewHarness } from '../helpers/review-harness.js';

// Measuring in chat, read by the core: the words engineers type after
// "assess from" and "measure <component> from", the request the core hands a
// front end to read, and what it does with the reading it gets back.

describe('"assess from ..." is a measurement only when a source follows', () => {
  const cases: [string, Command][] = [
    ['assess from lambda resize-images eu-west-1', { kind: 'measure', words: 'lambda resize-images eu-west-1' }],
    ['from lambda resize-images', { kind: 'measure', words: 'lambda resize-images' }],
    ['Assess  FROM  sqs orders', { kind: 'measure', words: 'sqs orders' }],
    ['assess from lamda resize-images', { kind: 'measure', words: 'lamda resize-images' }],
    ['assess from api gateway a1b2c3d4e5 prod', { kind: 'measure', words: 'api gateway a1b2c3d4e5 prod' }],
    ['assess from', { kind: 'measure', words: '' }],
    ['from the mobile app, 200 rps, 80 ms', { kind: 'assess', text: 'from the mobile app, 200 rps, 80 ms' }],
    ['assess from S3 uploads: resize images, 2 s', { kind: 'assess', text: 'from S3 uploads: resize images, 2 s' }],
    ['resize images from lambda uploads', { kind: 'assess', text: 'resize images from lambda uploads' }],
  ];
  it.each(cases)('%j', (text, command) => {
    expect(readCommand(text)).toEqual(command);
  });

  it('a menu\'s "from" (Discord) is always a measurement', () => {
    expect(readCommand('dynamodb orders', 'from')).toEqual({ kind: 'measure', words: 'dynamodb orders' });
  });
});

describe('the source, region and words after "from"', () => {
  const ok: [string, object, string | null, string][] = [
    ['lambda resize-images eu-west-1', { kind: 'lambda', functionName: 'resize-images' }, 'eu-west-1', ''],
    ['lambda resize-images in us-east-2', { kind: 'lambda', functionName: 'resize-images' }, 'us-east-2', ''],
    ['Lambda resize-images', { kind: 'lambda', functionName: 'resize-images' }, null, ''],
    ['lamda resize-images', { kind: 'lambda', functionName: 'resize-images' }, null, ''],
    ['lmabda resize-images', { kind: 'lambda', functionName: 'resize-images' }, null, ''],
    ['lambda function resize-images', { kind: 'lambda', functionName: 'resize-images' }, null, ''],
    ['lambda arn:aws:lambda:eu-central-1:123456789012:function:resize-images', { kind: 'lambda', functionName: 'arn:aws:lambda:eu-central-1:123456789012:function:resize-images' }, 'eu-central-1', ''],
    ['lambda resize-images eu-west-1 p99 under 100 ms', { kind: 'lambda', functionName: 'resize-images' }, 'eu-west-1', 'p99 under 100 ms'],
    ['apigw a1b2c3d4e5 prod', { kind: 'apigw', apiId: 'a1b2c3d4e5', stage: 'prod' }, null, ''],
    ['apigw a1b2c3d4e5/prod us-east-1', { kind: 'apigw', apiId: 'a1b2c3d4e5', stage: 'prod' }, 'us-east-1', ''],
    ['api gateway a1b2c3d4e5 prod', { kind: 'apigw', apiId: 'a1b2c3d4e5', stage: 'prod' }, null, ''],
    ['alb app/web/50dc6c495c0c9188', { kind: 'alb', loadBalancer: 'app/web/50dc6c495c0c9188' }, null, ''],
    ['alb arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188', { kind: 'alb', loadBalancer: 'app/web/50dc6c495c0c9188' }, 'eu-west-1', ''],
    ['alb my-alb', { kind: 'alb', loadBalancer: 'my-alb', byName: true }, null, ''],
    ['alb web-prod eu-west-1', { kind: 'alb', loadBalancer: 'web-prod', byName: true }, 'eu-west-1', ''],
    ['load balancer checkout-alb in us-east-1', { kind: 'alb', loadBalancer: 'checkout-alb', byName: true }, 'us-east-1', ''],
    ['ELB Checkout-ALB p99 under 200 ms', { kind: 'alb', loadBalancer: 'Checkout-ALB', byName: true }, null, 'p99 under 200 ms'],
    ['alb app/web/50dc6c495c0c9188 ap-southeast-2', { kind: 'alb', loadBalancer: 'app/web/50dc6c495c0c9188' }, 'ap-southeast-2', ''],
    ['sqs orders', { kind: 'sqs', queueName: 'orders' }, null, ''],
    ['queue orders.fifo', { kind: 'sqs', queueName: 'orders.fifo' }, null, ''],
    ['sqs https://sqs.eu-west-1.amazonaws.com/123456789012/orders', { kind: 'sqs', queueName: 'orders' }, 'eu-west-1', ''],
    ['ecs prod/web 40 rps at peak', { kind: 'ecs', cluster: 'prod', service: 'web' }, null, '40 rps at peak'],
    ['ecs prod web eu-west-1 40 rps', { kind: 'ecs', cluster: 'prod', service: 'web' }, 'eu-west-1', '40 rps'],
  ];
  it.each(ok)('%j', (words, source, region, rest) => {
    expect(readMeasureWords(words)).toEqual({ ok: true, source, region, rest });
  });

  const refused: [string, RegExp][] = [
    ['', /^Say what to measure: use lambda, apigw, alb, sqs or ecs/],
    ['dynamodb orders', /^"dynamodb" is not something I can measure/],
    ['lambda', /^Name the function: from lambda <function-name> \[region\], e\.g\. from lambda resize-images eu-west-1\.$/],
    ['lambda eu-west-1', /^Name the function:/],
    ['lambda resize/images', /not a Lambda function name/],
    ['apigw a1b2c3d4e5', /^Name the API and its stage: from apigw <api-id> <stage>/],
    ['apigw a1b2c3d4e5 eu-west-1', /^Name the API and its stage/],
    ['alb', /^Name the load balancer: from alb <load-balancer-name> \[region\], e\.g\. from alb web-prod eu-west-1\.$/],
    ['alb eu-west-1', /^Name the load balancer:/],
    ['alb my_alb', /^"alb:my_alb" is not a load balancer: use alb:<name> .* In chat: from alb <load-balancer-name> \[region\]\.$/],
    ['alb app/web', /is not a load balancer/],
    ['ecs prod', /^Name the cluster and its service/],
    ['sqs', /^Name the queue/],
  ];
  it.each(refused)('%j is refused with one sentence', (words, message) => {
    const read = readMeasureWords(words);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatch(message);
  });
});

const HOUR = 3_600_000;

/** A busy function: 1,000 calls an hour, 120 ms each, 512 MB, over the 14 days the request asks for. */
function reading(request: MeasureRequest, perHour = 1000): MetricsReading {
  const start = Date.parse(request.window.start);
  const hours = Array.from({ length: request.window.days * 24 }, (_, i) => new Date(start + i * HOUR).toISOString());
  const series = (value: number): HourlyPoint[] => hours.map((at) => ({ at, value }));
  return {
    source: request.source,
    region: request.region ?? 'eu-west-1',
    window: request.window,
    series: perHour > 0 ? { requests: series(perHour), durationAverage: series(120), durationP99: series(400) } : {},
    functionSettings: { memoryMb: 512, architecture: 'x86' },
  };
}

const answered = (request: MeasureRequest, result: MetricsResult): MeasureAnswer => ({ request, result });

describe('/serverless-fit assess from lambda: read first, then a card in a thread of its own', () => {
  let h: AdvisorHarness;
  afterEach(() => h.close());
  const key: ConversationKey = { platform: 'slack', workspace: 'W1', channel: 'C1', thread: '', user: 'U1' };

  async function ask(text: string): Promise<CommandOutcome> {
    return h.advisor.command({ key, actor: 'U1', text });
  }

  it('asks for the 14 whole hours-aligned days before now, then opens the conversation with the measured card', async () => {
    h = createAdvisorHarness();
    const outcome = await ask('assess from lambda resize-images eu-west-1');
    if (outcome.kind !== 'measure') throw new Error(`expected a measure request, got ${outcome.kind}`);
    const { request } = outcome;
    expect(request).toMatchObject({ source: { kind: 'lambda', functionName: 'resize-images' }, region: 'eu-west-1', label: 'lambda resize-images', purpose: { kind: 'assess', words: '' } });
    expect(request.window.days).toBe(14);
    expect(Date.parse(request.window.end) - Date.parse(request.window.start)).toBe(14 * 24 * HOUR);

    const next = await h.advisor.command({ key, actor: 'U1', text: 'assess from lambda resize-images eu-west-1', measured: answered(request, { ok: true, reading: reading(request) }) });
    if (next.kind !== 'thread-first' || next.then.kind !== 'start') throw new Error(`expected a thread, got ${next.kind}`);
    expect(next.title).toBe('lambda:resize-images (measured)');

    const reply = await h.advisor.handle({ key: { ...key, thread: 'T1' }, event: next.then, actor: 'U1' });
    if (reply.kind !== 'result') throw new Error(`expected a card, got ${reply.kind}`);
    const traffic = reply.card.fields.find((f) => f.label === 'Traffic');
    expect(traffic?.value).toMatch(/\(measured over 14 days\)$/);
    expect(reply.card.fields.map((f) => f.label)).toEqual(expect.arrayContaining(['Measured period', 'Measured requests', 'Measured duration']));
    // Saved like any assessment: the history lists it.
    expect((await h.store.list('W1', { channel: 'C1', platform: 'slack', limit: 5 })).map((c) => c.description)).toEqual(['lambda:resize-images (measured)']);
  });

  const failures: [string, MetricsResult | 'no-data', RegExp][] = [
    ['no credentials', { ok: false, failure: { code: 'no-credentials', message: 'No AWS credentials were found.' } }, /^No AWS credentials were found\.$/],
    ['access denied', { ok: false, failure: { code: 'access-denied', message: 'AWS refused cloudwatch:GetMetricData.' } }, /cloudwatch:GetMetricData/],
    ['a dead function', 'no-data', /^lambda:resize-images has no Invocations in eu-west-1 in the 14 days to/],
  ];
  it.each(failures)('%s: one private sentence, nothing saved', async (_, result, message) => {
    h = createAdvisorHarness();
    const outcome = await ask('assess from lambda resize-images eu-west-1');
    if (outcome.kind !== 'measure') throw new Error('expected a measure request');
    const measured = result === 'no-data' ? { ok: true as const, reading: reading(outcome.request, 0) } : result;
    const next = await h.advisor.command({ key, actor: 'U1', text: 'assess from lambda resize-images eu-west-1', measured: answered(outcome.request, measured) });
    expect(next.kind).toBe('private');
    if (next.kind === 'private' && next.reply.kind === 'notice') expect(next.reply.text).toMatch(message);
    expect(await h.store.list('W1', { channel: 'C1', platform: 'slack', limit: 5 })).toEqual([]);
  });

  it.each([
    ['assess from lambda', /^Name the function/],
    ['assess from alb my_alb', /"alb:my_alb" is not a load balancer/],
    ['assess from ecs prod/web', /metrics hold its tasks and how busy they are, not its requests: add its traffic after the name/],
  ])('%j is answered privately before anything is read', async (text, message) => {
    h = createAdvisorHarness();
    const outcome = await ask(text);
    expect(outcome.kind).toBe('private');
    if (outcome.kind === 'private' && outcome.reply.kind === 'notice') expect(outcome.reply.text).toMatch(message);
  });

  it('a load balancer given by its plain name is asked for by name, for the AWS side to look up', async () => {
    h = createAdvisorHarness();
    const outcome = await ask('assess from alb my-alb eu-west-1');
    if (outcome.kind !== 'measure') throw new Error(`expected a measure request, got ${outcome.kind}`);
    expect(outcome.request).toMatchObject({ source: { kind: 'alb', loadBalancer: 'my-alb', byName: true }, region: 'eu-west-1' });
  });
});

describe('measure <component> from ... in a design review', () => {
  let r: ReviewHarness;
  afterEach(() => r.close());

  async function open(): Promise<void> {
    r = createReviewHarness();
    await r.send({ kind: 'review-open', name: 'media platform' });
    await r.say('add image pipeline: resize uploads on S3, 2 s, 3k/day, 1 GB');
    await r.say('add checkout api: REST API, 200 rps 24/7, 80 ms');
    // Both assessed: "none" answers each one's constraints question.
    await r.say('none');
    await r.say('none');
  }

  function noticeText(reply: Reply): string {
    if (reply.kind === 'result') throw new Error('expected a notice or a question');
    return reply.kind === 'notice' ? reply.text : reply.question.text;
  }

  it('asks to read the source, then replaces the guessed traffic and says what moved', async () => {
    await open();
    const asked = await r.say('measure image pipeline from lambda resize-images eu-west-1');
    if (asked.kind !== 'notice' || !asked.measure) throw new Error('expected a measure request');
    expect(asked.measure).toMatchObject({ source: { kind: 'lambda', functionName: 'resize-images' }, region: 'eu-west-1', purpose: { kind: 'component', componentName: 'image pipeline' } });
    const before = (await r.reviews.findByThread(r.key))!.components[0]!;

    const reply = await r.send({ kind: 'measured', answer: answered(asked.measure, { ok: true, reading: reading(asked.measure, 12_000) }) });
    const text = noticeText(reply);
    expect(text).toMatch(/^Measured image pipeline from lambda resize-images in eu-west-1, measured over 14 days\.$/m);
    // 3,000 a day x 730 / 24 hours; 12,000 an hour x 730 hours, 12,000 x 24 x 14 days read.
    expect(text).toMatch(/^Traffic was 91,250 requests\/month \(3,000 requests\/day\); now 8\.76 M requests\/month \(4\.03 M requests measured over 14 days \(lambda:resize-images, UTC hours\)\)\.$/m);
    expect(text).toMatch(/^Duration was 2 s typical, 2 s worst; now 120 ms typical, 400 ms worst\.$/m);
    expect(text).toMatch(/^Cost was \$5\.05\/month \(fit, AWS Lambda\); now \$29\.87\/month \(fit, AWS Lambda\)\.$/m);
    expect(reply.kind !== 'result' && reply.review?.updated).toBe(true);
    const after = (await r.reviews.findByThread(r.key))!.components[0]!;
    expect(after.facts.traffic?.echo).toMatch(/measured over 14 days/);
    expect(after.last?.recommendedUsd).not.toBe(before.last?.recommendedUsd);
    expect((await r.reviews.changes('W1', after.id === 'c1' ? (await r.reviews.findByThread(r.key))!.id : '')).at(-1)?.text).toMatch(/^measured from lambda resize-images in eu-west-1/);
  });

  const refused: [string, RegExp][] = [
    ['measure payments from lambda charge', /^There is no component called "payments"\. Components: image pipeline, checkout api\.$/],
    ['measure from lambda resize-images', /^Say which component to measure: measure <component> from lambda <function-name> \[region\]\. Components: image pipeline, checkout api\.$/],
    ['measure image pipeline', /^Say where image pipeline runs: measure image pipeline from lambda/],
    ['measure checkout api from alb my_alb', /"alb:my_alb" is not a load balancer/],
    ['measure image pipeline from lambda', /^Name the function/],
    ['measure image pipeline from dynamo images', /"dynamo" is not something I can measure/],
    ['measure checkout api from ecs prod/web', /measure checkout api from the load balancer or API in front of it/],
  ];
  it.each(refused)('%j is answered and changes nothing', async (text, message) => {
    await open();
    const before = JSON.stringify(await r.reviews.findByThread(r.key));
    const reply = await r.say(text);
    expect(reply.kind === 'notice' && reply.measure).toBeFalsy();
    expect(noticeText(reply)).toMatch(message);
    expect(JSON.stringify(await r.reviews.findByThread(r.key))).toBe(before);
  });

  it('a failed reading is one sentence and the review is unchanged', async () => {
    await open();
    const asked = await r.say('measure image pipeline from lambda resize-images');
    if (asked.kind !== 'notice' || !asked.measure) throw new Error('expected a measure request');
    const before = JSON.stringify(await r.reviews.findByThread(r.key));
    const reply = await r.send({ kind: 'measured', answer: answered(asked.measure, { ok: false, failure: { code: 'throttled', message: 'CloudWatch is throttling requests right now; try again in a minute.' } }) });
    expect(reply).toMatchObject({ kind: 'notice', level: 'error', text: 'CloudWatch is throttling requests right now; try again in a minute. Nothing in the review changed.' });
    expect(JSON.stringify(await r.reviews.findByThread(r.key))).toBe(before);
  });
});
