import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { hubDbPath } from '../../../../src/hub/db/connection';
import { migrate, userVersion } from '../../../../src/hub/db/migrations';
import { getSlaConversation, readSlaTimeline } from '../../../../src/hub/db/sla';
import { tempDir } from '../helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('hub migration 004 (sla)', () => {
  it('adds the SLA tables and rebuilds a timeline for conversations stored before it', () => {
    const dataDir = dir();
    const db = new Database(hubDbPath(dataDir));
    cleanups.push(() => {
      db.close();
    });
    migrate(db, 3);
    db.exec(`
      INSERT INTO queues (id, name, name_cy, auto_assign) VALUES ('general', 'G', 'G', 0);
      INSERT INTO contacts (id, platform, platform_user_id, display_name, language) VALUES ('k', 'facebook', 'u', 'Sam', 'en');
      INSERT INTO conversations (id, platform, kind, contact_id, queue_id, status, priority, language, category,
        confidential, preview, triage_reasons, first_inbound_at, last_inbound_at, last_response_at, updated_at)
        VALUES ('c1', 'facebook', 'dm', 'k', 'general', 'waiting-on-public', 'normal', 'en', 'general-enquiry',
        0, 'hi', '[]', 1000, 1000, 5000, 6000);
      INSERT INTO messages (id, conversation_id, direction, body, platform, created_at) VALUES
        ('m1', 'c1', 'inbound', 'hi', 'facebook', 1000),
        ('m2', 'c1', 'note', 'n', 'facebook', 2000),
        ('m3', 'c1', 'outbound', 'hello', 'facebook', 5000);
    `);
    migrate(db, 4);
    expect(userVersion(db)).toBe(4);
    expect(readSlaTimeline(db, 'c1')).toEqual([
      { type: 'inbound', at: 1000 },
      { type: 'outbound', at: 5000 },
      { type: 'status', at: 6000, status: 'waiting-on-public' },
    ]);
    expect(getSlaConversation(db, 'c1')).toMatchObject({ initialQueueId: 'general', state: null });
  });
});
