import { noticeSchema, type Notice } from '../../shared/protocol/changes';
import type { CacheDb } from './handle';
import { parseJsonColumn } from './json';

/** Returns true when the notice was new to the cache (so it is announced once). */
export function putNotice(db: CacheDb, notice: Notice): boolean {
  const existed = db.prepare('SELECT 1 FROM notices WHERE id = ?').get(notice.id) !== undefined;
  db.prepare(
    `INSERT INTO notices (id, operator_id, created_at, data) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET data = excluded.data`,
  ).run(notice.id, notice.operatorId, notice.createdAt, JSON.stringify(notice));
  return !existed;
}

export function noticesFor(db: CacheDb, operatorId: string, limit: number): Notice[] {
  const rows = db
    .prepare('SELECT data FROM notices WHERE operator_id = ? ORDER BY created_at DESC LIMIT ?')
    .all(operatorId, limit) as { data: string }[];
  return rows.map((r) => parseJsonColumn('notices', noticeSchema, r.data));
}
