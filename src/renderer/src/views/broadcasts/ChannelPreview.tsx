import { useTranslation } from 'react-i18next';
import type { Platform } from '../../../../shared/domain/enums';
import { checkPosts } from '../../../../shared/broadcasts/rules';

/** What each chosen channel will publish, with the platform's own count and limit. */
export function ChannelPreview({
  channels,
  textEn,
  textCy,
}: {
  channels: readonly Platform[];
  textEn: string;
  textCy: string;
}) {
  const { t } = useTranslation();
  const checks = channels.flatMap((c) => checkPosts(c, textEn, textCy));
  const label = (channel: Platform, part: string): string =>
    channel === 'facebook'
      ? t('broadcasts.preview.facebook')
      : part === 'cy'
        ? t('broadcasts.preview.xcy')
        : t('broadcasts.preview.xen');
  return (
    <section className="bc-panel" aria-labelledby="bc-preview-title">
      <h3 id="bc-preview-title">{t('broadcasts.preview.title')}</h3>
      {channels.includes('x') ? <p className="bc-muted">{t('broadcasts.preview.linksNote')}</p> : null}
      <div className="bc-previews">
        {checks.map((check) => (
          <figure
            key={`${check.channel}-${check.part}`}
            className={`bc-preview bc-preview-${check.channel}`}
            data-testid={`preview-${check.channel}-${check.part}`}
          >
            <figcaption>
              <span>{label(check.channel, check.part)}</span>
              <span className={check.fits ? 'bc-count' : 'bc-count bc-over'} data-testid="preview-count">
                {check.fits
                  ? t('broadcasts.preview.count', { count: check.count, limit: check.limit })
                  : t('broadcasts.preview.over', { count: check.count - check.limit })}
              </span>
            </figcaption>
            <p className="bc-preview-text">{check.text}</p>
          </figure>
        ))}
      </div>
    </section>
  );
}
