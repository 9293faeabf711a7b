import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileShareOf } from '../../src/adapters/slack/file-share-work.js';
import { parseReviewMessage } from '../../src/core/review/parse-review-message.js';
import { MAX_TEMPLATE_BYTES } from '../../src/core/templates/read-template.js';
import { offerTemplateFile } from '../../src/core/templates/template-offer.js';
import { downloadBounded } from '../../src/files/bounded-download.js';
import { readSharedTemplate } from '../../src/files/template-upload.js';

// A file shared in chat, before and while it is read: which files are fetched
// at all, the file host and the size limit enforced before and during the
// download, and every hostile or foreign file refused in one sentence.

let server: http.Server;
let base = '';
const served = new Map<string, { status?: number; body: Buffer; length?: string; headers?: Record<string, string> }>();
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const file = served.get(req.url ?? '');
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(file.status ?? 200, { ...(file.length === undefined ? {} : { 'content-length': file.length }), ...file.headers });
    // Chunked when no length is stated: the body is counted as it arrives.
    for (let i = 0; i < file.body.length; i += 64 * 1024) res.write(file.body.subarray(i, i + 64 * 1024));
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/files/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function serve(path: string, body: string | Buffer, extra: { status?: number; length?: string; headers?: Record<string, string> } = {}): string {
  served.set(`/files/${path}`, { body: Buffer.from(body), ...extra });
  return `${base}${path}`;
}

describe('which shared files are fetched at all', () => {
  it.each<[string, number | null, 'fetch' | RegExp]>([
    ['serverless.yml', 2_000, 'fetch'],
    ['template.yaml', null, 'fetch'],
    ['ShopStack.template.json', 40_000, 'fetch'],
    ['main.tf', 900, 'fetch'],
    ['stack.template', 900, 'fetch'],
    ['diagram.png', 30_000, /^diagram\.png is not a serverless\.yml/],
    ['infra.zip', 30_000, /^infra\.zip is not a serverless\.yml/],
    ['../../etc/passwd', 3_000, /^passwd is not a serverless\.yml/],
    ['huge.yml', MAX_TEMPLATE_BYTES + 1, /^huge\.yml is 1\.0 MB; templates up to 1 MB are read\. Nothing was imported\.$/],
  ])('%s (%s bytes)', (name, bytes, expected) => {
    const offer = offerTemplateFile({ name, bytes });
    if (expected === 'fetch') expect(offer).toEqual({ kind: 'fetch', maxBytes: MAX_TEMPLATE_BYTES });
    else expect(offer.kind === 'refuse' && offer.reply.text).toMatch(expected);
  });
});

