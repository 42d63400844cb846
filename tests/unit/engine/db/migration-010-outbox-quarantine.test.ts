import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../src/engine/db/migrate';
import { migrations } from '../../../../src/engine/db/migrations';
import { cacheAtVersion } from './migration-support';

describe('cache migration 010 (outbox quarantine)', () => {
  it('adds the table unreadable outbox rows are set aside in, and leaves the outbox as it was', () => {
    const db = cacheAtVersion(9);
    db.prepare(
      `INSERT INTO outbox (console_seq, op_id, operator_id, payload, state, created_at)
       VALUES (1, 'op-1', 'ann', '{"type":"claim"}', 'queued', 5)`,
    ).run();
    expect(() => db.prepare('SELECT * FROM outbox_quarantine').all()).toThrow(/no such table/);

    migrate(db, migrations.slice(0, 10));
    expect(schemaVersion(db)).toBe(10);
    expect(db.prepare('SELECT op_id, payload FROM outbox').all()).toEqual([
      { op_id: 'op-1', payload: '{"type":"claim"}' },
    ]);
    // Any text at all is kept as it was: the point is to hold what could not be read.
    const payload = '{"type":"retired-op", broken';
    db.prepare(
      `INSERT INTO outbox_quarantine (op_id, console_seq, operator_id, payload, state, attempts,
         acked_seq, last_error, created_at, reason, set_aside_at)
       VALUES ('op-2', 2, 'ann', ?, 'queued', 0, NULL, NULL, 6, 'not JSON', 7)`,
    ).run(payload);
    expect(db.prepare('SELECT payload FROM outbox_quarantine').pluck().get()).toBe(payload);
    // One row per action: the same action cannot be set aside twice.
    expect(() =>
      db
        .prepare(
          `INSERT INTO outbox_quarantine (op_id, console_seq, operator_id, payload, state, attempts,
             created_at, reason, set_aside_at)
           VALUES ('op-2', 2, 'ann', 'x', 'queued', 0, 6, 'again', 8)`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO outbox_quarantine (op_id, console_seq, operator_id, payload, state, attempts,
             created_at, reason, set_aside_at)
           VALUES ('op-3', 3, 'ann', 'x', 'queued', 0, 6, NULL, 8)`,
        )
        .run(),
    ).toThrow(/NOT NULL/);
  });
});
