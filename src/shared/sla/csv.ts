/** A CSV cell: text, a number, or empty (null). */
export type CsvValue = string | number | null;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
// Spreadsheets run cells starting with these as formulas; figures we publish must not.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 field: quoted when it holds a comma, quote, line break or edge space, with
 * quotes doubled. Text that a spreadsheet would take for a formula gets a leading `'`.
 * Numbers are written as they are; null is an empty field.
 */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to CSV`);
    return String(value);
  }
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows to CSV text with CRLF line ends (RFC 4180), ending with a line break. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
