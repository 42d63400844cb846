import { describe, expect, it } from 'vitest';
import { connectConsole, deskPerTest, loginAs } from '../helpers';

const desks = deskPerTest();

describe('a console whose session runs out while connected', () => {
  it('is disconnected when the session ends, and its token no longer connects', async () => {
    const desk = await desks.start({ alice: ['operator'] }, { loginPolicy: { tokenTtlMs: 2500 } });
    const token = await loginAs(desk.hub, 'alice');
    const alice = desks.track(await connectConsole(desk.hub, token));
    expect(alice.socket.connected).toBe(true);
    const reason = await new Promise<string>((resolve) => {
      alice.socket.once('disconnect', resolve);
    });
    // The hub closed it on purpose; before, the socket stayed open for as long as it lived.
    expect(reason).toBe('io server disconnect');
    await expect(connectConsole(desk.hub, token)).rejects.toThrow(/^unauthorized: /);
    // Signing in again gives a working session.
    const again = desks.track(await connectConsole(desk.hub, await loginAs(desk.hub, 'alice')));
    expect(again.socket.connected).toBe(true);
  });
});
