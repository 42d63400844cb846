import { PLATFORM_NAMES } from '../shared/domain';
import type { EventPayload } from '../shared/ipc/events';

/**
 * Which emergencies deserve a native notification now, and its bilingual text: each unclaimed
 * emergency once, while this operator is available. Kept apart from Electron so it can be tested.
 */
export function createEmergencyNotifier(): (state: EventPayload<'emergency.alert'>) => string[] {
  const announced = new Set<string>();
  return (state) => {
    const open = new Set(state.emergencies.map((e) => e.conversationId));
    // Forget claimed ones, so an emergency that comes back unclaimed is announced again.
    for (const id of announced) if (!open.has(id)) announced.delete(id);
    if (!state.alerting) return [];
    const fresh = state.emergencies.filter((e) => !announced.has(e.conversationId));
    for (const e of fresh) announced.add(e.conversationId);
    // Welsh first, as the force's bilingual posts are: main does not know the window's language.
    return fresh.map((e) =>
      e.confidential || e.preview === ''
        ? `Argyfwng ar ${PLATFORM_NAMES[e.platform]}: hawliwch ef nawr.\nEmergency on ${PLATFORM_NAMES[e.platform]}: claim it now.`
        : `Argyfwng / Emergency: ${e.preview}`,
    );
  };
}
