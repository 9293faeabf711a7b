import { describe, expect, it } from 'vitest';
import type { ConversationKey } from '../../src/core/conversation.js';
import { mayActOn, type ActionOrigin } from '../../src/core/may-act.js';

// Who may press a conversation's buttons: anyone where it lives, and in a DM only its owner.

const inChannel: ConversationKey = { platform: 'slack', workspace: 'T1', channel: 'C1', thread: '1700000000.000100', user: 'U-ann' };
const inThread: ConversationKey = { platform: 'discord', workspace: 'G1', channel: 'C1', thread: 'TH1', user: 'U-ann' };
const inDm: ConversationKey = { platform: 'discord', workspace: '@me:U-ann', channel: 'D-ann', thread: 'D-ann', user: 'U-ann' };

describe('mayActOn', () => {
  it.each<[string, ConversationKey, ActionOrigin, boolean]>([
    ['the asker, in the channel', inChannel, { channel: 'C1', direct: false, actor: 'U-ann' }, true],
    ['a colleague, in the same channel', inChannel, { channel: 'C1', direct: false, actor: 'U-bob' }, true],
    ['a colleague, from another channel', inChannel, { channel: 'C2', direct: false, actor: 'U-bob' }, false],
    ['a colleague, inside the thread (Discord threads are channels)', inThread, { channel: 'TH1', direct: false, actor: 'U-bob' }, true],
    ['a colleague, on the first message in the parent channel', inThread, { channel: 'C1', direct: false, actor: 'U-bob' }, true],
    ['the owner, in their DM', inDm, { channel: 'D-ann', direct: true, actor: 'U-ann' }, true],
    ['someone else, from their own DM with a copied id', inDm, { channel: 'D-bob', direct: true, actor: 'U-bob' }, false],
    ['someone else, claiming the owner DM channel', inDm, { channel: 'D-ann', direct: true, actor: 'U-bob' }, false],
    ['anyone, from a guild channel, on a DM conversation', inDm, { channel: 'C1', direct: false, actor: 'U-ann' }, false],
  ])('%s', (_name, key, origin, allowed) => {
    expect(mayActOn(key, origin)).toBe(allowed);
  });
});
