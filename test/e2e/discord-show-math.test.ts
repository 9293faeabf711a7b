import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordHarness, type DiscordHarness } from './fakes/discord-harness.js';
import { answered, button, latestIn, pressOnToResult } from './fakes/discord-messages.js';
import type { InteractionInit } from './fakes/discord-server.js';

// "Show the math" on Discord: the embed leaves the arithmetic and the assumptions
// out, and the button answers with all of them; past the 2,000 characters of a
// message's content they come as embeds, whole, instead of being cut.

const DM = '820000000000000001';
const inDm: InteractionInit = { guildId: null, channelId: DM };

let h: DiscordHarness;
afterEach(async () => h?.close());

describe('Show the math on Discord', () => {
  it('answers the button with every platform\'s arithmetic and every assumption', async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    const description = 'REST API for orders, 400 req/s steady all day, 150 ms each, 512 MB, nothing special';
    const { call } = await pressOnToResult(fake, inDm, await fake.slashCommand(inDm, 'assess', { description }));
    // A direct reply carries its message in `data`; the edit of a deferred one is the message itself.
    const embed = (call.body.data ?? call.body).embeds[0];
    const costs = embed.fields.find((f: { name: string }) => f.name === 'Monthly cost').value as string;
    expect(costs).toMatch(/★ \*\*Amazon EC2 \(x86\) \+ ALB\*\*: \$[\d,.]+\/month, cheapest, recommended, \d+ x [a-z0-9]+\.[a-z0-9]+/);

    const result = latestIn(fake, DM);
    const pressed = await fake.button(inDm, result, button(result, 'Show the math').custom_id);
    const answer = await answered(fake, pressed);
    const data = answer.body.data ?? answer.body;
    const text = [data.content ?? '', ...(data.embeds ?? []).flatMap((e: { title?: string; description?: string }) => [e.title ?? '', e.description ?? ''])].join('\n');
    expect(text).toContain('The arithmetic behind each cost');
    expect(text).toMatch(/ x \$0\.\d+ = \$/);
    expect(text).toMatch(/Sizing: \d+ x [a-z0-9]+\.[a-z0-9]+/);
    expect(text).toMatch(/\nAssumptions\n {2}- /);
    expect(text).not.toMatch(/…$/);
  });
});
