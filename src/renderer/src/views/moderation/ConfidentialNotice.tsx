import { useTranslation } from 'react-i18next';
import { isCleared } from '../../../../shared/domain/clearance';
import type { Conversation, Operator } from '../../../../shared/domain/entities';
import './moderation.css';

/** Says plainly what the reader may and may not see of a confidential report. */
export function ConfidentialNotice({ conversation, me }: { conversation: Conversation; me: Operator }) {
  const { t } = useTranslation();
  if (!conversation.confidential) return null;
  const cleared = isCleared(me);
  return (
    <p
      className={cleared ? 'confidential-notice' : 'confidential-notice restricted'}
      data-testid="confidential-notice"
    >
      <span aria-hidden="true">🔒 </span>
      {cleared ? t('confidential.paneCleared') : t('confidential.paneNotCleared')}
    </p>
  );
}
