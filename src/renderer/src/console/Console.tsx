import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../shared/domain/entities';
import type { ConversationFilter, ConversationRow } from '../../../shared/ipc/channels/desk';
import type { SessionState } from '../../../shared/ipc/channels/session';
import type { OperationInput } from '../../../shared/protocol/operations';
import { useDesk } from '../context';
import { useConnection } from '../hooks/useConnection';
import { useConversationDetail } from '../hooks/useConversationDetail';
import { useConversationPages } from '../hooks/useConversationPages';
import { useDeskEvent } from '../hooks/useDeskEvent';
import { useHubNow } from '../hooks/useHubNow';
import { useQueues } from '../hooks/useQueues';
import { useUndelivered } from '../hooks/useUndelivered';
import { setUiLanguage } from '../i18n';
import { queueName } from '../views/sla/queue-name';
import { notify } from '../notify';
import { applyTheme, type Theme } from '../theme';
import { type ComposerMode } from './Composer';
import { ConversationList } from './ConversationList';
import { availableActions, ConversationPane } from './ConversationPane';
import { Filters, type FilterState } from './Filters';
import { QueueRail, type View } from './QueueRail';
import { isTypingTarget, shortcutFor } from './shortcuts';
import { ShortcutsDialog } from './ShortcutsDialog';
import { StatusBar } from './StatusBar';
import { Toasts, type Toast } from './Toasts';
import { TopBar } from './TopBar';
import { VIEWS } from '../views/registry';
import { DeskAlertBanner } from '../views/broadcasts/DeskAlertBanner';
import { EmergencyAlert } from '../views/moderation/EmergencyAlert';
import { ViewTabs } from './ViewTabs';
import { useErrorText } from '../hooks/useErrorText';

function filterFor(view: View, filters: FilterState): ConversationFilter {
  const filter: ConversationFilter = {
    ...(filters.platform ? { platform: filters.platform } : {}),
    ...(filters.language ? { language: filters.language } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.priority ? { priority: filters.priority } : {}),
    ...(filters.search.trim() ? { search: filters.search.trim() } : {}),
  };
  if (view.kind === 'mine') filter.mine = true;
  if (view.kind === 'unassigned') filter.unassigned = true;
  if (view.kind === 'queue') filter.queueId = view.queueId;
  return filter;
}

