// CSV as RFC 4180 writes it: CRLF line ends, and a field quoted (its quotes doubled) when it holds a
// comma, a quote, CR or LF.

export type CsvValue = string | number | boolean | null;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab/CR) as a formula; ticket subjects and
 * names come from customers and staff, so such text is prefixed with an apostrophe. Numbers are
 * written as numbers (a negative one is not text and stays as it is).
 */
function cell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
