import { useTranslation } from 'react-i18next';
import type { Platform } from '../../../shared/domain/enums';
import type { PersonalDetailKind } from '../../../shared/text/personal-details';

/**
 * The checks every public answer shows before it goes, wherever it is written (the
 * composer, a moderation card): its length against the platform's limit, and the personal
 * details it contains.
 */
export function ReplyLength({
  platform,
  count,
  limit,
}: {
  platform: Platform;
  count: number;
  limit: number;
}) {
  const { t } = useTranslation();
  const over = count - limit;
  return (
    <span className={over > 0 ? 'count over' : 'count'} aria-live="polite">
      {over > 0
        ? t('composer.tooLong', { platform: t(`badges.platform.${platform}`), over })
        : t('composer.count', { count, limit })}
    </span>
  );
}

export function PersonalDetailsWarning({
  kinds,
  testId,
  onSendAnyway,
  onEdit,
}: {
  kinds: readonly PersonalDetailKind[];
  testId: string;
  onSendAnyway: () => void;
  /** Offered where the text box is not right beside the warning. */
  onEdit?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="warning" role="alert" data-testid={testId}>
      <p>{t('composer.personalDetails', { kinds: kinds.map((kind) => t(`detail.${kind}`)).join(', ') })}</p>
      <button type="button" onClick={onSendAnyway}>
        {t('composer.sendAnyway')}
      </button>
      {onEdit && (
        <button type="button" onClick={onEdit}>
          {t('composer.edit')}
        </button>
      )}
    </div>
  );
}
