// Tables as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when
// they hold a comma, quote or line break). Text that a spreadsheet would run as
// a formula (=, +, -, @ first) is prefixed with ' so a saved description
// cannot execute when the file is opened.

export type CsvValue = string | number | boolean | null;

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

function field(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