describe('downloadBounded', () => {
  it('reads a file from the file host', async () => {
    const got = await downloadBounded({ url: serve('ok.yml', 'service: x', { length: '10' }), allowedBase: base, maxBytes: 100 });
    expect(got.ok && Buffer.from(got.bytes).toString()).toBe('service: x');
  });

  it.each<[string, () => string, RegExp]>([
    ['a stated length over the limit, refused before the body is read', () => serve('big.yml', 'x'.repeat(200), { length: '200' }), /^it is over 0\.0001 MB/],
    ['no stated length: counted while it arrives and cut off', () => serve('chunked.yml', 'x'.repeat(300_000)), /^reading stopped at 0\.0001 MB/],
    ['another host', () => 'http://127.0.0.1:1/files/x.yml', /not stored on the chat platform's file host/],
    ['a path outside the file host', () => base.replace('/files/', '/private/x.yml'), /not stored on the chat platform's file host/],
    ['a local file', () => 'file:///etc/passwd', /not stored on the chat platform's file host/],
    ['a redirect (it could leave the host with the token)', () => serve('moved.yml', '', { status: 302, headers: { location: 'https://example.com/x' } }), /the file host answered 302/],
    ['a missing file', () => `${base}gone.yml`, /the file host answered 404/],
  ])('%s', async (_name, url, why) => {
    const got = await downloadBounded({ url: url(), allowedBase: base, maxBytes: 100 });
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.why).toMatch(why);
  });
});

describe('readSharedTemplate: one sentence for what cannot be imported', () => {
  const deep = `${Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} x\n`;
  it.each<[string, string, Buffer | string, RegExp]>([
    ['an anchor bomb', 'bomb.yml', ['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdefghi'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n'), /^Reading bomb\.yml as YAML stopped at line \d+: its anchors and aliases expand/],
    ['a deeply nested document', 'deep.yml', deep, /^Reading deep\.yml as YAML stopped at line \d+: it is nested too deeply/],
    ['deeply nested JSON', 'deep.json', `${'['.repeat(5000)}${']'.repeat(5000)}`, /^Reading deep\.json as JSON stopped.*nested too deeply/],
    ['an !Include of a local path', 'include.yml', 'service: x\nfunctions: !Include /etc/passwd\n', /defines no Lambda functions or ECS services\. Nothing was imported\.$/],
    ['a file reference in a variable', 'vars.yml', 'service: x\nprovider: { name: aws, memorySize: "${file(/etc/passwd)}" }\nfunctions:\n  a: { handler: h }\n', /^$/],
    ['a binary file named .yml', 'upload.yml', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x80]), /^upload\.yml is a binary file/],
    ['malformed YAML', 'broken.yml', 'service: x\nfunctions:\n  api:\n    handler: [a\n', /^Reading broken\.yml as YAML stopped at line \d+/],
    ['malformed HCL', 'main.tf', 'resource "aws_lambda_function" "a" {\n  memory_size = \n}\n', /^Reading main\.tf as Terraform \(HCL2\) stopped at line \d+/],
    ['YAML that is no template', 'notes.yml', 'shopping: [milk, eggs]\n', /^notes\.yml is not a serverless\.yml/],
  ])('%s', async (_name, name, body, expected) => {
    const turn = await readSharedTemplate({ name, bytes: Buffer.byteLength(body) }, async () => ({ ok: true, bytes: new Uint8Array(Buffer.from(body)) }));
    if (expected.source === '^$') {
      // A ${file(...)} reference is left unread and asked about, never opened.
      expect(turn.kind).toBe('turn');
      if (turn.kind === 'turn' && turn.event.read.ok) expect(turn.event.read.components[0]?.unknown.join(' ')).toContain('file(/etc/passwd)');
      return;
    }
    expect(turn.kind).toBe('refused');
    if (turn.kind === 'refused') {
      expect(turn.reply.text).toMatch(expected);
      expect(turn.reply.text.split(/(?<=\.) (?=[A-Z])/).length).toBeLessThanOrEqual(2);
    }
  });

  it('a download cut off at the limit names where reading stopped', async () => {
    const turn = await readSharedTemplate({ name: 'serverless.yml', bytes: null }, async (max) => ({ ok: false, tooLarge: true, why: `reading stopped at ${max / 1e6} MB, the most a template may be` }));
    expect(turn.kind === 'refused' && turn.reply.text).toBe('serverless.yml could not be read: reading stopped at 1 MB, the most a template may be. Nothing was imported.');
  });
});

describe('"assume defaults for the rest", the way people type it', () => {
  it.each([
    ['assume defaults for the rest', true],
    ['Assume defaults for the rest.', true],
    ['ok, use typical values for everything', true],
    ['just assume defaults', true],
    ['defaults for the rest please', true],
    ['go with the defaults for all of them', true],
    ['fill in defaults for the remaining ones', true],
    ['defaults', false],
    ['typical', false],
    ['3k a day', false],
  ])('%s', (text, meant) => {
    expect(parseReviewMessage(text, ['api', 'worker']).kind === 'assume-rest').toBe(meant);
  });
});

describe('a Slack file_share event', () => {
  const body = (event: Record<string, unknown>) => ({ type: 'event_callback', team_id: 'T1', event_id: 'Ev1', event: { type: 'message', subtype: 'file_share', channel: 'C1', user: 'U1', ts: '2.0', thread_ts: '1.0', files: [{ id: 'F1', name: 'serverless.yml', size: 120 }], ...event } });
  it.each<[string, Record<string, unknown>, boolean]>([
    ['in a thread', {}, true],
    ['at the top of a channel', { thread_ts: undefined }, false],
    ['by the bot itself', { user: 'UBOT' }, false],
    ['by another bot', { bot_id: 'B1' }, false],
    ['with no files', { files: [] }, false],
  ])('%s', (_name, event, kept) => {
    const work = fileShareOf(body(event), 'UBOT');
    expect(work !== null).toBe(kept);
    if (work) expect(work).toEqual({ deliveryId: 'event:Ev1', work: { kind: 'file', workspace: 'T1', channel: 'C1', user: 'U1', threadTs: '1.0', files: [{ id: 'F1', name: 'serverless.yml', size: 120 }] } });
  });
});
