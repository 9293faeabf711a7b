import type { DeliveryEffect, InboxEntry } from '../core/ports.js';

// How the delivery ledger's rows become the port's values, for both stores:
// JSON columns arrive as text and are parsed only when read.

export interface WaitingRow {
  seq: number;
  workspace: string;
  delivery_id: string;
  lane: string;
  at: string;
  payload: string;
  raw: string | null;
}

export interface EffectRow {
  step: string;
  state: 'begun' | 'done';
  result: string | null;
  at: string;
}

/**
 * A waiting row as an entry. The workers look at many entries for each one
 * they start (the lanes already running), so the JSON is parsed only when read.
 */
export function waitingEntry(row: WaitingRow): InboxEntry {
  let payload: unknown;
  let raw: unknown;
  return {
    seq: row.seq,
    workspace: row.workspace,
    deliveryId: row.delivery_id,
    lane: row.lane,
    at: row.at,
    get payload() {
      payload ??= JSON.parse(row.payload) as unknown;
      return payload;
    },
    get raw() {
      if (raw === undefined) raw = row.raw === null ? null : (JSON.parse(row.raw) as unknown);
      return raw;
    },
  };
}

export function effectFromRow(row: EffectRow): DeliveryEffect {
  return { step: row.step, state: row.state, result: row.result === null ? null : (JSON.parse(row.result) as unknown), at: row.at };
}

/** What a payload or result column holds: JSON text, `undefined` kept as JSON null. */
export function jsonColumn(value: unknown): string {
  return JSON.stringify(value ?? null);
}
