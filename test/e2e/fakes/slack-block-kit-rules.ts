// What Slack refuses in a message's blocks, written out from Slack's Block Kit
// reference independently of src/render, so the renderer is checked against
// Slack's rules and not against itself. Returns the error Slack would send.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function textOk(t: unknown, max: number, plainOnly = false): boolean {
  if (!isObject(t)) return false;
  if (t.type !== 'plain_text' && (plainOnly || t.type !== 'mrkdwn')) return false;
  return typeof t.text === 'string' && t.text.length >= 1 && t.text.length <= max;
}

function buttonOk(e: unknown, actionIds: Set<string>): boolean {
  if (!isObject(e) || e.type !== 'button') return false;
  if (!textOk(e.text, 75, true)) return false;
  if (e.value !== undefined && (typeof e.value !== 'string' || e.value.length > 2000)) return false;
  if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') return false;
  if (typeof e.action_id === 'string') {
    if (e.action_id.length > 255 || actionIds.has(e.action_id)) return false;
    actionIds.add(e.action_id);
  }
  return true;
}

function blockOk(b: unknown, actionIds: Set<string>, blockIds: Set<string>): boolean {
  if (!isObject(b)) return false;
  if (b.block_id !== undefined) {
    if (typeof b.block_id !== 'string' || b.block_id.length > 255 || blockIds.has(b.block_id)) return false;
    blockIds.add(b.block_id);
  }
  switch (b.type) {
    case 'divider':
      return true;
    case 'header':
      return textOk(b.text, 150, true);
    case 'section': {
      if (b.text === undefined && b.fields === undefined) return false;
      if (b.text !== undefined && !textOk(b.text, 3000)) return false;
      if (b.fields !== undefined) {
        if (!Array.isArray(b.fields) || b.fields.length < 1 || b.fields.length > 10) return false;
        if (!b.fields.every((f) => textOk(f, 2000))) return false;
      }
      return true;
    }
    case 'context':
      return (
        Array.isArray(b.elements) && b.elements.length >= 1 && b.elements.length <= 10 && b.elements.every((e) => textOk(e, 3000))
      );
    case 'actions':
      return (
        Array.isArray(b.elements) &&
        b.elements.length >= 1 &&
        b.elements.length <= 25 &&
        b.elements.every((e) => buttonOk(e, actionIds))
      );
    case 'input':
      return isObject(b.label) && isObject(b.element);
    default:
      return false;
  }
}

/** null when Slack would accept the blocks; otherwise Slack's error code. */
export function blockKitError(blocks: unknown, maxBlocks = 50): string | null {
  if (!Array.isArray(blocks)) return 'invalid_blocks_format';
  if (blocks.length > maxBlocks) return 'invalid_blocks';
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  return blocks.every((b) => blockOk(b, actionIds, blockIds)) ? null : 'invalid_blocks';
}

/** Checks a chat.postMessage / chat.update / chat.postEphemeral body the way Slack does. */
export function messageError(args: Json): string | null {
  const blocks = parseMaybeJson(args.blocks);
  const hasText = typeof args.text === 'string' && args.text.length > 0;
  if (!hasText && blocks === undefined) return 'no_text';
  if (typeof args.text === 'string' && args.text.length > 40_000) return 'msg_too_long';
  if (blocks !== undefined) {
    const error = blockKitError(blocks);
    if (error) return error;
    if (JSON.stringify(blocks).length > 50_000) return 'msg_too_long';
  }
  return null;
}

/** The Web API client sends arrays and objects form-encoded as JSON strings. */
export function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
