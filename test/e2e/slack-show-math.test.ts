import { afterEach, describe, expect, it } from 'vitest';
import { blockKitError } from './fakes/slack-block-kit-rules.js';
import { blocksText, button, SlackHarness } from './fakes/slack-harness.js';

// The Slack card says what a reader needs in ten seconds; "Show the math" answers
// in the thread with each platform's arithmetic and every assumption (the same
// core action the Discord card's button sends).

let harness: SlackHarness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('Show the math on Slack', () => {
  it('keeps the card short and answers the button in the thread with the arithmetic and the assumptions', async () => {
    const h = (harness = await SlackHarness.start());
    await h.command('REST API for orders, 400 req/s steady all day, 150 ms each, 512 MB');
    const root = await h.fake.waitFor(() => h.rootMessages()[0]);
    await h.nextInThread(root.ts, 0);
    await h.say(root.ts, 'none');
    const card = await h.fake.waitFor(() => h.thread(root.ts).find((m) => blocksText(m).includes('*Monthly cost*')));

    // blocksText is the blocks as JSON: a line break reads \\n.
    const cardText = blocksText(card);
    // Servers win here: the recommended row names its sizing beside the marks.
    expect(cardText).toMatch(/Amazon EC2 \(x86\) \+ ALB +\$[\d,.]+ +&lt;- cheapest, recommended(\\n| )+\d+ x [a-z0-9]+\.[a-z0-9]+/);
    expect(cardText).not.toContain('Assumptions');
    expect(cardText).not.toMatch(/ x \$0\.\d+ = \$/);
    expect(cardText).toContain('Show the math');
    // The card's blocks as JSON: over 7,000 characters while every platform's math was in it.
    expect(cardText.length).toBeLessThan(4_500);

    const count = h.thread(root.ts).length;
    await h.click(card, button(card, /Show the math/));
    const math = await h.nextInThread(root.ts, count);
    const mathText = blocksText(math);
    expect(mathText).toContain('The arithmetic behind each cost');
    expect(mathText).toMatch(/Sizing: \d+ x [a-z0-9]+\.[a-z0-9]+/);
    expect(mathText).toMatch(/ x \$0\.\d+ = \$/);
    expect(mathText).toMatch(/Assumptions\\n {2}- /);
    expect(blockKitError(math.blocks)).toBeNull();
  });
});
