/**
 * One chaos console: a real console engine in its own process (run with `node --import tsx`
 * so a SIGKILL reaches it). It signs in once, then reconnects by itself from its stored
 * session after every restart. It takes random operator or lead actions from its own cache
 * and reports each action and each outcome its operator was shown as JSON lines.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { getMeta } from '../../engine/db/meta';
import { createConsoleEngine, type ConsoleEngine } from '../../engine/engine';
import type { Conversation } from '../../shared/domain/entities';
import type { ConversationFilter } from '../../shared/ipc/channels/desk';
import type { OperationInput } from '../../shared/protocol/operations';
import { workerCommandSchema, type WorkerLine } from './protocol';
import { seededRandom, type Random } from './random';
import {
  engineConfirmedState,
  engineLeftovers,
  engineViewConversationsHash,
  stateHashes,
} from './state-hash';

const env = z
  .object({
    CHAOS_DATA_DIR: z.string().min(1),
    CHAOS_HUB_URL: z.url(),
    CHAOS_NAME: z.string().min(1),
    CHAOS_PASSWORD: z.string().min(8),
    CHAOS_ROLE: z.enum(['operator', 'lead']),
    CHAOS_SEED: z.coerce.number().int(),
    /** Operator ids a lead may move work to (JSON array). */
    CHAOS_OPERATOR_IDS: z.string().default('[]'),
  })
  .parse(process.env);
const operatorIds = z.array(z.string()).parse(JSON.parse(env.CHAOS_OPERATOR_IDS));

const say = (line: WorkerLine): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

const engine: ConsoleEngine = createConsoleEngine({
  dataDir: env.CHAOS_DATA_DIR,
  sync: { ackTimeoutMs: 5_000 },
  log: (line) => {
    say({ kind: 'log', line });
  },
  emit: (event, payload) => {
    if (event !== 'action.outcome') return;
    const outcome = payload as { opId: string; type: string; outcome: 'accepted' | 'rejected' };
    say({ kind: 'outcome', opId: outcome.opId, type: outcome.type, outcome: outcome.outcome });
  },
});

const random: Random = seededRandom(env.CHAOS_SEED);
let acting = false;
let intervalMs = 500;
let timer: NodeJS.Timeout | null = null;
let counter = 0;

