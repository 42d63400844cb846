import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../../../src/hub/server';
import { waitFor } from '../../../support/wait';
import { signedInConsole, startDesk, waitDrained, type TestConsole } from '../helpers';

const open: TestConsole[] = [];

/** Polls an IPC read until it gives a value. */
const eventually = <T>(read: () => Promise<T | null>, what: string): Promise<T> =>
  waitFor(read, { what, timeoutMs: 20_000, intervalMs: 20 });

let hub: RunningHub | null = null;
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
  await hub?.close();
  hub = null;
});

describe('desk alerts through real console engines', () => {
  it('an offline console gets the alert on reconnect; an acknowledgement made offline counts at once and reaches the lead', async () => {
    const desk = await startDesk({ lena: ['lead'], olive: ['operator'] });
    hub = desk.hub;
    const lena = await signedInConsole(desk.hub.url, 'lena');
    const olive = await signedInConsole(desk.hub.url, 'olive');
    open.push(lena, olive);

    await olive.engine.disconnect();
    await lena.call('actions.submit', {
      type: 'desk-alert-send',
      alertId: 'incident-1',
      text: 'Major incident declared: M4 J24–J26 closed',
      severity: 'critical',
      expiresAt: Date.now() + 60 * 60_000,
    });
    await waitDrained(lena, 'alert sent');
    expect(await olive.call('deskAlerts.list')).toEqual([]);

    olive.engine.reconnect();
    const [row] = await eventually(async () => {
      const rows = await olive.call('deskAlerts.list');
      return rows.length > 0 ? rows : null;
    }, 'alert after reconnect');
    expect(row).toMatchObject({
      active: true,
      ackedByMe: false,
      alert: { id: 'incident-1', severity: 'critical' },
    });

    // Acknowledged while offline: the banner goes at once, the hub hears it on reconnect.
    await olive.engine.disconnect();
    await olive.call('actions.submit', { type: 'desk-alert-ack', alertId: 'incident-1' });
    expect((await olive.call('deskAlerts.list'))[0]?.ackedByMe).toBe(true);
    olive.engine.reconnect();
    await waitDrained(olive, 'ack sent');
    const acked = await eventually(async () => {
      const rows = await lena.call('deskAlerts.list');
      return rows[0]?.alert.acks.some((a) => a.operatorId === desk.ids.olive) === true ? rows[0] : null;
    }, 'lead sees the acknowledgement');
    expect(acked.alert.acks).toHaveLength(1);
  });
});
