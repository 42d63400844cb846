import { randomUUID } from 'node:crypto';
import type { Operator } from '../shared/domain/entities';
import type {
  ConnectionState,
  ConversationDetail,
  ConversationList,
  ConversationListInput,
  QueueSummary,
} from '../shared/ipc/channels/desk';
import { conversationListInputSchema } from '../shared/ipc/channels/desk';
import type { SessionState, SignInInput } from '../shared/ipc/channels/session';
import type { EventName, EventPayload } from '../shared/ipc/events';
import type { Undelivered } from '../shared/ipc/undelivered';
import { DeskFailure } from '../shared/ipc/result';
import type { OperationAck, OperationInput } from '../shared/protocol/operations';
import type { Hello, Viewers } from '../shared/protocol/socket';
import { outcomeEvent, resetCache, submitAction } from './cache/actions';
import { lastSeqOf } from './cache/apply-batch';
import { targetsOf } from './cache/optimistic';
import type { ChangeSet } from './cache/records';
import { getViewConversation } from './db/conversations';
import { operatorNames, putOperator } from './db/directory';
import type { CacheDb } from './db/handle';
import { cacheOwnerOf, deleteMeta, getMeta, setMeta } from './db/meta';
import { createEmergencyWatch } from './emergency-watch';
import { startCheckpoints } from '../sqlite/checkpoints';
import { openCacheDb } from './db/open';
import { countQueued, countSetAside, type OutboxRow } from './db/outbox';
import { watchSetAside } from './outbox-set-aside';
import { markDelivered, undeliveredFor } from './db/undelivered';
import { conversationDetail, conversationPage, operatorsView, queueSummaries } from './read-models';
import { postLogin } from './session/login';
import { hubCaList } from './session/tls';
import { smoothOffset } from './sync/clock';
import { HubConnection, type LinkStatus } from './sync/connection';
import type { AckReport } from './sync/outbox-sender';
import { hubGet } from './session/hub-get';
import { emitSlaAlerts } from './sla-alerts';

export interface HubUrlPolicy {
  readonly url: string | null;
  readonly locked: boolean;
  readonly reason: string | null;
}

export interface ConsoleEngineOptions {
  readonly dataDir: string;
  readonly emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  readonly hubUrlPolicy?: HubUrlPolicy;
  /** The force's own CA, trusted (with the system roots) for the hub connection only. */
  readonly extraCaFile?: string | null;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  /**
   * Where the cache's checkpoints run: a worker thread (the default, as in the app) or this
   * thread. A process hosting many engines (the bench) keeps them here, one thread for all.
   */
  readonly checkpointThread?: 'worker' | 'main';
  /** Tuning for tests: smaller pages and shorter ack timeouts. */
  readonly sync?: {
    readonly pullLimit?: number;
    readonly snapshotLimit?: number;
    readonly ackTimeoutMs?: number;
  };
}

export interface ConsoleEngine {
  readonly consoleId: string;
  /** Hub time now: the local clock corrected by the measured offset. */
  hubNow(): number;
  sessionState(): SessionState;
  signIn(input: SignInInput): Promise<SessionState>;
  signOut(): SessionState;
  connectionState(): ConnectionState;
  listQueues(): QueueSummary[];
  listOperators(): Operator[];
  listConversations(input: ConversationListInput): ConversationList;
  getConversation(id: string): ConversationDetail;
  /** Presence for the desk; opening a confidential conversation is queued for the audit. */
  viewConversation(id: string | null): void;
  /** Applies the action locally and queues it; never waits on the network. */
  submit(input: OperationInput): { opId: string };
  /**
   * Refusals and notices the signed-in operator has not been shown yet, oldest first. Each
   * is also raised as an event when it happens; this is how a window that was not listening
   * then (start-up, a reload) still hears of it.
   */
  undelivered(): Undelivered[];
  /** The window showed these to the operator: they are not offered again. */
  markShown(keys: readonly string[]): void;
  /** Drops the hub link as if the network went (the outbox keeps filling); for tests and drills. */
  disconnect(): Promise<void>;
  /** Re-opens the hub link with the stored session, if there is one. */
  reconnect(): void;
  /** Resolves when sync work queued so far has been applied. */
  idle(): Promise<void>;
  /** GETs a hub path with the session token (reports the hub computes); throws when signed out. */
  hubGet(path: string): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
  /** The cache handle, for read-only inspection in tests and diagnostics. */
  readonly db: CacheDb;
}

