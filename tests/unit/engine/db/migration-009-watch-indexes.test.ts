import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../src/engine/db/migrate';
import { migrations } from '../../../../src/engine/db/migrations';
import { cacheAtVersion, planOf } from './migration-support';

describe('cache migration 009 (watch indexes)', () => {
  it('serves the emergency watch and the pending-message probe from partial indexes, rows kept', () => {
    const db = cacheAtVersion(8);
    const insert = db.prepare(
      `INSERT INTO conversations (id, queue_id, status, assignee_id, platform, language, priority, contact_id,
         due_key, last_inbound_at, pending, data)
       VALUES (?, 'general', ?, ?, 'x', 'en', ?, 'p1', 5, 7, 0, '{}')`,
    );
    for (const row of [
      ['urgent-free', 'open', null, 'urgent'],
      ['urgent-taken', 'open', 'op-1', 'urgent'],
      ['urgent-done', 'resolved', null, 'urgent'],
      ['normal-free', 'open', null, 'normal'],
    ])
      insert.run(...row);
    db.prepare(
      `INSERT INTO messages (id, conversation_id, created_at, body, pending, data)
       VALUES ('m1', 'urgent-free', 1, 'hello', 1, '{}'), ('m2', 'urgent-free', 2, 'again', 0, '{}')`,
    ).run();

    migrate(db, migrations.slice(0, 9));
    expect(schemaVersion(db)).toBe(9);
    // The engine's own query text (read-models-moderation.ts), answered from the partial index.
    const unclaimed = `SELECT data FROM conversations
       WHERE priority = 'urgent' AND assignee_id IS NULL AND status != 'resolved'
       ORDER BY due_key, id LIMIT 100`;
    expect(planOf(db, unclaimed)).toContain('USING INDEX conversations_unclaimed_urgent');
    expect(planOf(db, unclaimed)).not.toMatch(/TEMP B-TREE/);
    expect(
      db
        .prepare('SELECT id FROM conversations WHERE priority = ? AND assignee_id IS NULL AND status != ?')
        .pluck()
        .all('urgent', 'resolved'),
    ).toEqual(['urgent-free']);

    const pending = 'SELECT id FROM messages WHERE conversation_id = ? AND pending = 1';
    expect(planOf(db, pending, 'urgent-free')).toContain('USING INDEX messages_pending');
    expect(db.prepare(pending).pluck().all('urgent-free')).toEqual(['m1']);
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(2);
  });
});