async function signInOnce(): Promise<void> {
  // A restart finds the stored session and reconnects by itself; only the first start signs in.
  while (!engine.sessionState().signedIn) {
    try {
      await engine.signIn({ hubUrl: env.CHAOS_HUB_URL, name: env.CHAOS_NAME, password: env.CHAOS_PASSWORD });
    } catch (error) {
      say({
        kind: 'log',
        line: `sign-in failed, retrying: ${error instanceof Error ? error.message : String(error)}`,
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

function someConversation(filter: ConversationFilter): Conversation | undefined {
  const page = engine.listConversations({ filter, sort: 'newest', offset: 0, limit: 40 });
  return random.pick(page.rows)?.conversation;
}

const bodyText = (): string => `chaos ${env.CHAOS_NAME} #${String(++counter)} ${randomUUID().slice(0, 8)}`;

function operatorAction(): OperationInput | null {
  const roll = random.next();
  const mine = (extra: ConversationFilter = {}): Conversation | undefined =>
    someConversation({ mine: true, ...extra });
  if (roll < 0.25) {
    const c = someConversation({ unassigned: true, status: 'open' });
    return c ? { type: 'claim', conversationId: c.id } : null;
  }
  if (roll < 0.42) {
    const c = mine({ status: 'open' });
    return c ? { type: 'reply', conversationId: c.id, body: bodyText() } : null;
  }
  if (roll < 0.58) {
    const c = random.chance(0.7) ? mine() : someConversation({});
    return c ? { type: 'note', conversationId: c.id, body: bodyText() } : null;
  }
  if (roll < 0.68) {
    const c = mine({ status: 'open' });
    return c ? { type: 'resolve', conversationId: c.id } : null;
  }
  if (roll < 0.73) {
    const c = mine({ status: 'resolved' });
    return c ? { type: 'reopen', conversationId: c.id } : null;
  }
  if (roll < 0.78) {
    const c = mine({ status: 'open' });
    return c ? { type: 'mark-waiting', conversationId: c.id } : null;
  }
  if (roll < 0.84) {
    const c = mine();
    return c ? { type: 'release', conversationId: c.id } : null;
  }
  if (roll < 0.88) {
    return {
      type: 'set-status',
      status: random.pick(['available', 'busy', 'on-break'] as const) ?? 'available',
    };
  }
  // Racing another operator for their conversation: the hub must refuse it.
  const c = someConversation({ status: 'open' });
  return c ? { type: 'claim', conversationId: c.id } : null;
}

function leadAction(): OperationInput | null {
  const roll = random.next();
  if (roll < 0.5) {
    const ids = [someConversation({}), someConversation({ status: 'open' })]
      .filter((c): c is Conversation => c !== undefined)
      .map((c) => c.id);
    if (ids.length === 0) return null;
    const to = random.chance(0.25) ? null : (random.pick(operatorIds) ?? null);
    return {
      type: 'reassign',
      conversationIds: [...new Set(ids)],
      toOperatorId: to,
      reason: 'chaos rebalancing',
    };
  }
  if (roll < 0.75) {
    const c = someConversation({});
    return c ? { type: 'note', conversationId: c.id, body: bodyText() } : null;
  }
  return operatorAction();
}

function act(): void {
  timer = null;
  if (!acting) return;
  try {
    if (engine.sessionState().signedIn) {
      const input = env.CHAOS_ROLE === 'lead' ? leadAction() : operatorAction();
      if (input !== null) {
        const { opId } = engine.submit(input);
        say({
          kind: 'submitted',
          opId,
          type: input.type,
          body: input.type === 'reply' || input.type === 'note' ? input.body : null,
        });
      }
    }
  } catch (error) {
    say({ kind: 'log', line: `action not taken: ${error instanceof Error ? error.message : String(error)}` });
  }
  timer = setTimeout(act, random.between(intervalMs * 0.5, intervalMs * 1.5));
}

function tamperCache(): void {
  // The kind of silent divergence the check exists to catch: one cached row differs. A view
  // row with no confirmed copy beside it is itself the confirmed row.
  engine.db
    .prepare(
      `UPDATE conversations SET data = json_set(data, '$.preview', 'tampered by the chaos test hook')
       WHERE id = (SELECT id FROM conversations WHERE id NOT IN (SELECT id FROM hub_conversations)
                   ORDER BY id LIMIT 1)`,
    )
    .run();
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const parsed = workerCommandSchema.safeParse(JSON.parse(line));
  if (!parsed.success) {
    say({ kind: 'log', line: `bad command: ${parsed.error.message}` });
    return;
  }
  const command = parsed.data;
  void (async (): Promise<void> => {
    switch (command.cmd) {
      case 'act':
        acting = command.on;
        intervalMs = command.intervalMs;
        if (acting && timer === null) timer = setTimeout(act, random.between(0, intervalMs));
        if (!acting && timer !== null) {
          clearTimeout(timer);
          timer = null;
        }
        say({ kind: 'done', id: command.id });
        return;
      case 'disconnect':
        await engine.disconnect();
        say({ kind: 'done', id: command.id });
        return;
      case 'reconnect':
        engine.reconnect();
        say({ kind: 'done', id: command.id });
        return;
      case 'status': {
        const state = engine.connectionState();
        const outbox = (engine.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
        say({
          kind: 'status',
          id: command.id,
          status: {
            link: state.status,
            signedIn: engine.sessionState().signedIn,
            lastSeq: state.lastSeq,
            outbox,
          },
        });
        return;
      }
      case 'hashes': {
        await engine.idle();
        if (command.tamper) tamperCache();
        const token = getMeta(engine.db, 'token');
        if (token === null) throw new Error('not signed in');
        const { confirmed, view, leftovers, lastSeq } = engine.db
          .transaction(() => ({
            confirmed: stateHashes(engineConfirmedState(engine.db)),
            view: engineViewConversationsHash(engine.db),
            leftovers: engineLeftovers(engine.db),
            lastSeq: engine.connectionState().lastSeq,
          }))
          .immediate();
        say({ kind: 'hashes', id: command.id, token, lastSeq, confirmed, view, leftovers });
        return;
      }
      case 'close':
        acting = false;
        if (timer !== null) clearTimeout(timer);
        await engine.close();
        say({ kind: 'done', id: command.id });
        process.exit(0);
    }
  })().catch((error: unknown) => {
    say({ kind: 'failed', id: command.id, error: error instanceof Error ? error.message : String(error) });
  });
});

say({ kind: 'ready', consoleId: engine.consoleId });
void signInOnce();
