import type { QueueSummary } from '../../../../shared/ipc/channels/desk';

/** A queue's name in the interface language; its id if the console does not know it yet. */
export function queueName(queues: readonly QueueSummary[], queueId: string, language: string): string {
  const queue = queues.find((q) => q.queue.id === queueId)?.queue;
  if (queue === undefined) return queueId;
  return language === 'cy' ? queue.nameCy : queue.name;
}
