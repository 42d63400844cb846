import Database from 'better-sqlite3';
import { z } from 'zod';
import { appendAudit } from '../../hub/db/audit';

/**
 * Test hooks that damage a finished run's hub database the way a bug would, so a test can
 * prove the checker notices. Never used by a normal run.
 */
export const hubTamperSchema = z.enum(['audit-edit', 'duplicate-op', 'lost-op']);
export type HubTamper = z.infer<typeof hubTamperSchema>;

export function tamperHub(hubDbFile: string, kind: HubTamper, acceptedOpId: string): void {
  const db = new Database(hubDbFile, { fileMustExist: true });
  try {
    db.transaction(() => {
      switch (kind) {
        case 'audit-edit':
          // Someone with file access bypassing the append-only triggers.
          db.exec('DROP TRIGGER IF EXISTS audit_no_update');
          db.prepare(
            `UPDATE audit SET detail = json_set(detail, '$.tampered', 1) WHERE id = (SELECT max(id) / 2 + 1 FROM audit)`,
          ).run();
          return;
        case 'duplicate-op': {
          // An operation applied a second time, with a well-formed audit row: only the
          // exactly-once check can see it.
          const row = z
            .object({
              at: z.number(),
              actor_id: z.string().nullable(),
              action: z.string(),
              subject_id: z.string().nullable(),
              detail: z.string(),
            })
            .parse(
              db
                .prepare(
                  `SELECT * FROM audit WHERE action LIKE 'op.%' AND json_extract(detail, '$.opId') = ?`,
                )
                .get(acceptedOpId),
            );
          appendAudit(db, {
            at: row.at + 1,
            actorId: row.actor_id,
            action: row.action,
            subjectId: row.subject_id,
            detail: z.record(z.string(), z.unknown()).parse(JSON.parse(row.detail)),
          });
          return;
        }
        case 'lost-op':
          db.prepare('DELETE FROM applied_operations WHERE op_id = ?').run(acceptedOpId);
          return;
      }
    })();
  } finally {
    db.close();
  }
}