export function Console({
  session,
  theme,
  onTheme,
  onSignedOut,
}: {
  session: SessionState & { operator: Operator };
  theme: Theme;
  onTheme: (theme: Theme) => void;
  /** `ended`: the hub ended the session; the operator did not sign out. */
  onSignedOut: (state: SessionState, how?: 'ended') => void;
}) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const errorText = useErrorText();
  const [me, setMe] = useState<Operator>(session.operator);
  const { connection, shellLost } = useConnection();
  const hubNow = useHubNow(connection.clockOffsetMs);
  const queues = useQueues();
  const [view, setView] = useState<View>({ kind: 'all' });
  const [filters, setFilters] = useState<FilterState>({ search: '', sort: 'due' });
  const query = useMemo(() => ({ filter: filterFor(view, filters), sort: filters.sort }), [view, filters]);
  const pages = useConversationPages(query);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const { detail, missing, reload } = useConversationDetail(selectedId);
  const [composerMode, setComposerMode] = useState<ComposerMode>('reply');
  const [composerFocus, setComposerFocus] = useState(0);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const [toasts, setToasts] = useState<Toast[]>([]);
  // Half-written replies and notes, by conversation: opening another conversation, or
  // another tab, and coming back finds the text as it was left. Held by this signed-in
  // console only, so the next operator to sign in here never sees them.
  const [drafts] = useState(() => new Map<string, string>());
  const searchBox = useRef<HTMLInputElement>(null);
  const [activeView, setActiveView] = useState('conversations');
  const views = VIEWS.filter((v) => v.roles.includes(me.role));
  const ExtraView = views.find((v) => v.id === activeView)?.component ?? null;
  const openConversation = useCallback((conversationId: string) => {
    setActiveView('conversations');
    setSelectedId(conversationId);
  }, []);

  const toast = useCallback((kind: Toast['kind'], text: Toast['text']) => {
    setToasts((list) => [...list.slice(-4), { id: crypto.randomUUID(), kind, text }]);
  }, []);

  // Keep "me" current: status changes and skills arrive through the cache.
  useEffect(() => {
    const refresh = () => {
      void desk.operators.list().then((result) => {
        if (!result.ok) return;
        const mine = result.value.find((o) => o.id === session.operator.id);
        if (mine) setMe(mine);
      });
    };
    refresh();
    return desk.on('data.changed', (change) => {
      if (change.lists) refresh();
    });
  }, [desk, session.operator.id]);

  useUndelivered({
    refused: (outcome) => {
      // The hub explains in English; a Welsh interface leads with the gist in Welsh.
      toast('error', () => {
        const action = i18n.t(`actionNames.${outcome.type}` as 'actionNames.claim', {
          defaultValue: outcome.type,
        });
        const reason =
          i18n.language === 'cy' && outcome.code
            ? `${i18n.t(`outcome.codes.${outcome.code}`)} ${i18n.t('outcome.hubSays', { reason: outcome.reason ?? '' })}`
            : (outcome.reason ?? '');
        return i18n.t('outcome.rejected', { action, reason });
      });
    },
    // An accepted action's `notice` (a reply kept as a note, work returned on going off
    // shift) also reaches the operator as notices, which are translated: toasting it as an
    // outcome too showed it twice, once always in English.
    notice: (notice, live) => {
      const text = (): string =>
        i18n.language === 'cy' && notice.kind !== 'info' ? i18n.t(`notices.${notice.kind}`) : notice.text;
      // An action of theirs that was never sent is a fault to report, not news.
      toast(notice.kind === 'outbox-set-aside' ? 'error' : 'info', text);
      // Work given to or taken from the operator matters even with the console behind others;
      // those kept from before this window opened are toasts only, not a burst of notifications.
      if (!live) return;
      if (notice.kind === 'assigned-to-you') notify(desk, t('notify.assignedTitle'), text());
      if (notice.kind === 'moved-from-you') notify(desk, t('notify.movedTitle'), text());
    },
  });
  // A breach on your own work, or anywhere for leads (the engine decides who hears it).
  useDeskEvent('sla.alert', (alert) => {
    const text = (): string =>
      i18n.t(alert.mine ? 'sla.alert.mine' : 'sla.alert.desk', {
        queue: queueName(queues, alert.queueId, i18n.language),
        clock: i18n.t(`sla.clock.${alert.clock}`),
      });
    toast('error', text);
    notify(desk, t('sla.alert.title'), text());
  });

  const submit = useCallback(
    async (input: OperationInput): Promise<boolean> => {
      const result = await desk.actions.submit(input);
      if (!result.ok) {
        const { error } = result;
        toast('error', () => errorText(error));
        return false;
      }
      reload();
      return true;
    },
    [desk, reload, toast, errorText],
  );

  const select = useCallback((row: ConversationRow, index: number) => {
    setSelectedId(row.conversation.id);
    setFocusIndex(index);
  }, []);

  const move = useCallback(
    (delta: number) => {
      if (pages.total === 0) return;
      const current = selectedId === null ? -1 : pages.indexOf(selectedId);
      const next = Math.min(pages.total - 1, Math.max(0, current + delta));
      const row = pages.rowAt(next);
      if (row) select(row, next);
      else setFocusIndex(next);
    },
    [pages, selectedId, select],
  );

  const toggleLanguage = useCallback(() => {
    void setUiLanguage(i18n.language === 'cy' ? 'en' : 'cy');
  }, [i18n]);
  const toggleTheme = useCallback(() => {
    const next = theme === 'dark' ? 'light' : 'dark';
    applyTheme(next);
    onTheme(next);
  }, [theme, onTheme]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (showShortcuts) return;
      const action = shortcutFor(event, isTypingTarget(event.target), activeView === 'conversations');
      if (!action) return;
      const actions = detail ? availableActions(detail, me) : new Set<string>();
      const onConversation = (type: 'claim' | 'release' | 'resolve' | 'reopen' | 'mark-waiting') => {
        if (detail && actions.has(type)) void submit({ type, conversationId: detail.conversation.id });
      };
      event.preventDefault();
      switch (action) {
        case 'next':
          move(1);
          break;
        case 'previous':
          move(-1);
          break;
        case 'claim':
          onConversation('claim');
          break;
        case 'release':
          onConversation('release');
          break;
        case 'resolve':
          onConversation('resolve');
          break;
        case 'reopen':
          onConversation('reopen');
          break;
        case 'waiting':
          onConversation('mark-waiting');
          break;
        case 'reply':
          setComposerMode('reply');
          setComposerFocus((n) => n + 1);
          break;
        case 'note':
          setComposerMode('note');
          setComposerFocus((n) => n + 1);
          break;
        case 'search':
          searchBox.current?.focus();
          break;
        case 'mine':
          setView({ kind: 'mine' });
          break;
        case 'all':
          setView({ kind: 'all' });
          break;
        case 'language':
          toggleLanguage();
          break;
        case 'theme':
          toggleTheme();
          break;
        case 'help':
          setShowShortcuts(true);
          break;
        case 'send':
          // The composer handles Ctrl+Enter itself while it has focus.
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [detail, me, move, submit, toggleLanguage, toggleTheme, showShortcuts, activeView]);

  const signingOut = useRef(false);
  const signOut = async () => {
    signingOut.current = true;
    const result = await desk.session.signOut();
    if (result.ok) onSignedOut(result.value);
    else {
      signingOut.current = false;
      const { error } = result;
      toast('error', () => errorText(error));
    }
  };

  // The hub ended the session (it ran out, or an administrator disabled the account,
  // changed its rights or signed it out): back to sign-in, saying so, rather than a desk
  // that looks usable while nothing it does can reach the hub. The operator's own sign-out
  // passes through 'signed-out' too, and is not reported as ended.
  useEffect(() => {
    if (connection.status !== 'signed-out' || signingOut.current) return;
    void desk.session.getState().then((result) => {
      if (!signingOut.current && result.ok && !result.value.signedIn) onSignedOut(result.value, 'ended');
    });
  }, [connection.status, desk, onSignedOut]);

  return (
    <div className="console">
      <TopBar
        me={me}
        theme={theme}
        onStatus={(status) => {
          void submit({ type: 'set-status', status });
        }}
        onToggleLanguage={toggleLanguage}
        onToggleTheme={toggleTheme}
        onShortcuts={() => {
          setShowShortcuts(true);
        }}
        onSignOut={() => {
          void signOut();
        }}
      />
      <EmergencyAlert
        openConversation={openConversation}
        me={me}
        onError={(text) => {
          toast('error', text);
        }}
      />
      <ViewTabs views={views} active={activeView} onSelect={setActiveView} />
      <DeskAlertBanner
        me={me}
        onError={(text) => {
          toast('error', text);
        }}
      />
      {ExtraView ? (
        <main className="view-area">
          <ExtraView me={me} hubNow={hubNow} openConversation={openConversation} />
        </main>
      ) : (
        <>
          <QueueRail queues={queues} view={view} onView={setView} />
          <main className="workspace">
            <Filters filters={filters} onChange={setFilters} searchRef={searchBox} />
            <div className="columns">
              <ConversationList
                pages={pages}
                selectedId={selectedId}
                focusIndex={focusIndex}
                hubNow={hubNow}
                myId={me.id}
                onSelect={select}
              />
              <ConversationPane
                detail={detail}
                missing={missing}
                me={me}
                hubNow={hubNow}
                composerMode={composerMode}
                onComposerMode={setComposerMode}
                composerFocus={composerFocus}
                drafts={drafts}
                onAction={(input) => {
                  void submit(input);
                }}
                onSubmitText={(mode, body) =>
                  detail
                    ? submit({ type: mode, conversationId: detail.conversation.id, body })
                    : Promise.resolve(false)
                }
              />
            </div>
          </main>
        </>
      )}
      <StatusBar connection={connection} shellLost={shellLost} />
      <Toasts
        toasts={toasts}
        onDismiss={(id) => {
          setToasts((list) => list.filter((x) => x.id !== id));
        }}
      />
      <ShortcutsDialog
        open={showShortcuts}
        onClose={() => {
          setShowShortcuts(false);
        }}
      />
    </div>
  );
}
