import type { HandlerTable } from '../../shared/ipc/dispatch';
import type { ConsoleEngine } from '../engine';

export function createSessionHandlers(
  engine: ConsoleEngine,
): Pick<HandlerTable, 'session.getState' | 'session.signIn' | 'session.signOut'> {
  return {
    'session.getState': () => engine.sessionState(),
    'session.signIn': (input) => engine.signIn(input),
    'session.signOut': () => engine.signOut(),
  };
}
