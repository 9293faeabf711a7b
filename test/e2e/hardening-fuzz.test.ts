import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageThreadKey, slashCommand, translateComponent } from '../../src/adapters/discord/translate.js';
import { decodeModalOrigin, threadReply, type SlackMessageEvent } from '../../src/adapters/slack/translate.js';
import { QUESTION_IDS, type ConversationKey } from '../../src/core/conversation.js';
import { readCommand } from '../../src/core/dispatch/read-command.js';
import { parseAnswer, parseWhatIf, parseWorkload } from '../../src/core/parse/parse-workload.js';
import { decodeCustomId, decodeSelectValue } from '../../src/adapters/discord/render-card.js';
import { decodeActionValue } from '../../src/adapters/slack/render-card.js';
import { createAdvisorHarness, type AdvisorHarness } from '../helpers/advisor-harness.js';
import { SlackHarness, TEAM } from './fakes/slack-harness.js';
import { interactivityBody, messageEventBody, postToSlackApp, slashCommandBody } from './fakes/slack-requests.js';

// 10,000 hostile inputs each through the parser and through each adapter's
// payload translation, then a sample of what they produce through the real
// advisor on SQLite, and a few hundred through the real Slack HTTP endpoint.
// Nothing may throw, hang or answer 5xx; every result keeps its shape.

const RUNS = 10_000;

const nasty = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.constantFrom('', ' ', '|', '||', 'sf|', 'sf|-|a|', 'sf|x|s', 'sf|x|m', '{"c":null,"a":"x"}', '{"a":1}', 'null', '[]', '__proto__', 'constructor', '\u0000', 'x'.repeat(5000)),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const anyJson = fc.jsonValue({ maxDepth: 3 });

