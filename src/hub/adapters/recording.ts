import type { OutboundReply, PlatformAdapter, PlatformAdapters, SentReply } from './types';

export interface RecordingAdapters extends PlatformAdapters {
  /** Everything "sent", oldest first. */
  readonly sent: readonly OutboundReply[];
}

/** Sends nothing anywhere: keeps what would have gone out. The demo and tests use it. */
export function createRecordingAdapters(): RecordingAdapters {
  const sent: OutboundReply[] = [];
  let counter = 0;
  const adapter: PlatformAdapter = {
    sendReply(reply: OutboundReply): Promise<SentReply> {
      sent.push(reply);
      counter += 1;
      return Promise.resolve({ platformMessageId: `recorded-${reply.platform}-${counter}` });
    },
  };
  return { facebook: adapter, x: adapter, sent };
}
