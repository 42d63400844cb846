import { z } from 'zod';
import {
  ipcContract,
  isChannelName,
  type ChannelArgs,
  type ChannelName,
  type ChannelOutput,
} from './contract';
import { DeskFailure, fail, ok, type Result } from './result';

/** Where a call came from: the frame's URL and whether it is the top frame of our window. */
export interface SenderInfo {
  readonly url: string;
  readonly isMainFrame: boolean;
}

export interface HandlerContext {
  readonly sender: SenderInfo;
}

export type Handler<C extends ChannelName> = (
  input: ChannelArgs<C>,
  ctx: HandlerContext,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>;

/** The main-side implementation of every channel; both shells share one table. */
export type HandlerTable = { [C in ChannelName]: Handler<C> };

export interface DispatcherOptions {
  /** Decides whether a sender may call at all (our window's main frame, our origin). */
  readonly isTrustedSender: (sender: SenderInfo) => boolean;
  readonly onInternalError?: (channel: string, error: unknown) => void;
}

export type Dispatch = (channel: unknown, input: unknown, sender: SenderInfo) => Promise<Result<unknown>>;

const describeIssues = (error: z.ZodError): string =>
  error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');

/**
 * The single gate every renderer call passes: sender check, argument validation, the
 * handler, output validation, and conversion of everything into a Result.
 */
export function createDispatcher(handlers: HandlerTable, options: DispatcherOptions): Dispatch {
  return async (channel, input, sender) => {
    if (!isChannelName(channel)) {
      return fail('unknown-channel', `Unknown channel: ${String(channel).slice(0, 100)}`);
    }
    if (!options.isTrustedSender(sender)) {
      return fail(
        'untrusted-sender',
        `Refused ${channel}: the call did not come from the console window (${sender.url.slice(0, 200)})`,
      );
    }
    const spec = ipcContract[channel];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      return fail('invalid-arguments', `Invalid arguments for ${channel}: ${describeIssues(parsed.error)}`);
    }
    try {
      const handler: Handler<typeof channel> = handlers[channel];
      const value: unknown = await handler(parsed.data, { sender });
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        options.onInternalError?.(channel, checked.error);
        return fail(
          'invalid-output',
          `${channel} produced an invalid result: ${describeIssues(checked.error)}`,
        );
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof DeskFailure) return fail(error.code, error.message);
      options.onInternalError?.(channel, error);
      return fail('internal', `${channel} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
