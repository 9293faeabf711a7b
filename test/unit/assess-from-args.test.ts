import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/adapters/cli/parse-args.js';

// `assess --from ...` as typed on a command line -> options, or one sentence,
// read by the one table-driven option reader.

describe('assess --from arguments', () => {
  it.each([
    [['--from', 'lambda:f'], { from: 'lambda:f', region: undefined, days: 14, json: false, text: '' }],
    [['--from=sqs:orders', '--json', '--days', '28'], { from: 'sqs:orders', region: undefined, days: 28, json: true, text: '' }],
    [['each message takes 3 s', '--from', 'sqs:orders', '--region=eu-west-1'], { from: 'sqs:orders', region: 'eu-west-1', days: 14, json: false, text: 'each message takes 3 s' }],
  ])('%j', (args, options) => {
    expect(parseCliArgs(['assess', ...args])).toEqual({ kind: 'run', command: { name: 'assess-from', options } });
  });

  it.each([
    [['--from'], /^--from needs a value, e.g. --from lambda:resize-images\.$/],
    [['--from='], /^--from needs a value, e.g. --from lambda:resize-images\.$/],
    [['--from', 'ec2:i-1'], /is not a source to measure/],
    [['--from', 'lambda:f', '--region', 'Ireland'], /^--region needs a region code, e.g. --region eu-west-1/],
    [['--from', 'lambda:f', '--region'], /^--region needs a value, e.g. --region eu-west-1\.$/],
    [['--from', 'lambda:f', '--region', '--json'], /^--region needs a value/],
    [['--from', 'lambda:f', '--days', '0'], /^--days needs whole days from 1 to 455/],
    [['--from', 'lambda:f', '--days', '1.5'], /^--days needs whole days/],
    [['--from', 'lambda:f', '--days', '456'], /^--days needs whole days/],
    [['--from', 'lambda:f', '--chart', 'x.png'], /^Unknown option --chart for assess --from\.$/],
    [['--from', 'lambda:f', '--assume-defaults'], /^Unknown option --assume-defaults for assess --from\.$/],
    [['--from', 'lambda:f', '--jsn'], /^Unknown option --jsn for assess --from\. Did you mean "--json"\?$/],
  ])('%j: one sentence', (args, error) => {
    const parsed = parseCliArgs(['assess', ...args]);
    expect(parsed).toMatchObject({ kind: 'error', topic: 'assess' });
    if (parsed.kind === 'error') expect(parsed.message).toMatch(error);
  });

  it('--help still shows the command\'s help', () => {
    expect(parseCliArgs(['assess', '--from', 'lambda:f', '--help'])).toEqual({ kind: 'help', topic: 'assess' });
  });

  it('assess without --from is left as it was', () => {
    expect(parseCliArgs(['assess', 'from lambda is a phrase here'])).toMatchObject({ kind: 'run', command: { name: 'assess' } });
  });
});
