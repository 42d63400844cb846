import type { HandlerTable } from '../../shared/ipc/dispatch';
import type { ConsoleEngine } from '../engine';
import { emergencyState, moderationForConversation, moderationList } from '../read-models-moderation';

type ModerationChannel = 'emergencies.get' | 'moderation.list' | 'moderation.forConversation';

/** Reads of the local cache only; moderation actions go through `actions.submit`. */
export function createModerationHandlers(engine: ConsoleEngine): Pick<HandlerTable, ModerationChannel> {
  const me = () => engine.sessionState().operator;
  return {
    'emergencies.get': () => emergencyState(engine.db, me()),
    'moderation.list': ({ filter, limit }) => moderationList(engine.db, filter, limit, me()?.id ?? null),
    'moderation.forConversation': ({ conversationId }) =>
      moderationForConversation(engine.db, conversationId, me()?.id ?? null),
  };
}
