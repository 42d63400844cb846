import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../src/engine/db/migrate';
import { migrations } from '../../../../src/engine/db/migrations';
import { cacheAtVersion } from './migration-support';

describe('cache migration 013 (undelivered)', () => {
  it('adds the table events wait in for a window, one row per key, and leaves notices as they were', () => {
    const db = cacheAtVersion(12);
    db.prepare(
      `INSERT INTO notices (id, operator_id, created_at, data) VALUES ('n-1', 'ann', 5, '{}')`,
    ).run();
    expect(() => db.prepare('SELECT * FROM undelivered').all()).toThrow(/no such table/);

    migrate(db, migrations.slice(0, 13));
    expect(schemaVersion(db)).toBe(13);
    // A notice the console already had is history: nothing is offered for it.
    expect(db.prepare('SELECT count(*) FROM undelivered').pluck().get()).toBe(0);
    expect(db.prepare('SELECT id FROM notices').pluck().all()).toEqual(['n-1']);
    const insert = db.prepare(
      `INSERT INTO undelivered (key, operator_id, event, payload, created_at) VALUES (?, ?, ?, ?, ?)`,
    );
    insert.run('notice:n-2', 'ann', 'notice', '{}', 6);
    expect(() => insert.run('notice:n-2', 'bob', 'notice', '{}', 7)).toThrow(/UNIQUE/);
    expect(() => insert.run('notice:n-3', null, 'notice', '{}', 7)).toThrow(/NOT NULL/);
    // STRICT: a time that is not a number is refused, not stored as text.
    expect(() => insert.run('notice:n-4', 'ann', 'notice', '{}', 'soon')).toThrow(/cannot store TEXT/);
  });
});
