import type { AppInfo, DesktopNotification } from '../../shared/ipc/channels/app';
import type { HandlerTable } from '../../shared/ipc/dispatch';

export interface AppHandlerDeps {
  readonly info: AppInfo;
  readonly now: () => number;
  /** The shell's native notifications, if it has them; returns whether one was shown. */
  readonly notify?: (notification: DesktopNotification) => boolean;
}

export function createAppHandlers(
  deps: AppHandlerDeps,
): Pick<HandlerTable, 'app.getInfo' | 'app.ping' | 'app.notify'> {
  return {
    'app.getInfo': () => deps.info,
    'app.ping': ({ text }) => ({ text, handledAt: deps.now() }),
    'app.notify': (notification) => ({ shown: deps.notify?.(notification) ?? false }),
  };
}
