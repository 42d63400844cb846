import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cannedFor, cannedTitle } from '../../../../shared/canned/responses';
import type { Operator } from '../../../../shared/domain/entities';
import type { ModerationItem } from '../../../../shared/ipc/channels/moderation';
import {
  MODERATION_REASONS,
  moderationReasonSchema,
  type ModerationAction,
  type ModerationReason,
} from '../../../../shared/moderation/reasons';
import { useDesk } from '../../context';
import { isLead, mayWorkConversation } from '../../../../shared/domain/clearance';
import { characterLimit, countCharacters } from '../../../../shared/text/platform-limits';
import { personalDetailKinds, type PersonalDetailKind } from '../../../../shared/text/personal-details';
import { PersonalDetailsWarning, ReplyLength } from '../../console/reply-checks';
import { useErrorText } from '../../hooks/useErrorText';

/**
 * One public comment and everything that can be done to it, each action with a reason
 * from the posting guidelines. The hub decides and audits; this only asks.
 */
export function ModerationCard({
  item,
  me,
  onOpen,
  onError,
}: {
  item: ModerationItem;
  me: Operator;
  onOpen?: (conversationId: string) => void;
  onError: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const errorText = useErrorText();
  const ids = useId();
  const m = item.moderation;
  const platform = t(`badges.platform.${m.platform}`);
  const uiLanguage = i18n.language === 'cy' ? 'cy' : 'en';
  const [reason, setReason] = useState<ModerationReason>(m.suggestedReason ?? m.reason ?? 'abusive');
  const [replyOpen, setReplyOpen] = useState(false);
  const [reply, setReply] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [warning, setWarning] = useState<PersonalDetailKind[] | null>(null);
  const [sending, setSending] = useState(false);
  const deleted = m.state === 'deleted';
  // As the hub: a confidential comment is moderated only by staff cleared to read it.
  const cleared = mayWorkConversation(me, { confidential: item.confidential });
  const limit = characterLimit(m.platform, 'comment');
  const count = countCharacters(m.platform, 'comment', reply);
  const over = count - limit;

  /** True once the console has taken the action (it is then in the outbox). */
  const act = async (action: ModerationAction, body?: string): Promise<boolean> => {
    const result = await desk.actions.submit({
      type: 'moderate',
      conversationId: m.conversationId,
      messageId: m.id,
      action,
      reason,
      ...(body === undefined ? {} : { body }),
    });
    if (!result.ok) onError(errorText(result.error));
    return result.ok;
  };

  // A public reply, as from the composer: within the platform's length, and personal details
  // only once the operator has seen the warning. The text stays until the console takes it.
  const sendReply = async (confirmed: boolean): Promise<void> => {
    const body = reply.trim();
    if (body === '' || over > 0 || sending) return;
    if (!confirmed) {
      const kinds = personalDetailKinds(body);
      if (kinds.length > 0) {
        setWarning(kinds);
        return;
      }
    }
    setSending(true);
    const taken = await act('reply', body);
    setSending(false);
    if (!taken) return;
    setReply('');
    setWarning(null);
    setReplyOpen(false);
  };

  return (
    <article
      className={`mod-card mod-${m.state}`}
      aria-labelledby={`${ids}-title`}
      data-testid="moderation-item"
      data-state={m.state}
    >
      <header className="mod-head">
        <h3 id={`${ids}-title`}>
          {t('moderation.from', { name: item.contactName || t('moderation.someone') })}
        </h3>
        <span className="badges">
          <span className={`badge platform-${m.platform}`}>{platform}</span>
          <span className={`badge mod-state-${m.state}`} data-testid="moderation-state">
            {t(`moderation.state.${m.state}`)}
          </span>
          {m.autoHidden && <span className="badge">{t('moderation.autoHidden')}</span>}
          {m.review === 'pending' && <span className="badge mod-review">{t('moderation.review')}</span>}
          {m.review === 'done' && <span className="badge">{t('moderation.reviewed')}</span>}
          {item.blocked && <span className="badge mod-blocked">{t('moderation.blocked')}</span>}
          {item.confidential && <span className="badge confidential">{t('conversation.confidential')}</span>}
        </span>
      </header>
      {item.redacted ? (
        <p className="redacted">{t('moderation.redacted')}</p>
      ) : (
        <blockquote className="mod-body" lang={item.language}>
          {item.body}
        </blockquote>
      )}
      {m.flags.length > 0 && (
        <p className="mod-flags">
          <span className="visually-hidden">{t('moderation.flagsLabel')}: </span>
          {m.flags.map((f) => (
            <span key={f} className="badge mod-flag">
              {t(`moderation.flag.${f}`)}
            </span>
          ))}
        </p>
      )}
      <p className="mod-status muted">
        {m.lastAction !== null && m.reason !== null && (
          <span>
            {t('moderation.lastAction', {
              action: t(`moderation.action.${m.lastAction}`),
              reason: t(`moderation.reason.${m.reason}`),
            })}{' '}
          </span>
        )}
        {!item.hideable && <span data-testid="moderation-not-hideable">{t('moderation.xNoHide')} </span>}
        {item.pending ? (
          <span>{t('moderation.pending')}</span>
        ) : m.platformSync !== 'none' ? (
          <span data-testid="moderation-sync">
            {t(`moderation.sync.${m.platformSync}`, { platform, error: m.platformError ?? '' })}
          </span>
        ) : null}
      </p>
      {!cleared && (
        <p className="mod-status muted" data-testid="moderation-cleared-only">
          {t('moderation.clearedOnly')}
        </p>
      )}
      <div className="mod-controls">
        <label>
          {t('moderation.reasonLabel')}{' '}
          <select
            value={reason}
            data-testid="moderation-reason"
            onChange={(e) => {
              const parsed = moderationReasonSchema.safeParse(e.target.value);
              if (parsed.success) setReason(parsed.data);
            }}
          >
            {MODERATION_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`moderation.reason.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="mod-buttons" role="toolbar" aria-label={t('moderation.actionsLabel')}>
          {m.state === 'hidden' ? (
            <button
              type="button"
              data-testid="moderation-unhide"
              disabled={deleted || !cleared}
              onClick={() => void act('unhide')}
            >
              {t('moderation.action.unhide')}
            </button>
          ) : (
            <button
              type="button"
              data-testid="moderation-hide"
              disabled={deleted || !item.hideable || !cleared}
              title={item.hideable ? undefined : t('moderation.xNoHide')}
              onClick={() => void act('hide')}
            >
              {t('moderation.action.hide')}
            </button>
          )}
          {confirmDelete ? (
            <button
              type="button"
              className="danger"
              data-testid="moderation-delete-confirm"
              onClick={() => {
                setConfirmDelete(false);
                void act('delete');
              }}
            >
              {t('moderation.confirmDelete', { platform })}
            </button>
          ) : (
            <button
              type="button"
              data-testid="moderation-delete"
              disabled={deleted || m.platform === 'x' || !cleared}
              title={m.platform === 'x' ? t('moderation.xNoDelete') : undefined}
              onClick={() => {
                setConfirmDelete(true);
              }}
            >
              {t('moderation.action.delete')}
            </button>
          )}
          <button
            type="button"
            data-testid="moderation-reply"
            disabled={deleted || !cleared}
            aria-expanded={replyOpen}
            onClick={() => {
              setReplyOpen((open) => !open);
            }}
          >
            {t('moderation.action.reply')}
          </button>
          <button type="button" disabled={deleted || !cleared} onClick={() => void act('ask-private')}>
            {t('moderation.action.ask-private')}
          </button>
          <button
            type="button"
            data-testid="moderation-block"
            disabled={!isLead(me) || item.blocked || !cleared}
            title={isLead(me) ? undefined : t('moderation.leadsOnly')}
            onClick={() => void act('block')}
          >
            {t('moderation.action.block')}
          </button>
          {m.review === 'pending' && (
            <button
              type="button"
              data-testid="moderation-dismiss"
              disabled={!cleared}
              onClick={() => void act('dismiss')}
            >
              {t('moderation.action.dismiss')}
            </button>
          )}
          {onOpen && (
            <button
              type="button"
              onClick={() => {
                onOpen(m.conversationId);
              }}
            >
              {t('moderation.openConversation')}
            </button>
          )}
        </div>
      </div>
      {replyOpen && (
        <div className="mod-reply">
          {m.suggestedCanned !== null && (
            <button
              type="button"
              onClick={() => {
                if (m.suggestedCanned !== null) setReply(cannedFor(m.suggestedCanned, item.language));
              }}
            >
              {t('moderation.suggested', { title: cannedTitle(m.suggestedCanned, uiLanguage) })}
            </button>
          )}
          <label htmlFor={`${ids}-reply`}>{t('moderation.replyLabel')}</label>
          <textarea
            id={`${ids}-reply`}
            data-testid="moderation-reply-body"
            rows={3}
            lang={item.language}
            value={reply}
            onChange={(e) => {
              setReply(e.target.value);
              setWarning(null);
            }}
          />
          {warning && (
            <PersonalDetailsWarning
              kinds={warning}
              testId="moderation-personal-details"
              onSendAnyway={() => void sendReply(true)}
            />
          )}
          <ReplyLength platform={m.platform} count={count} limit={limit} />
          <button
            type="button"
            className="primary"
            data-testid="moderation-send-reply"
            disabled={reply.trim() === '' || over > 0 || sending}
            onClick={() => void sendReply(false)}
          >
            {t('moderation.sendReply')}
          </button>
        </div>
      )}
    </article>
  );
}
