import { describe, expect, it } from 'vitest';
import { readSettingsWords, type SettingsWords } from '../../src/core/dispatch/answer-settings.js';
import { readCommand } from '../../src/core/dispatch/read-command.js';

// The words of `/serverless-fit settings ...` as people type them.

describe('settings words', () => {
  it.each<[string, SettingsWords]>([
    ['', { kind: 'show' }],
    ['region', { kind: 'show' }],
    ['  Region  ', { kind: 'show' }],
    ['region eu-central-1', { kind: 'set', region: 'eu-central-1' }],
    ['region EU-WEST-1', { kind: 'set', region: 'eu-west-1' }],
    ['region: ap-south-1.', { kind: 'set', region: 'ap-south-1' }],
    ['region Frankfurt', { kind: 'set', region: 'eu-central-1' }],
    ['region tokyo', { kind: 'set', region: 'ap-northeast-1' }],
    ['region us-gov-west-1', { kind: 'set', region: 'us-gov-west-1' }],
    ['region clear', { kind: 'clear' }],
    ['region none', { kind: 'clear' }],
    ['region reset', { kind: 'clear' }],
    ['region the moon', { kind: 'not-a-region', words: 'the moon' }],
    ['region frankfurt am main please', { kind: 'not-a-region', words: 'frankfurt am main please' }],
    ['region eu-central-1; DROP TABLE workspace_settings', { kind: 'not-a-region', words: 'eu-central-1; DROP TABLE workspace_settings' }],
    ['colour blue', { kind: 'unknown', words: 'colour blue' }],
  ])('"%s"', (text, expected) => {
    expect(readSettingsWords(text)).toEqual(expected);
  });

  it('is a sub-command of its own, in any case', () => {
    expect(readCommand('Settings region eu-central-1')).toEqual({ kind: 'settings', text: 'region eu-central-1' });
    expect(readCommand('region', 'settings')).toEqual({ kind: 'settings', text: 'region' });
  });
});
