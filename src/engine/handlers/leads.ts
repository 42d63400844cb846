import type { HandlerTable } from '../../shared/ipc/dispatch';
import { DeskFailure } from '../../shared/ipc/result';
import type { ConsoleEngine } from '../engine';
import { workloadBoard } from '../read-models-leads';

/** The board reads the local cache; every lead action goes through `actions.submit`. */
export function createLeadsHandlers(engine: ConsoleEngine): Pick<HandlerTable, 'leads.board'> {
  return {
    'leads.board': () => {
      const me = engine.sessionState().operator;
      if (me === null) throw new DeskFailure('not-signed-in', 'Sign in to the hub first.');
      if (me.role === 'operator')
        throw new DeskFailure('forbidden', 'The workload board is for shift leads.');
      return workloadBoard(engine.db, engine.hubNow(), me.id);
    },
  };
}
