import { useTranslation } from 'react-i18next';
import { mayWorkConversation } from '../../../shared/domain/clearance';
import type { Operator } from '../../../shared/domain/entities';
import type { ConversationDetail } from '../../../shared/ipc/channels/desk';
import type { OperationInput } from '../../../shared/protocol/operations';
import { reasonInWelsh } from '../../../shared/triage/reasons-cy';
import { formatDateTime } from '../format/time';
import { Badges } from './Badges';
import { contactLabel } from './contact-label';
import { Composer, type ComposerMode } from './Composer';
import { DueCountdown } from './DueCountdown';
import { CommentModeration } from '../views/moderation/CommentModeration';
import { ConfidentialNotice } from '../views/moderation/ConfidentialNotice';
import { MoveTo } from '../views/leads/MoveTo';

export type PaneAction = 'claim' | 'release' | 'resolve' | 'reopen' | 'mark-waiting';

/**
 * Which actions make sense for this operator on this conversation right now. Without
 * clearance a confidential one can only be released (it may have turned confidential
 * while they held it); the hub refuses the rest.
 */
export function availableActions(detail: ConversationDetail, me: Operator): Set<PaneAction> {
  const c = detail.conversation;
  const mine = c.assigneeId === me.id;
  const free = c.assigneeId === null;
  const actions = new Set<PaneAction>();
  if (!mayWorkConversation(me, c)) {
    if (mine) actions.add('release');
    return actions;
  }
  if (c.status === 'resolved') {
    actions.add('reopen');
    return actions;
  }
  if (free) actions.add('claim');
  if (mine) actions.add('release');
  if (mine || free) {
    actions.add('resolve');
    if (c.status === 'open') actions.add('mark-waiting');
  }
  if (c.status === 'waiting-on-public' && (mine || free)) actions.add('reopen');
  return actions;
}

const ACTION_LABEL: Record<PaneAction, 'claim' | 'release' | 'resolve' | 'reopen' | 'markWaiting'> = {
  claim: 'claim',
  release: 'release',
  resolve: 'resolve',
  reopen: 'reopen',
  'mark-waiting': 'markWaiting',
};

export function ConversationPane({
  detail,
  missing,
  me,
  hubNow,
  composerMode,
  onComposerMode,
  composerFocus,
  drafts,
  onAction,
  onSubmitText,
}: {
  detail: ConversationDetail | null;
  missing: boolean;
  me: Operator;
  hubNow: number;
  composerMode: ComposerMode;
  onComposerMode: (mode: ComposerMode) => void;
  composerFocus: number;
  /** Unsent composer text by conversation id. */
  drafts: Map<string, string>;
  onAction: (input: OperationInput) => void;
  onSubmitText: (mode: ComposerMode, body: string) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  if (missing) {
    return (
      <section className="pane pane-empty" aria-label={t('conversation.thread')}>
        <p>{t('conversation.notFound')}</p>
      </section>
    );
  }
  if (!detail) {
    return (
      <section className="pane pane-empty" aria-label={t('conversation.thread')}>
        <p>{t('conversation.none')}</p>
      </section>
    );
  }
  const c = detail.conversation;
  const contactName = contactLabel(
    t,
    detail.contact?.displayName,
    c.platform,
    detail.contact?.platformUserId,
    detail.contact?.redacted === true,
  );
  const actions = availableActions(detail, me);
  const cleared = mayWorkConversation(me, c);
  const canReply = cleared && c.status !== 'resolved' && (c.assigneeId === me.id || c.assigneeId === null);
  const owner =
    c.assigneeId === null
      ? t('conversation.unassigned')
      : t('conversation.assignedTo', {
          name: c.assigneeId === me.id ? t('conversation.you') : (detail.assigneeName ?? '?'),
        });

  return (
    <section className="pane" aria-labelledby="pane-title" data-testid="conversation-pane">
      <header className="pane-head">
        <div>
          <h2 id="pane-title">{t('conversation.from', { name: contactName })}</h2>
          <Badges conversation={c} />
          <p className="pane-meta">
            <span data-testid="pane-owner">{owner}</span>
            <span className="badge">{t(`badges.status.${c.status}`)}</span>
            <DueCountdown conversation={c} hubNow={hubNow} />
          </p>
          {detail.viewers.length > 0 && (
            <p className="viewers" data-testid="viewers">
              {t('conversation.viewers', { names: detail.viewers.join(', ') })}
            </p>
          )}
        </div>
        <div className="pane-actions" role="toolbar" aria-label={t('conversation.actions')}>
          {(['claim', 'release', 'mark-waiting', 'resolve', 'reopen'] as const).map((action) => (
            <button
              key={action}
              type="button"
              data-testid={`action-${action}`}
              disabled={!actions.has(action)}
              onClick={() => {
                onAction({ type: action, conversationId: c.id });
              }}
            >
              {t(`conversation.${ACTION_LABEL[action]}`)}
            </button>
          ))}
        </div>
        <MoveTo conversation={c} me={me} />
      </header>
      <ConfidentialNotice conversation={c} me={me} />
      {c.kind === 'comment' && cleared && <CommentModeration conversationId={c.id} me={me} />}
      {c.triageReasons.length > 0 && (
        <details className="triage">
          <summary>{t('conversation.triage')}</summary>
          <ul>
            {c.triageReasons.map((reason) => (
              <li key={reason}>{i18n.language === 'cy' ? reasonInWelsh(reason) : reason}</li>
            ))}
          </ul>
        </details>
      )}
      <ol className="thread" aria-label={t('conversation.thread')} data-testid="thread">
        {detail.messages.map((m) => (
          <li
            key={m.id}
            className={`msg msg-${m.direction}${m.pending ? ' msg-pending' : ''}`}
            data-testid={`message-${m.direction}`}
          >
            <div className="msg-head">
              <span>
                {m.direction === 'note'
                  ? `${t('conversation.note')} · ${m.authorName ?? ''}`
                  : m.direction === 'outbound'
                    ? (m.authorName ?? '')
                    : contactName}
              </span>
              <time dateTime={new Date(m.createdAt).toISOString()}>
                {formatDateTime(m.createdAt, i18n.language)}
              </time>
            </div>
            {m.redacted ? (
              <p className="redacted">{t('conversation.redacted')}</p>
            ) : (
              <p className="msg-body" lang={m.direction === 'note' ? undefined : c.language}>
                {m.body}
              </p>
            )}
            {m.pending && <span className="pending">{t('conversation.pending')}</span>}
          </li>
        ))}
      </ol>
      <Composer
        key={c.id}
        conversation={c}
        mode={composerMode}
        onMode={onComposerMode}
        canReply={canReply}
        replyHint={
          !cleared
            ? t('confidential.replyNotCleared')
            : c.status === 'resolved'
              ? t('conversation.reopenToReply')
              : canReply
                ? null
                : t('conversation.heldByOther', { name: detail.assigneeName ?? '?' })
        }
        focusToken={composerFocus}
        drafts={drafts}
        onSubmit={onSubmitText}
      />
      <section className="earlier" aria-labelledby="earlier-title">
        <h3 id="earlier-title">{t('conversation.earlier')}</h3>
        {detail.earlier.length === 0 ? (
          <p className="muted">{t('conversation.noEarlier')}</p>
        ) : (
          <ul>
            {detail.earlier.map((e) => (
              <li key={e.id}>
                {formatDateTime(e.firstInboundAt, i18n.language)} · {t(`badges.category.${e.category}`)} ·{' '}
                {t(`badges.status.${e.status}`)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
