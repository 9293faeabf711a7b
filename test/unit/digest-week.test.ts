import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, parseDigestOptions, parseTimeOfDay } from '../../src/core/digest/digest-schedule.js';
import { formatIsoWeek, isoWeekIn, isoWeekOfDate, isoWeekWindow, parseIsoWeek, previousWindow, windowEndingAt, windowLabel } from '../../src/core/digest/iso-week.js';
import { builtInPlatforms } from '../../src/adapters/platforms.js';
import { threadLinksOf } from '../../src/core/digest/thread-link.js';

describe('ISO weeks', () => {
  it.each([
    ['2026-W48', { year: 2026, week: 48 }],
    ['2026w1', { year: 2026, week: 1 }],
    ['2026-W53', { year: 2026, week: 53 }], // 2026 starts on a Thursday: 53 weeks
    ['2025-W53', null], // 2025 has 52
    ['2026-W00', null],
    ['2026-48', null],
    ['last week', null],
  ])('parses %s', (text, expected) => {
    expect(parseIsoWeek(text)).toEqual(expected);
  });

  it.each([
    // [year, month, day, ISO week]
    [2026, 11, 23, '2026-W48'],
    [2026, 11, 29, '2026-W48'],
    [2026, 11, 30, '2026-W49'],
    [2027, 1, 1, '2026-W53'],
    [2024, 12, 30, '2025-W01'],
  ])('%i-%i-%i is in %s', (y, m, d, week) => {
    expect(formatIsoWeek(isoWeekOfDate(y, m, d))).toBe(week);
  });

  it('a week runs Monday to Monday, UTC', () => {
    expect(isoWeekWindow({ year: 2026, week: 48 })).toEqual({ since: '2026-11-23T00:00:00.000Z', until: '2026-11-30T00:00:00.000Z' });
    expect(isoWeekWindow({ year: 2026, week: 1 })).toEqual({ since: '2025-12-29T00:00:00.000Z', until: '2026-01-05T00:00:00.000Z' });
  });

  it.each([
    // Sunday 23:30 UTC is already Monday in Tokyo and still Sunday in New York.
    ['2026-11-29T23:30:00Z', 'UTC', '2026-W48'],
    ['2026-11-29T23:30:00Z', 'Asia/Tokyo', '2026-W49'],
    ['2026-11-30T03:00:00Z', 'America/New_York', '2026-W48'],
  ])('%s is in week %s of %s', (instant, zone, week) => {
    expect(formatIsoWeek(isoWeekIn(new Date(instant), zone))).toBe(week);
  });

  it('windows: the 7 days before a time, the 7 before those, and their label', () => {
    const window = windowEndingAt(new Date('2026-11-23T08:00:00.000Z'));
    expect(window).toEqual({ since: '2026-11-16T08:00:00.000Z', until: '2026-11-23T08:00:00.000Z' });
    expect(previousWindow(window)).toEqual({ since: '2026-11-09T08:00:00.000Z', until: '2026-11-16T08:00:00.000Z' });
    expect(windowLabel(isoWeekWindow({ year: 2026, week: 48 }))).toBe('23 Nov - 29 Nov 2026');
  });
});

describe('digest subscribe options', () => {
  it.each<[string, string | undefined, unknown]>([
    ['', undefined, { weekday: 'monday', time: '09:00', timezone: 'UTC', quiet: 'one-line' }],
    ['', 'America/Los_Angeles', { weekday: 'monday', time: '09:00', timezone: 'America/Los_Angeles', quiet: 'one-line' }],
    ['friday 16:30 europe/berlin', 'America/Los_Angeles', { weekday: 'friday', time: '16:30', timezone: 'Europe/Berlin', quiet: 'one-line' }],
    ['Europe/Paris tue 5pm skip-quiet', undefined, { weekday: 'tuesday', time: '17:00', timezone: 'Europe/Paris', quiet: 'skip' }],
    ['wednesdays 7 UTC one-line', undefined, { weekday: 'wednesday', time: '07:00', timezone: 'UTC', quiet: 'one-line' }],
  ])('"%s" (asker in %s)', (text, asker, expected) => {
    const result = parseDigestOptions(text.split(' '), asker ? { timezone: asker } : {});
    expect(result.ok && { ...result.options.schedule, quiet: result.options.quiet }).toEqual(expected);
  });

  it.each([
    ['monday 09:00 Mars/Olympus_Mons', /I do not know the time zone "Mars\/Olympus_Mons".*Europe\/Berlin/],
    ['monday 25:00', /"25:00" is not a time of day/],
    ['someday', /I do not know the time zone "someday"/],
  ])('refuses "%s" by name', (text, message) => {
    const result = parseDigestOptions(text.split(' '));
    expect(result.ok ? null : result.message).toMatch(message);
  });

  it.each([
    ['9', '09:00'],
    ['09:05', '09:05'],
    ['12am', '00:00'],
    ['12:30pm', '12:30'],
    ['13pm', null],
    ['9:60', null],
  ])('reads the time %s', (text, expected) => {
    expect(parseTimeOfDay(text)).toBe(expected);
  });

  it.each([
    ['utc', 'UTC'],
    ['asia/tokyo', 'Asia/Tokyo'],
    ['Not/AZone', null],
    ['', null],
  ])('time zone %s', (text, expected) => {
    expect(canonicalTimeZone(text)).toBe(expected);
  });
});

describe('thread links, each built by its own platform', () => {
  const threadLink = threadLinksOf(builtInPlatforms);
  it.each([
    [['slack', 'T1', 'C2', '1700000000.000100'], 'https://slack.com/app_redirect?team=T1&channel=C2&message_ts=1700000000.000100'],
    [['discord', '111', '222', '333'], 'https://discord.com/channels/111/333'],
    [['discord', '111', '222', '222'], 'https://discord.com/channels/111/222'],
    [['discord', '@me:700', '222', '333'], 'https://discord.com/channels/@me/333'],
    [['slack', 'T1', 'C2', ''], null],
    [['cli', 'local', 'terminal', 'x'], null],
  ] as const)('%j -> %s', ([platform, workspace, channel, thread], expected) => {
    expect(threadLink({ platform, workspace, channel, thread })).toBe(expected);
  });
});