describe('parser', () => {
  it(`takes ${RUNS.toLocaleString('en-US')} hostile texts in every entry point without throwing`, () => {
    fc.assert(
      fc.property(nasty, fc.constantFrom(...QUESTION_IDS), (text, question) => {
        expect(parseWorkload(text).facts).toBeTypeOf('object');
        expect(parseAnswer(question, text).facts).toBeTypeOf('object');
        const whatIf = parseWhatIf(text);
        expect(whatIf === null || typeof whatIf === 'object').toBe(true);
        const command = readCommand(text);
        expect(['assess', 'help', 'history', 'forget-me', 'digest', 'review', 'unknown']).toContain(command.kind);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('Slack payload handling', () => {
  const slackEvent = fc.record(
    {
      type: fc.oneof(fc.constant('message'), fc.string({ maxLength: 10 })),
      subtype: maybe(fc.oneof(fc.constantFrom('thread_broadcast', 'message_changed', 'bot_message'), fc.string({ maxLength: 10 }))),
      channel: maybe(nasty),
      user: maybe(nasty),
      bot_id: maybe(nasty),
      text: maybe(nasty),
      ts: maybe(nasty),
      thread_ts: maybe(nasty),
      extra: maybe(anyJson),
    },
    { requiredKeys: ['type'] },
  );

  it(`translates ${RUNS.toLocaleString('en-US')} fuzzed message events, button values and modal metadata`, () => {
    fc.assert(
      fc.property(slackEvent, maybe(nasty), nasty, maybe(nasty), (event, botUser, value, metadata) => {
        const reply = threadReply(event as SlackMessageEvent, botUser);
        if (reply) {
          for (const field of [reply.channel, reply.user, reply.threadTs]) expect(field).toEqual(expect.any(String));
          expect(reply.user).not.toBe(botUser);
        }
        const ref = decodeActionValue(value);
        if (ref) expect(typeof ref.actionId).toBe('string');
        const origin = decodeModalOrigin(metadata);
        if (origin) expect(origin.channel).not.toBe('');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('Discord payload handling', () => {
  it(`translates ${RUNS.toLocaleString('en-US')} fuzzed slash commands, components and messages`, () => {
    const fields = fc.dictionary(nasty, nasty, { maxKeys: 3 });
    fc.assert(
      fc.property(
        fc.option(nasty, { nil: null }),
        fc.option(nasty, { nil: null }),
        nasty,
        fc.array(nasty, { maxLength: 3 }),
        fields,
        fc.record({
          guildId: fc.option(nasty, { nil: null }),
          channelId: nasty,
          authorId: nasty,
          parentId: fc.option(nasty, { nil: null }),
          authorIsBot: fc.boolean(),
          repliesToBot: fc.boolean(),
          content: nasty,
        }),
        (sub, description, customId, values, modalFields, message) => {
          expect(typeof slashCommand(sub, () => description).text).toBe('string');
          const component = translateComponent({ customId, values, fields: modalFields });
          if (component) expect(['action', 'typed', 'form']).toContain(component.kind);
          decodeCustomId(customId);
          expect(typeof decodeSelectValue(customId).actionId).toBe('string');
          const key = messageThreadKey(message);
          if (key) expect(key).toMatchObject({ platform: 'discord', workspace: expect.any(String) });
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('what the translations produce, through the real advisor on SQLite', () => {
  let h: AdvisorHarness;
  beforeAll(() => {
    h = createAdvisorHarness();
  });
  afterAll(() => h.close());

  it('answers 500 fuzzed conversations (starts, replies, button clicks, modal text) with a reply every time', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(nasty, nasty, fc.array(fc.tuple(nasty, fc.array(nasty, { maxLength: 1 })), { maxLength: 4 }), async (start, reply, clicks) => {
        n += 1;
        const key: ConversationKey = { platform: 'discord', workspace: 'G1', channel: 'C1', thread: `t${n}`, user: 'U1' };
        expect((await h.advisor.command({ key: { ...key, thread: '' }, text: start, actor: 'U1' })).kind).toEqual(expect.any(String));
        expect((await h.advisor.handle({ key, event: { kind: 'start', text: start }, actor: 'U1' })).kind).toEqual(expect.any(String));
        expect((await h.advisor.handle({ key, event: { kind: 'message', text: reply }, actor: 'U2' })).kind).toEqual(expect.any(String));
        for (const [customId, values] of clicks) {
          const translated = translateComponent({ customId: `sf|-|a|${customId}`, values });
          if (translated) expect((await h.advisor.act({ ref: translated, key, actor: 'U1', direct: false, canOpenForm: true })).kind).toEqual(expect.any(String));
        }
      }),
      { numRuns: 500 },
    );
    expect(h.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('the real Slack HTTP endpoint', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await SlackHarness.start();
  });
  afterAll(() => h.close());

  it('answers 300 fuzzed signed commands, events and interactions without a 5xx, then still works', async () => {
    const statuses = new Map<number, number>();
    const send = async (body: string, type: string) => {
      const response = await postToSlackApp(h.url, body, type, { secret: 'test-signing-secret' });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    };
    const samples = fc.sample(fc.tuple(nasty, anyJson, fc.nat(2)), { numRuns: 300 });
    for (const [i, [text, json, kind]] of samples.entries()) {
      if (kind === 0) {
        await send(slashCommandBody({ text, team: TEAM, channel: 'C100', user: 'U100', responseUrl: h.fake.responseUrl(`f${i}`) }), 'application/x-www-form-urlencoded');
      } else if (kind === 1) {
        await send(messageEventBody({ team: TEAM, channel: 'C100', user: 'U100', text, ts: `1.${i}`, threadTs: `${text}`.slice(0, 20) || '0.1', eventId: `EvF${i}` }), 'application/json');
      } else {
        const payload = { type: 'block_actions', team: { id: TEAM }, user: { id: 'U100', team_id: TEAM }, actions: [{ type: 'button', action_id: `sf|${text}`, value: JSON.stringify(json) }], trigger_id: `${i}.f`, container: json, channel: { id: 'C100' }, response_url: h.fake.responseUrl(`a${i}`) };
        await send(interactivityBody(payload), 'application/x-www-form-urlencoded');
      }
    }
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    expect(h.logger.entries.filter((e) => e.message === 'unhandled error in a Slack listener')).toEqual([]);

    const ack = await h.command('resize images on upload', { user: `U${crypto.randomUUID().slice(0, 6)}` });
    expect(ack.status).toBe(200);
    await h.fake.waitFor(() => h.fake.messages.find((m) => m.threadTs && JSON.stringify(m.blocks).includes('How much traffic')));
  });
});
