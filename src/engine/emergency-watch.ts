import type { Operator } from '../shared/domain/entities';
import type { EmergencyState } from '../shared/ipc/channels/moderation';
import type { CacheDb } from './db/handle';
import { emergencyState } from './read-models-moderation';

/**
 * Emits `emergency.alert` whenever the set of unclaimed emergencies (or whether this
 * operator should be alerted) changes. The engine calls `check` after anything that can
 * change it: synced changes, local actions and their outcomes, status and sign-in changes.
 */
export function createEmergencyWatch(
  db: CacheDb,
  me: () => Operator | null,
  emit: (state: EmergencyState) => void,
): { check(): void } {
  let last = JSON.stringify(emergencyState(db, me()));
  return {
    check() {
      if (!db.open) return;
      const state = emergencyState(db, me());
      const key = JSON.stringify(state);
      if (key === last) return;
      last = key;
      emit(state);
    },
  };
}
