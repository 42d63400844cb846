import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../src/engine/db/migrate';
import { migrations } from '../../../../src/engine/db/migrations';
import { cacheAtVersion } from './migration-support';

describe('cache migration 003 (sla)', () => {
  it('adds the SLA policy, status and alert tables on top of version 2, keeping what was there', () => {
    const db = cacheAtVersion(2);
    db.prepare("INSERT INTO shifts (id, data) VALUES ('s1', '{}')").run();
    migrate(db, migrations.slice(0, 3));
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT id FROM shifts').all()).toEqual([{ id: 's1' }]);
    db.prepare("INSERT INTO sla_policy (id, data) VALUES ('current', '{}')").run();
    db.prepare("INSERT INTO sla_status (id, state, started_at, data) VALUES ('c1', 'ok', 5, '{}')").run();
    db.prepare("INSERT INTO sla_events (id, conversation_id, at, data) VALUES ('e1', 'c1', 6, '{}')").run();
    expect(db.prepare("SELECT id FROM sla_status WHERE state = 'ok'").all()).toEqual([{ id: 'c1' }]);
    // STRICT: a status without its state or with text for a time is refused.
    expect(() =>
      db.prepare("INSERT INTO sla_status (id, state, data) VALUES ('c2', NULL, '{}')").run(),
    ).toThrow(/NOT NULL/);
    expect(() =>
      db
        .prepare("INSERT INTO sla_events (id, conversation_id, at, data) VALUES ('e2', 'c1', 'soon', '{}')")
        .run(),
    ).toThrow();
  });
});
