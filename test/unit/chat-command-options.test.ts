import { describe, expect, it } from 'vitest';
import { serverlessFitCommand, type SubCommand } from '../../commands/serverless-fit.js';
import { readSlash } from '../../src/adapters/discord/slash-input.js';
import { suggestTimeZones } from '../../src/adapters/discord/autocomplete.js';
import { parseDigestOptions } from '../../src/core/digest/digest-schedule.js';
import { DIGEST_ACTIONS } from '../../src/core/digest/digest-service.js';

// The command definition's fixed values are words the bot reads back, and a
// sub-command group sent by a newer registration reads as the older form.

const digest: SubCommand | undefined = serverlessFitCommand.subCommands.find((s) => s.name === 'digest');
const choicesOf = (name: string): string[] => digest?.options.find((o) => o.name === name)?.choices?.map((c) => c.value) ?? [];

describe('digest choices', () => {
  it('offers exactly the actions the digest understands', () => {
    expect([...choicesOf('action')].sort()).toEqual([...DIGEST_ACTIONS].sort());
  });

  const words: [string, string, unknown][] = [
    ...choicesOf('weekday').map((day): [string, string, unknown] => ['weekday', day, { schedule: expect.objectContaining({ weekday: day }) }]),
    ['quiet', 'one-line', { quiet: 'one-line' }],
    ['quiet', 'skip-quiet', { quiet: 'skip' }],
  ];
  it.each(words)('%s choice "%s" is read by the schedule parser', (_option, value, expected) => {
    const parsed = parseDigestOptions([value]);
    expect(parsed.ok && parsed.options).toMatchObject(expected as object);
  });
  it('covers every quiet choice', () => expect(choicesOf('quiet')).toEqual(['one-line', 'skip-quiet']));
});

describe('a slash command read back from Discord', () => {
  const option = (name: string, value: string) => ({ name, value });
  const cases: [string, Parameters<typeof readSlash>, ReturnType<typeof readSlash>][] = [
    ['review list (group)', [[{ name: 'review', options: [{ name: 'list', options: [] }] }], 'review', 'list'], { subCommand: 'review', options: { name: 'list' } }],
    [
      'review open name (group)',
      [[{ name: 'review', options: [{ name: 'open', options: [option('name', ' checkout platform ')] }] }], 'review', 'open'],
      { subCommand: 'review', options: { name: 'checkout platform' } },
    ],
    ['review name (older registration)', [[{ name: 'review', options: [option('name', 'list')] }], null, 'review'], { subCommand: 'review', options: { name: 'list' } }],
    [
      'digest with choices',
      [[{ name: 'digest', options: [option('action', 'subscribe'), option('weekday', 'friday'), option('quiet', 'skip-quiet')] }], null, 'digest'],
      { subCommand: 'digest', options: { action: 'subscribe', weekday: 'friday', quiet: 'skip-quiet' } },
    ],
    ['help (no options)', [[{ name: 'help' }], null, 'help'], { subCommand: 'help', options: {} }],
    ['an unknown group', [[{ name: 'admin', options: [{ name: 'wipe', options: [] }] }], 'admin', 'wipe'], { subCommand: 'admin wipe', options: {} }],
  ];
  it.each(cases)('%s', (_name, args, expected) => expect(readSlash(...args)).toEqual(expected));
});

describe('time zone suggestions', () => {
  const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'Australia/Sydney'];
  const cases: [string, string[]][] = [
    ['ber', ['Europe/Berlin']],
    ['new_york', ['America/New_York']],
    ['buenos aires', ['America/Argentina/Buenos_Aires']],
    ['america', ['America/Argentina/Buenos_Aires', 'America/New_York']],
    ['utc', ['UTC']],
    ['  SYDNEY ', ['Australia/Sydney']],
    ['zzz', []],
  ];
  it.each(cases)('"%s"', (typed, expected) => expect(suggestTimeZones(typed, zones).map((s) => s.value)).toEqual(expected));
  it('never suggests more than 25', () => expect(suggestTimeZones('', Intl.supportedValuesOf('timeZone'))).toHaveLength(25));
});
