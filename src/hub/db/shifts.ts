import { z } from 'zod';
import { shiftSchema, type Shift } from '../../shared/protocol';
import type { HubDb } from './connection';

const rowSchema = z.object({
  id: z.string(),
  operator_id: z.string(),
  starts_at: z.number(),
  ends_at: z.number(),
  note: z.string(),
  removed: z.number(),
  updated_by: z.string(),
  updated_at: z.number(),
});

const toShift = (row: unknown): Shift => {
  const r = rowSchema.parse(row);
  return shiftSchema.parse({
    id: r.id,
    operatorId: r.operator_id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    note: r.note,
    removed: r.removed === 1,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  });
};

export function saveShift(db: HubDb, shift: Shift): void {
  db.prepare(
    `INSERT INTO shifts (id, operator_id, starts_at, ends_at, note, removed, updated_by, updated_at)
     VALUES (@id, @operatorId, @startsAt, @endsAt, @note, @removed, @updatedBy, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET operator_id = excluded.operator_id, starts_at = excluded.starts_at,
       ends_at = excluded.ends_at, note = excluded.note, removed = excluded.removed,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run({ ...shift, removed: shift.removed ? 1 : 0 });
}

export function getShift(db: HubDb, id: string): Shift | null {
  const row: unknown = db.prepare('SELECT * FROM shifts WHERE id = ?').get(id);
  return row === undefined ? null : toShift(row);
}

export function listShifts(db: HubDb, afterId = '', limit = 1_000_000): Shift[] {
  return db.prepare('SELECT * FROM shifts WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit).map(toShift);
}
