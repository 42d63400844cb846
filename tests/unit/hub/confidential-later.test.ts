import { describe, expect, it } from 'vitest';
import { snapshotResponseSchema } from '../../../src/shared/protocol';
import { allChanges, connectConsole, loginAs, sendDm, deskPerTest } from './helpers';

const desks = deskPerTest();

const PLAIN = 'Hello, my bike was taken from outside the library this afternoon';
const LATER =
  'Also I have information about drug dealing at the house on Bridge Street, I want to stay anonymous';

describe('a conversation that becomes confidential later', () => {
  it('blanks the earlier bodies at uncleared consoles too, as a snapshot shows them', async () => {
    const desk = await desks.start({ uncleared: ['operator'] });
    const plain = await connectConsole(desk.hub, await loginAs(desk.hub, 'uncleared'));
    desks.track(plain);
    const sender = 'user-later-confidential';
    await sendDm(desk.hub, PLAIN, sender);
    await plain.waitFor(() => allChanges(plain).find((c) => c.entity === 'message' && c.data.body === PLAIN));
    await sendDm(desk.hub, LATER, sender);
    const conversation = await plain.waitFor(() =>
      allChanges(plain).find((c) => c.entity === 'conversation' && c.data.confidential),
    );

    // The last word the console has on every message of this conversation is redacted.
    await plain.waitFor(() => allChanges(plain).filter((c) => c.entity === 'message').length >= 3);
    const latest = new Map<string, { body: string; redacted: boolean }>();
    for (const change of allChanges(plain)) {
      if (change.entity === 'message' && change.data.conversationId === conversation.data.id)
        latest.set(change.data.id, change.data);
    }
    expect([...latest.values()]).toHaveLength(2);
    for (const message of latest.values()) expect(message).toMatchObject({ body: '', redacted: true });

    // And that is exactly what a snapshot gives the same operator.
    const page = snapshotResponseSchema.parse(
      await plain.socket.timeout(5000).emitWithAck('sync:snapshot', { cursor: null, limit: 1000 }),
    );
    if (page.kind === 'error') throw new Error(page.error);
    const snapshotBodies = page.records.flatMap((r) => (r.entity === 'message' ? [r.data.body] : []));
    expect(snapshotBodies).toEqual(['', '']);
  });
});
