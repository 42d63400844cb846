import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../src/engine/db/migrate';
import { migrations } from '../../../../src/engine/db/migrations';
import { cacheAtVersion } from './migration-support';

describe('cache migration 002 (leads)', () => {
  it('adds the roster and last-action cache tables on top of version 1', () => {
    const db = cacheAtVersion(1);
    expect(schemaVersion(db)).toBe(1);
    migrate(db, migrations.slice(0, 2));
    expect(schemaVersion(db)).toBe(2);
    db.prepare("INSERT INTO shifts (id, data) VALUES ('s1', '{}')").run();
    db.prepare("INSERT INTO activity (id, data) VALUES ('op1', '{}')").run();
    // STRICT tables: a row without its JSON, or with bytes instead of text, is refused.
    expect(() => db.prepare('INSERT INTO shifts (id, data) VALUES (?, NULL)').run('s2')).toThrow(/NOT NULL/);
    expect(() =>
      db.prepare('INSERT INTO activity (id, data) VALUES (?, ?)').run('op2', Buffer.from('x')),
    ).toThrow();
  });
});
