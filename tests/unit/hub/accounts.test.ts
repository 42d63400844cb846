import { describe, expect, it } from 'vitest';
import type { Operator } from '../../../src/shared/domain';
import { loginResponseSchema } from '../../../src/shared/protocol';
import { ack, hubRows } from './broadcasts/support';
import { allChanges, connectConsole, deskPerTest, loginAs, type RawConsole } from './helpers';

const desks = deskPerTest();

async function login(name: string): Promise<{ status: number; error: string | null }> {
  const response = await fetch(`${desks.current().hub.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: 'correct horse battery' }),
  });
  const body = loginResponseSchema.parse(await response.json());
  return { status: response.status, error: body.ok ? null : body.error };
}

/** The latest record of `operatorId` this console was sent. */
const operatorSeen = (c: RawConsole, operatorId: string): Operator | undefined =>
  allChanges(c)
    .filter((x) => x.entity === 'operator' && x.data.id === operatorId)
    .map((x) => x.data as Operator)
    .at(-1);

describe('accounts from the console', () => {
  it('an administrator disables, enables and signs out an account; nobody else may', async () => {
    const desk = await desks.start({ ada: ['admin'], lena: ['lead'], tom: ['operator'] });
    const ada = await desks.open('ada');
    const lena = await desks.open('lena');
    const tom = await desks.open('tom');
    const tomId = desk.ids['tom'] ?? '';

    const byLead = ack(await lena.submit({ type: 'account-disable', operatorId: tomId }));
    expect(byLead).toMatchObject({ outcome: 'rejected', code: 'forbidden' });

    expect(ack(await ada.submit({ type: 'account-disable', operatorId: tomId })).outcome).toBe('accepted');
    // His link closes, he cannot sign in, and every console shows the account as disabled.
    await tom.waitFor(() => !tom.socket.connected, 10_000);
    expect(await login('tom')).toEqual({ status: 401, error: 'disabled' });
    await lena.waitFor(() => operatorSeen(lena, tomId)?.disabled === true);
    expect(operatorSeen(lena, tomId)).toMatchObject({ status: 'offline' });
    // Asked again (a resend, a colleague): accepted, nothing more happens.
    expect(ack(await ada.submit({ type: 'account-disable', operatorId: tomId })).outcome).toBe('accepted');

    const self = ack(await ada.submit({ type: 'account-disable', operatorId: desk.ids['ada'] ?? '' }));
    expect(self).toMatchObject({ outcome: 'rejected', code: 'invalid' });

    expect(ack(await ada.submit({ type: 'account-enable', operatorId: tomId })).outcome).toBe('accepted');
    await lena.waitFor(() => {
      const seen = operatorSeen(lena, tomId);
      return seen !== undefined && seen.disabled === undefined;
    });
    const again = desks.track(await connectConsole(desk.hub, await loginAs(desk.hub, 'tom')));
    expect(again.socket.connected).toBe(true);

    // A lost workstation: his sessions end, the account stays usable.
    expect(ack(await ada.submit({ type: 'account-sign-out', operatorId: tomId })).outcome).toBe('accepted');
    await again.waitFor(() => !again.socket.connected, 10_000);
    expect(await login('tom')).toMatchObject({ status: 200, error: null });

    const audited = hubRows(
      desk.dir,
      "SELECT action, actor_id AS actor FROM audit WHERE action IN ('user.disable', 'user.enable', 'user.sign-out') ORDER BY id",
    );
    expect(audited).toEqual([
      { action: 'user.disable', actor: desk.ids['ada'] },
      { action: 'user.enable', actor: desk.ids['ada'] },
      { action: 'user.sign-out', actor: desk.ids['ada'] },
    ]);
  }, 30_000);
});
