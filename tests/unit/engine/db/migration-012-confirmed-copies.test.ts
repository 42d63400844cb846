import { describe, expect, it } from 'vitest';
import { confirmedConversationsJson } from '../../../../src/engine/db/conversations';
import { migrate, schemaVersion } from '../../../../src/engine/db/migrate';
import { migrations } from '../../../../src/engine/db/migrations';
import { conversation } from '../fixtures';
import { cacheAtVersion } from './migration-support';

describe('cache migration 012 (a confirmed copy only where the view may differ)', () => {
  it('drops the copies equal to their view row and keeps the others', () => {
    const db = cacheAtVersion(11);
    // Version 11 kept every conversation twice: the confirmed row and the view row.
    const row = db.prepare(
      `INSERT INTO conversations (id, queue_id, status, assignee_id, platform, language, priority, contact_id,
                                  due_key, last_inbound_at, pending, data)
       VALUES (@id, 'q-general', 'open', @assignee, 'facebook', 'en', 'normal', 'contact-1', 1, 1, @pending, @view)`,
    );
    const copy = db.prepare('INSERT INTO hub_conversations (id, data) VALUES (?, ?)');
    const same = JSON.stringify(conversation('c-same'));
    row.run({ id: 'c-same', assignee: null, pending: 0, view: same });
    copy.run('c-same', same);
    // A claim still pending: the view shows it, the confirmed row does not.
    const confirmed = JSON.stringify(conversation('c-claimed'));
    row.run({
      id: 'c-claimed',
      assignee: 'op-a',
      pending: 1,
      view: JSON.stringify(conversation('c-claimed', { assigneeId: 'op-a' })),
    });
    copy.run('c-claimed', confirmed);

    migrate(db, migrations.slice(0, 12));
    expect(schemaVersion(db)).toBe(12);
    expect(db.prepare('SELECT id FROM hub_conversations').pluck().all()).toEqual(['c-claimed']);
    // What the hub confirmed is unchanged for both.
    expect(confirmedConversationsJson(db).sort()).toEqual([confirmed, same].sort());
  });
});
