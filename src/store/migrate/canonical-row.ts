import { createHash } from 'node:crypto';
import type { ColumnKind, ColumnPlan } from './table-plan.js';

// One spelling for a row, whichever database it was read from: SQLite's 0/1
// and Postgres's booleans both become true/false, JSON text and jsonb both
// become JSON with sorted keys, numbers their shortest decimal form. Two rows
// are the same row exactly when their canonical forms are equal, and a
// table's checksum is the sum of its rows' SHA-256 digests (mod 2^256), so it
// does not depend on the order either database returns them in.

type Canonical = string | boolean | null;

/** A stored value as its canonical token; JSON columns arrive as text from both sides (Postgres's cast to text keeps JSON null apart from SQL NULL). */
export function canonicalValue(kind: ColumnKind, value: unknown): Canonical {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'boolean':
      return value === true || value === 1 || value === 1n;
    case 'json':
      return stableJson(JSON.parse(String(value)) as unknown);
    case 'number':
      return String(Number(value));
    case 'text':
      return String(value);
  }
}

export function canonicalRow(columns: readonly ColumnPlan[], values: readonly unknown[]): string {
  return JSON.stringify(columns.map((column, i) => canonicalValue(column.kind, values[i])));
}

/** The canonical key of a row: its first `keyLength` values. */
export function canonicalKey(columns: readonly ColumnPlan[], keyLength: number, values: readonly unknown[]): string {
  return canonicalRow(columns.slice(0, keyLength), values.slice(0, keyLength));
}

const MODULUS = 1n << 256n;

/** An order-independent sum of row digests. */
export class TableChecksum {
  private total = 0n;
  rows = 0;

  add(canonical: string): void {
    this.total = (this.total + BigInt(`0x${createHash('sha256').update(canonical).digest('hex')}`)) % MODULUS;
    this.rows++;
  }

  /** The first 16 hex digits: enough to tell tables apart at a glance. */
  short(): string {
    return this.total.toString(16).padStart(64, '0').slice(0, 16);
  }

  equals(other: TableChecksum): boolean {
    return this.total === other.total && this.rows === other.rows;
  }
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
