import type { HubDb } from '../db/connection';
import { getSlaPolicies } from '../db/sla';
import { applySlaPolicies, computeMissingSla } from './apply-policies';
import { readPolicyFile } from './policies';

/**
 * Puts the policy file in force when the hub starts, if it is new or was edited since it
 * was last imported (its hash is kept). Policies a lead changed in the console stay until
 * the file itself changes. A bad file stops the hub with every problem listed.
 */
export function loadSlaPoliciesAtStart(
  db: HubDb,
  dataDir: string,
  at: number,
  log: (line: string) => void,
): void {
  const file = readPolicyFile(dataDir);
  const stored = getSlaPolicies(db);
  db.transaction(() => {
    if (stored === null || stored.sourceHash !== file.hash) {
      applySlaPolicies(db, at, file.file, null, file.hash);
      log(`[sla] policies loaded from ${file.path}`);
    }
    computeMissingSla(db, at);
  })();
}
