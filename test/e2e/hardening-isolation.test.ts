import { afterEach, describe, expect, it } from 'vitest';
import { button, blocksText, SlackHarness, TEAM } from './fakes/slack-harness.js';
import { blockActionPayload, interactivityBody, messageEventBody, postToSlackApp, slashCommandBody } from './fakes/slack-requests.js';

// One Slack app installed in two workspaces: team B's conversation lives in
// channel C100, thread R. Team A sends everything that could reach it through
// the Slack endpoint (a reply in a thread with the same channel and ts, a
// click on B's button, a history request). None of it reads or changes B's
// conversation.

const SECRET = 'test-signing-secret';
const TEAM_B = TEAM;
const TEAM_A = 'TAAAAAAA1';
const B_SECRET_PLAN = 'payroll export for ACME, 40 minutes each night';

let harness: SlackHarness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('workspace isolation through the Slack endpoint', () => {
  it("team A's thread reply, button click and history request never reach team B's conversation", async () => {
    const h = (harness = await SlackHarness.start());
    expect((await h.command(B_SECRET_PLAN, { user: 'UB1' })).status).toBe(200);
    const root = await h.fake.waitFor(() => h.rootMessages()[0]);
    const question = await h.nextInThread(root.ts, 0);
    const turnsOfB = () => h.rows<{ actor: string; text: string }>('SELECT t.actor, t.text FROM turns t JOIN conversations c ON c.id = t.conversation_id WHERE c.workspace = ?', TEAM_B);
    const before = turnsOfB();
    const botMessagesBefore = h.fake.messages.length;

    // A reply from workspace A in a thread with B's channel id and ts.
    const reply = messageEventBody({ team: TEAM_A, channel: root.channel, user: 'UA1', text: '1000 a day', ts: '1800000000.000001', threadTs: root.ts, eventId: 'EvA0000001' });
    expect((await postToSlackApp(h.url, reply, 'application/json', { secret: SECRET })).status).toBe(200);

    // A click from workspace A on B's button (its value carries B's conversation id).
    const b = button(question, /.+/);
    const click = blockActionPayload({ team: TEAM_A, channel: root.channel, user: 'UA1', messageTs: question.ts, threadTs: root.ts, actionId: b.actionId, value: b.value, responseUrl: h.fake.responseUrl('a-click') });
    expect((await postToSlackApp(h.url, interactivityBody(click), 'application/x-www-form-urlencoded', { secret: SECRET })).status).toBe(200);
    const refused = await h.fake.waitFor(() => h.fake.responses.find((r) => r.path === '/response/a-click'));
    expect(refused.body.text).toMatch(/no longer available/);

    // History from workspace A.
    const history = slashCommandBody({ text: 'history', team: TEAM_A, channel: root.channel, user: 'UA1', responseUrl: h.fake.responseUrl('a-history') });
    expect((await postToSlackApp(h.url, history, 'application/x-www-form-urlencoded', { secret: SECRET })).status).toBe(200);
    const listed = await h.fake.waitFor(() => h.fake.responses.find((r) => r.path === '/response/a-history'));
    expect(JSON.stringify(listed.body)).not.toContain('payroll');

    // Give any stray work time to land, then check nothing of B's moved.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(turnsOfB()).toEqual(before);
    expect(h.fake.messages.slice(botMessagesBefore).filter((m) => m.threadTs === root.ts)).toEqual([]);
    expect(h.rows('SELECT id FROM conversations WHERE workspace = ?', TEAM_A)).toEqual([]);
    expect(JSON.stringify(h.fake.responses)).not.toContain('payroll');

    // B's own reply still works, so the silence above is isolation, not a broken bot.
    await h.say(root.ts, '1000 a day', { user: 'UB1' });
    const next = await h.nextInThread(root.ts, 1);
    expect(blocksText(next)).not.toBe(blocksText(question));
  });
});
