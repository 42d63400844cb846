import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../src/engine/db/migrate';
import { migrations } from '../../../../src/engine/db/migrations';
import { cacheAtVersion, planOf } from './migration-support';

describe('cache migration 006 (list indexes)', () => {
  it('lets a queue-and-language page sorted by due time read in index order', () => {
    const db = cacheAtVersion(5);
    const query =
      "SELECT id FROM conversations WHERE queue_id = 'crime' AND language = 'cy' ORDER BY due_key, id LIMIT 50";
    const plan = (): string => planOf(db, query);
    expect(plan()).toMatch(/TEMP B-TREE FOR ORDER BY/);
    migrate(db, migrations.slice(0, 6));
    expect(schemaVersion(db)).toBe(6);
    expect(plan()).toContain('conversations_queue_language_due');
    expect(plan()).not.toMatch(/TEMP B-TREE/);
  });
});