const sameUrl = (a: string, b: string): boolean => {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
};

/** At most this many undelivered events go to a window at once (the newest); the toasts show fewer. */
const UNDELIVERED_OFFERED = 50;

/** How far the hub clock offset may drift from the stored one before it is stored again. */
const STORED_OFFSET_STEP_MS = 250;
/** How stale the stored "last synced" time may be while batches keep arriving. */
const STORED_SYNC_STEP_MS = 5_000;

export function createConsoleEngine(engineOptions: ConsoleEngineOptions): ConsoleEngine {
  // Anything that changes the cache or the session may start or stop the emergency alert.
  let emergencyWatch: { check(): void } | null = null;
  // One synced batch raises data.changed and sync.state several times over (its changes,
  // the new sequence, the sync time). The link state and the emergency alert are each
  // worked out once, when that burst is over: every working-out reads the cache, and doing
  // it after every event cost nine reads per batch where four will do.
  const burst = { scheduled: false, state: false, emergency: false };
  const afterBurst = (): void => {
    burst.scheduled = false;
    if (burst.state) {
      burst.state = false;
      publishStateNow(); // may raise sync.state, which asks for the emergency check below
    }
    if (burst.emergency) {
      burst.emergency = false;
      emergencyWatch?.check();
    }
  };
  const whenBurstEnds = (what: 'state' | 'emergency'): void => {
    burst[what] = true;
    if (burst.scheduled) return;
    burst.scheduled = true;
    queueMicrotask(afterBurst);
  };
  const options: ConsoleEngineOptions = {
    ...engineOptions,
    emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
      engineOptions.emit(event, payload);
      if (event === 'data.changed' || event === 'sync.state') whenBurstEnds('emergency');
    },
  };
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const policy: HubUrlPolicy = options.hubUrlPolicy ?? { url: null, locked: false, reason: null };
  // A broken CA setting must not stop the console opening: sign-in then explains it.
  let ca: string[] | undefined;
  let caProblem: string | null = null;
  try {
    ca = hubCaList(options.extraCaFile);
  } catch (error) {
    caProblem = error instanceof Error ? error.message : String(error);
    log(`[tls] ${caProblem}`);
  }
  const db = openCacheDb(options.dataDir);
  const checkpoints = startCheckpoints(db, { log, thread: options.checkpointThread });

  const consoleId = getMeta(db, 'consoleId') ?? randomUUID();
  if (getMeta(db, 'consoleId') === null) setMeta(db, 'consoleId', consoleId);

  let clockOffset: number | null = getMeta(db, 'clockOffsetMs');
  let connection: HubConnection | null = null;
  let link: LinkStatus | 'signed-out' = 'signed-out';
  let since: number | null = null;
  let lastSyncAt: number | null = getMeta(db, 'lastSyncAt');
  let storedSyncAt = lastSyncAt;
  let lastState = '';
  let closed = false;
  const viewers = new Map<string, string[]>();

  const hubNow = (): number => Math.round(now() + (clockOffset ?? 0));

  // Read after every synced batch, but it only changes where the session is written below
  // (each of which forgets it): reading and parsing it from disk each time was wasted work.
  let signedIn: { readonly operator: Operator | null } | null = null;
  const signedInOperator = (): Operator | null => {
    signedIn ??= { operator: getMeta(db, 'token') === null ? null : getMeta(db, 'operator') };
    return signedIn.operator;
  };
  const forgetSignedIn = (): void => {
    signedIn = null;
  };
  emergencyWatch = createEmergencyWatch(db, signedInOperator, (state) => {
    engineOptions.emit('emergency.alert', state);
  });

  const currentHubUrl = (): string | null =>
    policy.locked && policy.url !== null ? policy.url : (getMeta(db, 'hubUrl') ?? policy.url);

  const connectionState = (): ConnectionState => {
    const me = signedInOperator();
    return {
      status: link,
      since,
      pendingActions: me === null ? 0 : countQueued(db, me.id),
      setAsideActions: me === null ? 0 : countSetAside(db, me.id),
      lastSyncAt,
      clockOffsetMs: Math.round(clockOffset ?? 0),
      lastSeq: lastSeqOf(db),
    };
  };

  const publishStateNow = (): void => {
    if (closed) return;
    const state = connectionState();
    const key = JSON.stringify(state);
    if (key === lastState) return;
    lastState = key;
    options.emit('sync.state', state);
  };
  /** Tells the window the link state once the current burst of work is over. */
  const publishState = (): void => {
    whenBurstEnds('state');
  };

  // When the link was last lost: "offline since" survives the reconnect attempts in between.
  let lostAt: number | null = null;
  const setLink = (status: LinkStatus | 'signed-out'): void => {
    if (status !== link) {
      const at = hubNow();
      if (status === 'online' || status === 'signed-out') lostAt = null;
      else if (lostAt === null && link !== 'signed-out') lostAt = at;
      since = status === 'offline' ? (lostAt ?? at) : at;
      link = status;
    }
    publishState();
  };

  // The offset is kept for the next start (offline, the clocks still need the hub's time);
  // writing every jitter of a millisecond cost a commit per live batch.
  let storedOffset = clockOffset;
  const onHubTime = (hubTime: number, localAt: number): void => {
    clockOffset = smoothOffset(clockOffset, hubTime - localAt);
    const rounded = Math.round(clockOffset);
    if (storedOffset === null || Math.abs(rounded - storedOffset) >= STORED_OFFSET_STEP_MS) {
      setMeta(db, 'clockOffsetMs', rounded);
      storedOffset = rounded;
    }
  };

  const emitChanges = (changes: ChangeSet): void => {
    options.emit('data.changed', { conversationIds: [...changes.conversationIds], lists: changes.lists });
    const me = signedInOperator();
    for (const notice of changes.notices) {
      if (me !== null && notice.operatorId === me.id) options.emit('notice', notice);
    }
    emitSlaAlerts(changes.slaAlerts, me, hubNow(), options.emit);
    publishState();
  };

  // A replayed outbox hears back many answers at once: one view refresh and one state
  // update for the run, not one per answer.
  const onAcks = (acks: readonly AckReport[]): void => {
    const changed = new Set<string>();
    let settledAny = false;
    for (const { row, ack, outcome } of acks) {
      if (outcome.kind === 'unknown') continue;
      emitOutcome(row, ack);
      if (outcome.kind === 'rejected' || outcome.settled) {
        settledAny = true;
        for (const id of targetsOf(row.op)) changed.add(id);
      }
    }
    if (settledAny) options.emit('data.changed', { conversationIds: [...changed], lists: true });
    publishState();
  };

  // Before anything reads the outbox (a stored session connects at once, below).
  watchSetAside({
    db,
    signedInOperator,
    hubNow,
    isClosed: () => closed,
    log,
    notify: (notice) => {
      options.emit('notice', notice);
    },
    changed: (conversationIds) => {
      options.emit('data.changed', { conversationIds: [...conversationIds], lists: true });
      publishState();
    },
  });

  function emitOutcome(row: OutboxRow, ack: OperationAck): void {
    // An audited opening is bookkeeping, not something the operator did to the work.
    if (row.op.type === 'open' && ack.outcome === 'accepted' && ack.notice === undefined) return;
    options.emit('action.outcome', outcomeEvent(row.op, ack));
  }

  const onViewers = (v: Viewers): void => {
    viewers.set(v.conversationId, v.operatorIds);
    const me = signedInOperator();
    const names = operatorNames(db);
    options.emit('presence.viewers', {
      conversationId: v.conversationId,
      names: v.operatorIds.filter((id) => id !== me?.id).map((id) => names.get(id) ?? id),
    });
  };

  let viewingId: string | null = null;
  const onHello = (hello: Hello): void => {
    setMeta(db, 'operator', hello.operator);
    forgetSignedIn();
    putOperator(db, hello.operator);
    // A new connection starts with no presence at the hub: say again what is open here.
    if (viewingId !== null) connection?.viewing(viewingId);
  };

  const stopConnection = async (): Promise<void> => {
    const current = connection;
    connection = null;
    viewers.clear();
    if (current) await current.close();
  };

  const startConnection = (): void => {
    const token = getMeta(db, 'token');
    const operator = getMeta(db, 'operator');
    const hubUrl = currentHubUrl();
    if (closed || token === null || operator === null || hubUrl === null) return;
    const created: HubConnection = new HubConnection({
      db,
      hubUrl,
      token,
      consoleId,
      operatorId: operator.id,
      ca,
      log,
      now,
      pullLimit: options.sync?.pullLimit,
      snapshotLimit: options.sync?.snapshotLimit,
      ackTimeoutMs: options.sync?.ackTimeoutMs,
      onStatus: (status) => {
        if (connection === created) setLink(status);
      },
      onHello,
      onHubTime,
      onSynced: () => {
        const at = hubNow();
        // Kept for an offline start ("last synced ..."); to the nearest few seconds is plenty,
        // and storing it after every batch cost a commit per batch.
        if (storedSyncAt === null || at - storedSyncAt >= STORED_SYNC_STEP_MS) {
          setMeta(db, 'lastSyncAt', at);
          storedSyncAt = at;
        }
        lastSyncAt = at;
        publishState();
      },
      onChanges: emitChanges,
      onSettled: () => {
        publishState();
      },
      onAcks,
      onViewers,
      onAuthRejected: (message) => {
        log(`[session] the hub refused the stored session: ${message}`);
        deleteMeta(db, 'token');
        deleteMeta(db, 'tokenExpiresAt');
        forgetSignedIn();
        void stopConnection().then(() => {
          setLink('signed-out');
        });
      },
    });
    connection = created;
    created.start();
  };

  const sessionState = (): SessionState => {
    const operator = signedInOperator();
    return {
      hubUrl: currentHubUrl(),
      hubUrlLocked: policy.locked,
      hubUrlLockReason: policy.locked ? policy.reason : null,
      signedIn: operator !== null,
      operator,
    };
  };

  const requireOperator = (): Operator => {
    const operator = signedInOperator();
    if (operator === null) throw new DeskFailure('not-signed-in', 'Sign in to the hub first.');
    return operator;
  };

  const submit = (input: OperationInput): { opId: string } => {
    const operator = requireOperator();
    for (const id of targetsOf(input)) {
      if (getViewConversation(db, id) === null) {
        throw new DeskFailure('not-found', `Conversation ${id} is not in this console's cache.`);
      }
    }
    const op = submitAction(db, input, { consoleId, operatorId: operator.id, hubNow: hubNow() });
    const targets = targetsOf(op);
    if (targets.length > 0) options.emit('data.changed', { conversationIds: targets, lists: true });
    // Status, roster, capacity and queue switches show at once on the lists and the board.
    else options.emit('data.changed', { conversationIds: [], lists: true });
    publishState();
    connection?.kick();
    return { opId: op.opId };
  };

  // A stored, unexpired session reconnects by itself at start.
  {
    const expiresAt = getMeta(db, 'tokenExpiresAt');
    const storedUrl = getMeta(db, 'hubUrl');
    const urlAllowed =
      !policy.locked || policy.url === null || (storedUrl !== null && sameUrl(storedUrl, policy.url));
    if (getMeta(db, 'token') !== null && expiresAt !== null && expiresAt > hubNow() && urlAllowed) {
      startConnection();
    } else if (getMeta(db, 'token') !== null) {
      deleteMeta(db, 'token');
      deleteMeta(db, 'tokenExpiresAt');
      forgetSignedIn();
    }
  }

  return {
    consoleId,
    db,
    hubNow,
    sessionState,
    connectionState,

    async signIn(input) {
      if (closed) throw new DeskFailure('internal', 'The console engine is shut down.');
      let hubUrl = input.hubUrl;
      if (policy.locked && policy.url !== null) {
        if (!sameUrl(hubUrl, policy.url)) {
          throw new DeskFailure(
            'setting-locked',
            `The hub address is set by your organisation (${policy.url})${policy.reason ? `: ${policy.reason}` : ''}.`,
          );
        }
        hubUrl = policy.url;
      }
      const answer = await postLogin({ hubUrl, ca }, { name: input.name, password: input.password }).catch(
        (error: unknown) => {
          if (error instanceof DeskFailure && error.code === 'untrusted-certificate' && caProblem !== null) {
            throw new DeskFailure(error.code, `${error.message} (${caProblem})`);
          }
          throw error;
        },
      );
      if (!answer.ok) {
        if (answer.error === 'bad-credentials') throw new DeskFailure('bad-credentials', answer.message);
        if (answer.error === 'disabled') throw new DeskFailure('disabled', answer.message);
        if (answer.error === 'locked') {
          const minutes = answer.retryAfterMs === undefined ? null : Math.ceil(answer.retryAfterMs / 60_000);
          throw new DeskFailure(
            'locked',
            minutes === null ? answer.message : `${answer.message} Try again in ${String(minutes)} min.`,
          );
        }
        throw new DeskFailure('invalid', answer.message);
      }
      onHubTime(answer.hubTime, now());
      await stopConnection();
      const owner = getMeta(db, 'cacheOwner');
      const wanted = cacheOwnerOf(hubUrl, answer.operator);
      if (
        owner === null ||
        !sameUrl(owner.hubUrl, hubUrl) ||
        owner.operatorId !== wanted.operatorId ||
        owner.rights !== wanted.rights
      ) {
        // Never show one operator's cached work (confidential included) to another, nor keep
        // what someone could read before their clearance was taken away.
        resetCache(db);
        viewers.clear();
        setMeta(db, 'cacheOwner', wanted);
        options.emit('data.changed', { conversationIds: [], lists: true });
      }
      db.transaction(() => {
        setMeta(db, 'hubUrl', hubUrl);
        setMeta(db, 'token', answer.token);
        setMeta(db, 'tokenExpiresAt', answer.expiresAt);
        setMeta(db, 'operator', answer.operator);
        forgetSignedIn();
        putOperator(db, answer.operator);
      })();
      startConnection();
      return sessionState();
    },

    signOut() {
      // Whoever signs in next has opened nothing yet: the hub must not hear that they view
      // the conversation the last operator had open.
      viewingId = null;
      void stopConnection();
      deleteMeta(db, 'token');
      deleteMeta(db, 'tokenExpiresAt');
      forgetSignedIn();
      setLink('signed-out');
      return sessionState();
    },

    listQueues: () => queueSummaries(db, hubNow()),
    listOperators: () => operatorsView(db, signedInOperator()?.id ?? null),
    listConversations(input) {
      const query = conversationListInputSchema.parse(input);
      return conversationPage(db, { ...query, operatorId: signedInOperator()?.id ?? null });
    },
    getConversation(id) {
      const me = signedInOperator()?.id ?? null;
      return conversationDetail(db, id, me, viewers.get(id) ?? []);
    },
    viewConversation(id) {
      // Recorded even when signed out: the window closing a conversation after sign-out
      // must not leave it to be announced for the next operator.
      viewingId = id;
      const operator = signedInOperator();
      if (operator === null) return;
      connection?.viewing(id);
      if (id === null) return;
      const row = getViewConversation(db, id);
      if (row?.conversation.confidential) submit({ type: 'open', conversationId: id });
    },
    submit,
    undelivered() {
      const me = signedInOperator();
      return me === null ? [] : undeliveredFor(db, me.id, UNDELIVERED_OFFERED);
    },
    markShown(keys) {
      const me = signedInOperator();
      if (me !== null) markDelivered(db, me.id, keys);
    },

    async disconnect() {
      await stopConnection();
      setLink('offline');
    },
    reconnect() {
      if (connection === null) startConnection();
    },
    async idle() {
      await connection?.idle();
    },
    async hubGet(path) {
      const token = getMeta(db, 'token');
      const hubUrl = currentHubUrl();
      if (token === null || hubUrl === null)
        throw new DeskFailure('not-signed-in', 'Sign in to the hub first.');
      return hubGet({ hubUrl, ca, token }, path);
    },
    async close() {
      if (closed) return;
      // Before the await: a reconnect or a sign-in finishing meanwhile must not open a link
      // that nobody closes, whose callbacks would then use the closed database.
      closed = true;
      await stopConnection();
      // The worker's connection closes first, so this one is the last and folds the log in.
      await checkpoints.stop();
      try {
        if (lastSyncAt !== null && lastSyncAt !== storedSyncAt) setMeta(db, 'lastSyncAt', lastSyncAt);
        db.pragma('optimize');
      } finally {
        db.close();
      }
    },
  };
}
