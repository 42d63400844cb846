import type { AppInfo } from '../../shared/ipc/channels/app';
import type { HandlerTable } from '../../shared/ipc/dispatch';

export interface AppHandlerDeps {
  readonly info: AppInfo;
  readonly now: () => number;
}

export function createAppHandlers(deps: AppHandlerDeps): Pick<HandlerTable, 'app.getInfo' | 'app.ping'> {
  return {
    'app.getInfo': () => deps.info,
    'app.ping': ({ text }) => ({ text, handledAt: deps.now() }),
  };
}
