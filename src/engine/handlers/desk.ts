import type { HandlerTable } from '../../shared/ipc/dispatch';
import type { ConsoleEngine } from '../engine';

type DeskChannel =
  | 'sync.getState'
  | 'queues.list'
  | 'operators.list'
  | 'conversations.list'
  | 'conversations.get'
  | 'conversations.view'
  | 'actions.submit'
  | 'notices.pending'
  | 'notices.shown';

/** Every desk channel reads the local cache or queues an action: none waits on the hub. */
export function createDeskHandlers(engine: ConsoleEngine): Pick<HandlerTable, DeskChannel> {
  return {
    'sync.getState': () => engine.connectionState(),
    'queues.list': () => engine.listQueues(),
    'operators.list': () => engine.listOperators(),
    'conversations.list': (input) => engine.listConversations(input),
    'conversations.get': ({ id }) => engine.getConversation(id),
    'conversations.view': ({ id }) => {
      engine.viewConversation(id);
      return null;
    },
    'actions.submit': (input) => engine.submit(input),
    'notices.pending': () => engine.undelivered(),
    'notices.shown': ({ keys }) => {
      engine.markShown(keys);
      return null;
    },
  };
}
