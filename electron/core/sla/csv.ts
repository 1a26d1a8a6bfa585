// CSV as RFC 4180 writes it: CRLF line ends, and a field quoted (its quotes doubled) when it holds a
// comma, a quote, CR or LF.

export type CsvValue = string | number | boolean | null;

/**
 * What makes a spreadsheet read a cell as a formula or a command: = + - @ (and | or % in some, for
 * DDE and macros), their full-width and small forms (Excel and LibreOffice fold them to ASCII in
 * some locales), the minus sign, and a tab or line break ahead of them. Leading spaces and invisible
 * format characters (zero-width space, joiners, direction marks, BOM) are skipped first: they hide
 * the trigger from a reader but not always from the spreadsheet.
 */
const FORMULA_START = /^[\s\p{Cf}]*[=+\-@|%\u2212\uFE62\uFE63\uFE66\uFF0B\uFF0D\uFF1D\uFF20\uFF5C\uFF05]/u;
/** A cell that starts with an invisible character is neutralised whatever follows: nobody types one. */
const INVISIBLE_START = /^[\t\r\n\p{Cf}]/u;

/**
 * Ticket subjects and names come from customers and staff, so text a spreadsheet would run is
 * prefixed with an apostrophe, which every spreadsheet reads as "this is text". Numbers are written
 * as numbers (a negative one is not text and stays as it is).
 */
function cell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) || INVISIBLE_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
