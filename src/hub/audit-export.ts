import type { AuditRow } from './db/audit';

const HEADER = ['id', 'at', 'actor_id', 'actor_name', 'action', 'subject_id', 'detail', 'prev_hash', 'hash'];

/** RFC 4180 quoting; a leading formula character is defused so spreadsheets show text, not run it. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsv(rows: readonly AuditRow[], nameOf: (id: string) => string | null): string {
  const lines = [HEADER.join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.id,
        new Date(row.at).toISOString(),
        row.actorId,
        row.actorId === null ? null : nameOf(row.actorId),
        row.action,
        row.subjectId,
        row.detail,
        row.prevHash,
        row.hash,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
