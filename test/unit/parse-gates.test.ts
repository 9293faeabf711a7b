import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BAND_GATES } from '../../src/core/parse/bands.js';
import { COST_WORD_GATES } from '../../src/core/parse/cost-words.js';
import { parseWorkload } from '../../src/core/parse/parse-workload.js';
import { SCHEDULE_GATES } from '../../src/core/parse/schedules.js';
import { gateOpen, normalise, type Gate } from '../../src/core/parse/text.js';

// The parser skips a finder's patterns when the text has none of the words
// they spell out. A skipped finder must never be one whose phrase is there:
// each gate is tried on phrasings as people type them, and on random text
// built from the words the patterns read.

const GATES: Record<string, Gate> = {
  'schedule: every': SCHEDULE_GATES.every,
  'schedule: once/twice': SCHEDULE_GATES.times,
  'schedule: adverb': SCHEDULE_GATES.adverb,
  'bands: named hours': BAND_GATES.named,
  'bands: base rate': BAND_GATES.base,
  'cost words: responses': COST_WORD_GATES.responses,
  'cost words: logs': COST_WORD_GATES.logs,
  'cost words: /tmp': COST_WORD_GATES.ephemeral,
};

function matches(pattern: RegExp, text: string): boolean {
  return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')).test(text);
}

const PHRASINGS: [gate: string, text: string][] = [
  ['schedule: every', 'Cron job EVERY 5 minutes that polls an API, 2s'],
  ['schedule: every', 'runs every 2 days, ~10 min'],
  ['schedule: every', 'sync job, every 6 hrs, 512MB'],
  ['schedule: every', 'every night at 2am: cleanup (3 min)'],
  ['schedule: once/twice', 'Report builder, runs twice a day, 4 minutes each'],
  ['schedule: once/twice', 'once per week batch -- 2 hrs, 8GB'],
  ['schedule: once/twice', 'thrice daily? no: thrice a day, 30s'],
  ['schedule: adverb', 'Nightly ETL, 45 min, 4 GB RAM'],
  ['schedule: adverb', 'hourly rollup job (90 s)'],
  ['schedule: adverb', 'export runs Monthly; 20 minutes'],
  ['schedule: adverb', 'a quarterly reconciliation, 3h'],
  ['bands: named hours', '9-5 business hours 200 rps, 5 rps otherwise'],
  ['bands: named hours', 'busy during the day (50 req/s), dead at night'],
  ['bands: named hours', 'Office hours: 1k/hour; nothing outside them'],
  ['bands: base rate', '500/hour overnight, 10K/hour 9am-5pm'],
  ['bands: base rate', '2k rps peak 6-9pm, 100 rps the rest of the day'],
  ['bands: base rate', '300 req/min off-peak, 5k rps at lunch'],
  ['bands: base rate', 'baseline of 20 rps; 2000 rps 8am-10am'],
  ['bands: base rate', 'Quiet hours ~1 rps, 40 rps 9am to 6pm'],
  ['cost words: responses', 'Image API, returns 2 MB JPEGs... no: returns 2 MB images, 300ms'],
  ['cost words: responses', 'serves 500KB pages to 5k rps'],
  ['cost words: responses', 'API with 50 kb json responses, 20 ms'],
  ['cost words: responses', 'responses are about 1.5 MB each'],
  ['cost words: responses', 'Download service: streams videos to users, 2 GB'],
  ['cost words: responses', 'sends back PDFs of ~300 KB'],
  ['cost words: logs', 'Logs 4 KB per request, 100 rps'],
  ['cost words: logs', 'writes 2kb of logs per call'],
  ['cost words: logs', 'VERBOSE logging on every request, 50 ms'],
  ['cost words: logs', 'debug logging, 5k rps'],
  ['cost words: /tmp', 'needs 8 GB of /tmp for unzipping, 2 min'],
  ['cost words: /tmp', 'video job, 10GB ephemeral storage, 15 min'],
  ['cost words: /tmp', 'scratch space of 4 GB, nightly'],
  ['cost words: /tmp', 'writes 2 GB temp files... 2 GB temporary disk'],
];

