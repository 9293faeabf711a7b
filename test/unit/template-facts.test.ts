import { describe, expect, it } from 'vitest';
import { scheduleTraffic } from '../../src/core/templates/schedule-traffic.js';
import { createResolver, UNRESOLVED } from '../../src/core/templates/serverless-variables.js';
import { importSummary, questionsFor, withAssumedDefaults } from '../../src/core/templates/template-facts.js';
import { templateAssessmentJson } from '../../src/core/templates/template-assessment.js';
import { requestsPerDay } from '../../src/core/traffic.js';
import { shippedCatalog } from '../helpers/cost-fixtures.js';
import { componentsOf, readFixture } from '../helpers/template-fixtures.js';

// What a template's facts become: schedules as known traffic, variables
// resolved only from the file, and "assume defaults" that respect a timeout.

describe('a schedule is traffic the bot need not ask', () => {
  it.each([
    ['rate(1 minute)', 1440, null],
    ['rate(5 minutes)', 288, null],
    ['rate(1 hour)', 24, null],
    ['rate(12 hours)', 2, null],
    ['rate(1 day)', 1, null],
    ['rate(7 days)', 1 / 7, null],
    ['cron(0 2 * * ? *)', 1, 2],
    ['cron(30 23 * * ? *)', 1, 23],
    ['cron(0/15 * * * ? *)', 96, null],
    ['cron(0 8-17 ? * MON-FRI *)', (10 * 5) / 7, 8],
    ['cron(0 9 ? * MON-FRI *)', 5 / 7, 9],
    ['cron(0,30 6 * * ? *)', 2, 6],
    ['cron(0 3 1 * ? *)', 12 / 365, 3],
  ])('%s: %d runs a day', (expression, perDay, busyHour) => {
    const traffic = scheduleTraffic(expression);
    expect(traffic?.basis).toBe('schedule');
    expect(requestsPerDay(traffic?.hourly ?? [])).toBeCloseTo(perDay, 6);
    if (busyHour !== null) expect(traffic?.hourly[busyHour]).toBeGreaterThan(0);
  });

  it.each(['every day', 'rate(0 minutes)', 'cron(0 2 * *)', 'cron(99 2 * * ? *)', 'rate(5 fortnights)', ''])('%j stays unknown', (expression) => {
    expect(scheduleTraffic(expression)).toBeNull();
  });
});

describe('Serverless Framework variables, from the file only', () => {
  const resolve = createResolver({
    service: 'shop',
    provider: { stage: "${opt:stage, 'prod'}", region: 'eu-west-1' },
    custom: { memory: 2048, timeouts: { prod: 30 }, label: 'shop-${sls:stage}', loop: '${self:custom.loop}' },
  });
  it.each([
    ['${self:custom.memory}', 2048],
    ['${self:provider.region}', 'eu-west-1'],
    ["${opt:stage, 'dev'}", 'dev'],
    ['${opt:memory, 512}', 512],
    ['${sls:stage}', 'prod'],
    ['${self:custom.label}', 'shop-prod'],
    ['${self:custom.timeouts.${sls:stage}}', 30],
    ['${env:MEMORY, self:custom.memory}', 2048],
    ['plain text', 'plain text'],
    ['${opt:stage}', UNRESOLVED],
    ['${env:MEMORY}', UNRESOLVED],
    ['${ssm:/shop/memory}', UNRESOLVED],
    ['${file(./memory.yml)}', UNRESOLVED],
    ['${cf:other-stack.Output}', UNRESOLVED],
    ['${self:custom.missing}', UNRESOLVED],
    ['${self:custom.loop}', UNRESOLVED],
  ])('%s -> %j', (text, expected) => {
    expect(resolve(text)).toEqual(expected);
  });
});

describe('what the interview still asks, and "assume defaults"', () => {
  it('a function asks traffic and duration; a schedule only duration; memory is never asked', async () => {
    const components = await componentsOf('shop/serverless.yml');
    const asked = Object.fromEntries(components.map((c) => [c.id, questionsFor(c)]));
    expect(asked).toEqual({
      api: ['traffic', 'duration', 'constraints'],
      worker: ['traffic', 'duration', 'constraints'],
      nightly: ['duration', 'constraints'],
      web: ['traffic', 'duration', 'constraints'],
    });
  });

  it.each([
    // timeout in s, assumed typical duration in ms
    [3, 200],
    [10, 200],
    [0.1, 100],
  ])('an assumed duration stays inside a %d s timeout (%d ms)', async (timeoutS, typicalMs) => {
    const [api] = await componentsOf('shop/serverless.yml');
    if (!api) throw new Error('no api');
    const facts = withAssumedDefaults({ ...api, limits: { ...api.limits, timeoutS } });
    expect(facts.duration).toEqual({ typicalMs, worstMs: typicalMs });
    expect(questionsFor({ ...api, facts })).toEqual([]);
  });

  it.each([
    ['shop/serverless.yml', '3 functions (1 HTTP, 1 queue, 1 schedule) and 1 container service; 3 need traffic'],
    ['serverless-events.yml', '15 functions (4 HTTP, 3 events, 3 schedules, 2 streams, 1 WebSocket, 1 queue, 1 no trigger); 12 need traffic'],
    ['cloudformation-events.yaml', '9 functions (3 HTTP, 2 events, 1 queue, 1 stream, 1 schedule, 1 WebSocket) and 1 container service; 9 need traffic'],
  ])('%s: %s', async (file, summary) => {
    expect(importSummary(await componentsOf(file))).toBe(summary);
  });
});

describe('assess --template JSON', () => {
  const today = new Date('2026-12-01T00:00:00Z');
  it('without defaults, every component that needs traffic says so and nothing is costed', async () => {
    const read = await readFixture('shop/main.tf');
    if (!read.ok) throw new Error(read.error.message);
    const json = templateAssessmentJson(read, 'main.tf', shippedCatalog(), { assumeDefaults: false, today });
    expect(json.status).toBe('needs_input');
    expect(json.components.map((c) => [c.id, c.status, c.questions.map((q) => q.id)])).toEqual([
      ['api', 'needs_input', ['traffic', 'duration', 'constraints']],
      ['nightly', 'needs_input', ['duration', 'constraints']],
      ['worker', 'needs_input', ['traffic', 'duration', 'constraints']],
      ['web', 'needs_input', ['traffic', 'duration', 'constraints']],
    ]);
    expect(json.totals.assessed).toBe(0);
  });

  it('with defaults, each entry has facts read, facts assumed, a verdict and costs that add up to the totals', async () => {
    const read = await readFixture('shop/serverless.yml');
    if (!read.ok) throw new Error(read.error.message);
    const json = templateAssessmentJson(read, 'serverless.yml', shippedCatalog(), { assumeDefaults: true, today });
    expect(json.status).toBe('complete');
    const nightly = json.components.find((c) => c.id === 'nightly');
    expect(nightly?.read).toMatchObject({ trigger: 'schedule', memoryMb: 256, timeoutS: 300, runtime: 'nodejs20.x', traffic: '1 run a day on a schedule (cron(0 2 * * ? *))' });
    expect(nightly?.assumed.join(' ')).toContain('200 ms per invocation');
    expect(nightly?.assumed.join(' ')).not.toContain('requests a day');
    for (const c of json.components) {
      expect(c.verdict).toMatch(/^(fit|marginal|avoid)$/);
      expect(c.costs.length).toBeGreaterThan(0);
    }
    const sum = json.components.reduce((s, c) => s + (c.monthly.recommendedUsd ?? 0), 0);
    expect(json.totals.recommendedUsd).toBeCloseTo(sum, 1);
  });
});
