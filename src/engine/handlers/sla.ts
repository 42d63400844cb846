import type { HandlerTable } from '../../shared/ipc/dispatch';
import { DeskFailure } from '../../shared/ipc/result';
import type { ConsoleEngine } from '../engine';
import { getSlaPolicy } from '../db/sla';
import { slaDashboard, slaLive } from '../read-models-sla';

type SlaHandlers = Pick<HandlerTable, 'sla.live' | 'sla.dashboard' | 'sla.policy' | 'sla.monthlyCsv'>;

function requireLead(engine: ConsoleEngine, what: string): void {
  const me = engine.sessionState().operator;
  if (me === null) throw new DeskFailure('not-signed-in', 'Sign in to the hub first.');
  if (me.role === 'operator') throw new DeskFailure('forbidden', `${what} is for shift leads and admins.`);
}

/**
 * Countdowns and the dashboard read the local cache and never wait on the hub. The monthly
 * CSV is the one exception: the hub computes it from its full records (a console cache may
 * hold less than a whole month), so both the CLI and the download give the same file.
 */
export function createSlaHandlers(engine: ConsoleEngine): SlaHandlers {
  return {
    'sla.live': () => slaLive(engine.db, engine.hubNow()),
    'sla.dashboard': () => {
      requireLead(engine, 'The SLA dashboard');
      return slaDashboard(engine.db, engine.hubNow());
    },
    'sla.policy': () => ({ policy: getSlaPolicy(engine.db) }),
    'sla.monthlyCsv': async ({ month }) => {
      requireLead(engine, 'The monthly report');
      const answer = await engine.hubGet(`/api/reports/monthly?month=${encodeURIComponent(month)}`);
      if (answer.status === 401)
        throw new DeskFailure('not-signed-in', 'Your session has ended; sign in again.');
      if (answer.status === 403)
        throw new DeskFailure('forbidden', 'The monthly report is for shift leads and admins.');
      if (answer.status !== 200) {
        throw new DeskFailure(
          'unreachable',
          `The hub could not produce the report (HTTP ${String(answer.status)}).`,
        );
      }
      return { fileName: `social-desk-${month}.csv`, csv: answer.text };
    },
  };
}