describe('finder gates', () => {
  it.each(PHRASINGS)('%s stays open for "%s"', (gate, phrase) => {
    const { text } = normalise(phrase);
    const g = GATES[gate]!;
    // The phrasing really is one the gate's patterns read, or the row tests nothing.
    expect(g.patterns.some((p) => matches(p, text))).toBe(true);
    expect(gateOpen(g, text)).toBe(true);
  });

  it.each([
    ['resize images on upload, 2 s each, 1 GB', 'schedule: every'],
    ['REST API, 1000 rps, 100 ms, 1 GB, calls Postgres', 'cost words: /tmp'],
    ['websocket chat, 50 msg/s, 20ms', 'cost words: logs'],
  ])('closes for "%s" (%s): none of its words is there', (phrase, gate) => {
    expect(gateOpen(GATES[gate]!, normalise(phrase).text)).toBe(false);
  });

  // Random text from the words the patterns read, their neighbours and figures: whenever a pattern matches, its gate is open.
  const fragment = fc.constantFrom(
    'every', 'other', 'second', 'once', 'twice', 'thrice', 'a', 'an', 'per', 'each', 'day', 'days', 'night', 'nights', 'hour', 'hours',
    'hourly', 'nightly', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'annually', 'fortnightly', 'business', 'office', 'work',
    'working', 'during', 'in', 'the', 'outside', 'of', 'overnight', 'at', 'time', 'otherwise', 'rest', 'off-peak', 'off peak', 'remaining',
    'baseline', 'quiet', 'times', 'periods', 'returns', 'serves', 'serving', 'sends back', 'responds with', 'delivers', 'streams', 'downloads',
    'response', 'responses', 'response bodies', 'replies', 'are', 'about', 'up to', 'images', 'pdfs', 'json', 'logs', 'log', 'logging',
    'log lines', 'verbose', 'debug', 'request', 'call', '/tmp', 'tmp', 'ephemeral', 'ephemeral storage', 'scratch', 'scratch space',
    'temp', 'temporary', 'disk', 'storage', 'space', '2', '10', '1.5', '~', '\u0002', 'kb', 'mb', 'gb', 'gib', 'megabytes', '5 minutes',
    'mins', 'weeks', 'months', ',', '.', ';', '-', '2 gb', '500kb', 'api', 'job',
  );
  const text = fc.array(fragment, { minLength: 1, maxLength: 12 }).chain((parts) =>
    fc.array(fc.constantFrom(' ', '', ' ', ', '), { minLength: parts.length, maxLength: parts.length }).map((gaps) => parts.map((p, i) => `${p}${gaps[i]}`).join('')),
  );

  it('is open whenever one of its patterns matches, for random text in the patterns\' own words', () => {
    fc.assert(
      fc.property(text, (t) => Object.values(GATES).every((g) => !g.patterns.some((p) => matches(p, t)) || gateOpen(g, t))),
      { numRuns: 5_000 },
    );
  });
});

describe('what the gated finders read', () => {
  it.each([
    ['Cron job EVERY 5 minutes that polls an API, 2s', 'trigger', 'schedule'],
    ['Nightly ETL, 45 min, 4 GB RAM', 'trigger', 'schedule'],
    ['Report builder, runs twice a day, 4 minutes each', 'trigger', 'schedule'],
    ['serves 500KB pages, 300 rps, 40ms', 'responses', { kbPerRequest: 500, stated: true, words: 'serves 500kb pages' }],
    ['Logs 4 KB per request, 100 rps, 30 ms', 'logs', { kbPerRequest: 4, stated: true }],
    ['VERBOSE logging on every request, 50 ms, 20 rps', 'logs', { kbPerRequest: 1, stated: false }],
    ['video job, 10GB ephemeral storage, 15 min', 'ephemeralMb', 10240],
  ] as const)('"%s" gives %s', (phrase, field, value) => {
    expect((parseWorkload(phrase).facts as Record<string, unknown>)[field]).toEqual(value);
  });

  it('reads business-hour bands and the rate outside them', () => {
    const { traffic } = parseWorkload('9am-5pm business hours 200 rps, 5 rps otherwise, 100 ms').facts;
    // Business hours hold on weekdays; weekends run at the rate outside them.
    expect(traffic?.week?.weekdays[12]).toBe(720_000);
    expect(traffic?.week?.weekdays[3]).toBe(18_000);
    expect(traffic?.week?.weekend[12]).toBe(18_000);
  });

  it('reads a runtime named in any casing, and none when none is named', () => {
    expect(parseWorkload('Spring Boot API, 50 rps, 80ms').facts.runtime).toBe('java');
    expect(parseWorkload('handler in Python (FastAPI), 20 ms').facts.runtime).toBe('python');
    expect(parseWorkload('API on .NET 8, 10 rps').facts.runtime).toBe('dotnet');
    expect(parseWorkload('REST API, 1000 rps, 100 ms').facts.runtime).toBeUndefined();
  });
});
