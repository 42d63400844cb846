import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation, Operator } from '../../../../shared/domain/entities';
import { useDesk } from '../../context';
import { useErrorText } from '../../hooks/useErrorText';

/**
 * "Move to…" in the conversation pane, for leads: another operator or back to the queue,
 * with an optional reason. The hub checks the role again; this only saves a trip.
 */
export function MoveTo({ conversation, me }: { conversation: Conversation; me: Operator }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const errorText = useErrorText();
  const [operators, setOperators] = useState<Operator[]>([]);
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void desk.operators.list().then((result) => {
      if (result.ok) setOperators(result.value);
      else setError(errorText(result.error));
    });
  }, [desk, conversation.assigneeId, errorText]);

  if (me.role === 'operator') return null;
  // A disabled account cannot sign in to work what it is given: the hub refuses it too.
  const choices = operators.filter((o) => o.id !== conversation.assigneeId && o.disabled !== true);
  return (
    <form
      className="move-to"
      aria-label={t('leads.move.paneLabel')}
      data-testid="move-to"
      onSubmit={(event) => {
        event.preventDefault();
        if (target === '') return;
        const why = reason.trim();
        void desk.actions
          .submit({
            type: 'reassign',
            conversationIds: [conversation.id],
            toOperatorId: target === 'queue' ? null : target,
            ...(why === '' ? {} : { reason: why }),
          })
          .then((result) => {
            setError(result.ok ? null : errorText(result.error));
          });
        setTarget('');
        setReason('');
      }}
    >
      <label>
        {t('leads.move.moveTo')}
        <select
          value={target}
          onChange={(e) => {
            setTarget(e.target.value);
          }}
        >
          <option value="">{t('leads.move.choose')}</option>
          {conversation.assigneeId !== null && <option value="queue">{t('leads.move.toQueue')}</option>}
          {choices.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name} ({t(`leads.status.${o.status}`)})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('leads.move.reason')}
        <input
          type="text"
          maxLength={500}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
          }}
        />
      </label>
      <button type="submit" disabled={target === ''}>
        {t('leads.move.submit')}
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </form>
  );
}
