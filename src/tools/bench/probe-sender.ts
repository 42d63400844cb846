/**
 * Sends one signed Messenger delivery per command, from its own process, as Meta's servers
 * would: the latency probe then starts when the delivery leaves for the hub, and the
 * client's own work is not done on the hub's thread. Commands arrive as JSON lines
 * `{id, url, senderId, text}`; each is answered with `{id, kind: 'sent', sentAt}` (epoch ms,
 * taken just before the request is written) once the hub has answered 200.
 */
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { dmBody, nowMs } from './desk';
import { createSignedPoster, signDelivery } from './signed-post';

const commandSchema = z.object({ id: z.number(), url: z.url(), senderId: z.string(), text: z.string() });

let poster: ReturnType<typeof createSignedPoster> | null = null;
let posterUrl = '';

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = commandSchema.parse(JSON.parse(line));
  if (poster === null || posterUrl !== command.url) {
    poster?.close();
    poster = createSignedPoster(command.url, 1);
    posterUrl = command.url;
  }
  const delivery = signDelivery(dmBody([{ senderId: command.senderId, text: command.text }]));
  const sentAt = nowMs();
  poster.post(delivery).then(
    () => {
      process.stdout.write(`${JSON.stringify({ id: command.id, kind: 'sent', sentAt })}\n`);
    },
    (error: unknown) => {
      process.stdout.write(
        `${JSON.stringify({ id: command.id, kind: 'error', error: error instanceof Error ? error.message : String(error) })}\n`,
      );
    },
  );
});

// Exit normally when the bench stops this sender.
process.on('SIGTERM', () => process.exit(0));
