import type { TFunction } from 'i18next';
import type { Platform } from '../../../shared/domain/enums';

/**
 * Messenger webhooks carry only an id, not a name: show which platform user it is rather
 * than a blank.
 */
export function contactLabel(
  t: TFunction,
  name: string | null | undefined,
  platform: Platform,
  platformUserId = '',
  withheld = false,
): string {
  if (withheld) return t('conversation.nameWithheld');
  if (name && name.trim()) return name;
  const tail = platformUserId ? ` …${platformUserId.slice(-4)}` : '';
  return t('conversation.unnamed', { platform: t(`badges.platform.${platform}`), tail });
}
