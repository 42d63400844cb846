import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../shared/domain/entities';

/** Platform, kind, language, category and priority, as words (never colour alone). */
export function Badges({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      <span className={`badge platform-${conversation.platform}`}>
        {t(`badges.platform.${conversation.platform}`)}
      </span>
      <span className={`badge kind-${conversation.kind}`}>{t(`badges.kind.${conversation.kind}`)}</span>
      <span className="badge lang" lang={conversation.language}>
        {t(`badges.language.${conversation.language}`)}
      </span>
      <span className={`badge category category-${conversation.category}`}>
        {t(`badges.category.${conversation.category}`)}
      </span>
      {conversation.priority !== 'normal' && (
        <span className={`badge priority-${conversation.priority}`}>
          {t(`badges.priority.${conversation.priority}`)}
        </span>
      )}
      {conversation.confidential && (
        <span className="badge confidential">{t('conversation.confidential')}</span>
      )}
    </span>
  );
}
