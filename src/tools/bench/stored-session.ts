import { cacheOwnerOf, setMeta } from '../../engine/db/meta';
import { openCacheDb } from '../../engine/db/open';
import type { Session } from './desk';

/**
 * Leaves a console cache in `dataDir` as a sign-in would: an engine opened on it connects to
 * `hubUrl` by itself, as that operator.
 */
export function storeSession(dataDir: string, hubUrl: string, session: Session): void {
  const db = openCacheDb(dataDir);
  try {
    setMeta(db, 'hubUrl', hubUrl);
    setMeta(db, 'token', session.token);
    setMeta(db, 'tokenExpiresAt', session.expiresAt);
    setMeta(db, 'operator', session.operator);
    setMeta(db, 'cacheOwner', cacheOwnerOf(hubUrl, session.operator));
  } finally {
    db.close();
  }
}
