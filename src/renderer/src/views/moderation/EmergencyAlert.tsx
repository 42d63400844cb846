import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayWorkConversation } from '../../../../shared/domain/clearance';
import type { Operator } from '../../../../shared/domain/entities';
import type { EmergencyState } from '../../../../shared/ipc/channels/moderation';
import { useDesk } from '../../context';
import { formatDateTime } from '../../format/time';
import { useDeskEvent } from '../../hooks/useDeskEvent';
import { notifyFromPage } from '../../notify';
import { createAlertTone, type ToneState } from './alert-tone';
import './moderation.css';
import { useErrorText } from '../../hooks/useErrorText';

const EMPTY: EmergencyState = { emergencies: [], alerting: false };

/**
 * The emergency banner every console shows while an emergency is unclaimed. While this
 * operator is available it also rings (repeating tone) and raises a notification. The
 * engine says when: it knows from the cache which emergencies nobody holds, so a claim on
 * any console silences them all, and a reloaded page picks the alert up again.
 */
export function EmergencyAlert({
  openConversation,
  me,
  onError,
}: {
  openConversation: (id: string) => void;
  me: Operator;
  /** A claim the console could not take: said, not swallowed. */
  onError: (text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const errorText = useErrorText();
  const [state, setState] = useState<EmergencyState>(EMPTY);
  const [tone, setTone] = useState<ToneState>('off');
  const player = useRef<ReturnType<typeof createAlertTone> | null>(null);
  const announced = useRef(new Set<string>());

  useEffect(() => {
    let live = true;
    void desk.emergencies.get().then((result) => {
      if (live && result.ok) setState(result.value);
    });
    return () => {
      live = false;
    };
  }, [desk]);
  useDeskEvent('emergency.alert', setState);

  useEffect(() => {
    player.current ??= createAlertTone(setTone);
    if (state.alerting) player.current.start();
    else player.current.stop();
  }, [state.alerting]);
  useEffect(
    () => () => {
      player.current?.stop();
    },
    [],
  );

  useEffect(() => {
    const open = new Set(state.emergencies.map((e) => e.conversationId));
    for (const id of announced.current) if (!open.has(id)) announced.current.delete(id);
    if (!state.alerting) return;
    for (const e of state.emergencies) {
      if (announced.current.has(e.conversationId)) continue;
      announced.current.add(e.conversationId);
      // Electron's main process raises these natively itself, even with the window frozen.
      notifyFromPage(
        t('emergency.notifyTitle'),
        e.confidential || e.preview === '' ? e.contactName : e.preview,
      );
    }
  }, [state, t]);

  if (state.emergencies.length === 0) return null;
  const claim = (id: string) => {
    void desk.actions.submit({ type: 'claim', conversationId: id }).then((result) => {
      // Opened either way, so the operator can act on it; a claim not taken is said aloud,
      // or they would believe the emergency was theirs.
      if (!result.ok) onError(errorText(result.error));
      openConversation(id);
    });
  };

  return (
    <section
      className="emergency-banner"
      role="alert"
      aria-labelledby="emergency-banner-title"
      data-testid="emergency-banner"
      data-alerting={state.alerting ? 'yes' : 'no'}
      data-sound={tone}
    >
      <h2 id="emergency-banner-title">
        <span aria-hidden="true">⚠ </span>
        {state.emergencies.length === 1
          ? t('emergency.bannerOne')
          : t('emergency.banner', { count: state.emergencies.length })}
      </h2>
      <ul>
        {state.emergencies.map((e) => (
          <li key={e.conversationId} data-testid="emergency-item">
            <div className="emergency-text">
              <span className="emergency-from">
                {t('emergency.from', {
                  name: e.contactName || t('moderation.someone'),
                  platform: t(`badges.platform.${e.platform}`),
                })}{' '}
                ·{' '}
                <time dateTime={new Date(e.firstInboundAt).toISOString()}>
                  {formatDateTime(e.firstInboundAt, i18n.language)}
                </time>
              </span>
              {e.confidential && e.preview === '' ? (
                <em>{t('emergency.confidential')}</em>
              ) : (
                <span lang={e.language}>{e.preview}</span>
              )}
            </div>
            {/* The hub refuses a claim on a confidential report from staff not cleared to read it. */}
            {!mayWorkConversation(me, e) ? (
              <button type="button" className="emergency-claim" data-testid="emergency-claim" disabled>
                {t('emergency.clearedOnly')}
              </button>
            ) : (
              <button
                type="button"
                className="emergency-claim"
                data-testid="emergency-claim"
                onClick={() => {
                  claim(e.conversationId);
                }}
              >
                {t('emergency.claim')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <p className="emergency-sound" data-testid="emergency-sound">
        {!state.alerting ? (
          t('emergency.notAvailable')
        ) : tone === 'blocked' ? (
          <>
            {t('emergency.soundBlocked')}{' '}
            <button
              type="button"
              onClick={() => {
                player.current?.unblock();
              }}
            >
              {t('emergency.enableSound')}
            </button>
          </>
        ) : (
          t('emergency.soundOn')
        )}
      </p>
    </section>
  );
}
