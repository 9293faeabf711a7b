import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverlessFitCommand, type CommandOption, type SubCommand } from '../../commands/serverless-fit.js';
import { readDiscordConfig, type DiscordConfigResult } from '../../src/adapters/discord/config.js';
import { registerCommands } from '../../src/adapters/discord/register-commands.js';
import { startFakeDiscord, type FakeDiscord } from './fakes/discord-server.js';
import { compiledScript } from '../helpers/entry-point.js';

// `npm run discord:register` against the fake REST API: the PUT body is
// checked against the command definition itself, not against our own builder.

const APP = '900000000000000001';
const GUILD = '800000000000000001';

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await startFakeDiscord({ applicationId: APP });
});
afterEach(async () => fake.close());

const config = (guildId: string | null) => ({ token: fake.token, applicationId: APP, guildId, apiUrl: fake.apiUrl });

describe('registerCommands', () => {
  it('bulk-overwrites one guild when DISCORD_GUILD_ID is set, with the definition as Discord sub-commands', async () => {
    const result = await registerCommands(config(GUILD));
    expect(result).toEqual({ scope: 'guild', route: `/applications/${APP}/guilds/${GUILD}/commands`, commands: ['serverless-fit'] });
    const put = await fake.waitForCall((c) => c.method === 'PUT');
    expect(put.path).toBe(`/applications/${APP}/guilds/${GUILD}/commands`);
    expect(put.authorization).toBe(`Bot ${fake.token}`);
    expect(put.body).toHaveLength(1);
    const [command] = put.body;
    expect(command).toMatchObject({ name: serverlessFitCommand.name, description: serverlessFitCommand.description, type: 1 });
    const optionJson = (o: CommandOption) => ({
      type: 3,
      name: o.name,
      description: o.description,
      required: o.required,
      max_length: o.maxLength,
      ...(o.choices ? { choices: o.choices.map((c) => ({ name: c.label, value: c.value })) } : o.suggest ? { autocomplete: true } : {}),
    });
    expect(command.options).toEqual(
      serverlessFitCommand.subCommands.map((sub: SubCommand) =>
        sub.variants
          ? { type: 2, name: sub.name, description: sub.description, options: sub.variants.map((v) => ({ type: 1, name: v.name, description: v.description, options: v.options.map(optionJson) })) }
          : { type: 1, name: sub.name, description: sub.description, options: sub.options.map(optionJson) },
      ),
    );
  });

  it('registers globally without a guild', async () => {
    expect((await registerCommands(config(null))).scope).toBe('global');
    expect((await fake.waitForCall((c) => c.method === 'PUT')).path).toBe(`/applications/${APP}/commands`);
  });

  it('every name and description is within Discord limits', async () => {
    await registerCommands(config(null));
    const [command] = (await fake.waitForCall((c) => c.method === 'PUT')).body;
    type Named = { name: string; description: string; options?: Named[]; choices?: { name: string; value: string }[] };
    const walk = (item: Named): Named[] => [item, ...(item.options ?? []).flatMap(walk)];
    const all = walk(command as Named);
    for (const choice of all.flatMap((item) => item.choices ?? [])) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    expect(all.every((item) => (item.choices ?? []).length <= 25)).toBe(true);
    for (const item of all) {
      expect(item.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(item.description.length).toBeGreaterThanOrEqual(1);
      expect(item.description.length).toBeLessThanOrEqual(100);
    }
  });
});

describe('the npm run discord:register script', () => {
  const run = (env: Record<string, string>) =>
    promisify(execFile)(process.execPath, [compiledScript('discord-register')], {
      env: { PATH: process.env.PATH ?? '', ...env },
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('registers to the guild from the environment', async () => {
    const result = await run({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: APP, DISCORD_GUILD_ID: GUILD, DISCORD_API_URL: fake.apiUrl });
    expect(result.stdout).toBe(`Registered /serverless-fit for guild ${GUILD}.\n`);
    expect(result.code).toBe(0);
    expect(fake.calls.filter((c) => c.method === 'PUT').map((c) => c.path)).toEqual([`/applications/${APP}/guilds/${GUILD}/commands`]);
  }, 15_000);

  it.each([
    ['DISCORD_TOKEN', { DISCORD_APPLICATION_ID: APP }],
    ['DISCORD_APPLICATION_ID', { DISCORD_TOKEN: 'fake-bot-token' }],
  ])('names a missing %s and exits 1', async (variable, env) => {
    const result = await run({ ...env, DISCORD_API_URL: fake.apiUrl });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${variable}: required`);
    expect(fake.calls).toHaveLength(0);
  }, 15_000);
});

describe('readDiscordConfig', () => {
  const table: { env: Record<string, string>; expected: DiscordConfigResult }[] = [
    { env: {}, expected: { kind: 'absent' } },
    { env: { DISCORD_TOKEN: '  ' }, expected: { kind: 'absent' } },
    {
      env: { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP },
      expected: { kind: 'ok', config: { token: 't', applicationId: APP, guildId: null, apiUrl: 'https://discord.com/api', messageContent: false } },
    },
    {
      env: { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP, DISCORD_GUILD_ID: GUILD, DISCORD_API_URL: 'http://127.0.0.1:9/api/', DISCORD_MESSAGE_CONTENT: 'true' },
      expected: { kind: 'ok', config: { token: 't', applicationId: APP, guildId: GUILD, apiUrl: 'http://127.0.0.1:9/api', messageContent: true } },
    },
    { env: { DISCORD_APPLICATION_ID: APP }, expected: { kind: 'invalid', problems: ['DISCORD_TOKEN: required when DISCORD_APPLICATION_ID is set'] } },
    // The running bot learns its application id from the gateway; only registration needs it.
    {
      env: { DISCORD_TOKEN: 't' },
      expected: { kind: 'ok', config: { token: 't', applicationId: null, guildId: null, apiUrl: 'https://discord.com/api', messageContent: false } },
    },
    {
      env: { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: 'my-app', DISCORD_API_URL: 'not a url' },
      expected: {
        kind: 'invalid',
        problems: ['DISCORD_APPLICATION_ID: must be a Discord id (digits only)', 'DISCORD_API_URL: must be a URL like https://discord.com/api'],
      },
    },
    { env: { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP, DISCORD_MESSAGE_CONTENT: 'maybe' }, expected: { kind: 'invalid', problems: [expect.stringMatching(/^DISCORD_MESSAGE_CONTENT: /) as unknown as string] } },
  ];
  it.each(table)('$env', ({ env, expected }) => {
    expect(readDiscordConfig(env)).toEqual(expected);
  });
});
