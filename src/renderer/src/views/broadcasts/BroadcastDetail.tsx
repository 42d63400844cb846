import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../../shared/domain/entities';
import type { Broadcast } from '../../../../shared/protocol/entities-broadcasts';
import type { OperationInput } from '../../../../shared/protocol/operations';
import { useDesk } from '../../context';
import { formatDateTime } from '../../format/time';
import { ChannelPreview } from './ChannelPreview';
import { isLead } from '../../../../shared/domain/clearance';
import { useErrorText } from '../../hooks/useErrorText';

/** `<input type="datetime-local">` value for an epoch in the workstation's zone. */
function localInputValue(epochMs: number): string {
  const d = new Date(epochMs - new Date(epochMs).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/**
 * One broadcast: what it says, the approval panel (two-person rule shown, enforced at the
 * hub), each channel's state with retry, retraction, and its full history and versions.
 */
export function BroadcastDetail({
  broadcast,
  pending,
  me,
  hubNow,
  names,
  onEdit,
}: {
  broadcast: Broadcast;
  pending: boolean;
  me: Operator;
  hubNow: number;
  names: ReadonlyMap<string, string>;
  onEdit: () => void;
}) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const errorText = useErrorText();
  const [comment, setComment] = useState('');
  const [when, setWhen] = useState<'now' | 'at'>('now');
  const [at, setAt] = useState(() => localInputValue(hubNow + 30 * 60_000));
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const b = broadcast;
  const name = (id: string | null): string =>
    id === null ? t('broadcasts.history.system') : (names.get(id) ?? id);
  const wrote = b.authorId === me.id || b.editors.includes(me.id);
  const lead = isLead(me);
  const time = (ms: number): string => formatDateTime(ms, i18n.language);

  const submit = (input: OperationInput) => {
    setMessage(null);
    void desk.actions.submit(input).then((result) => {
      if (!result.ok) setMessage(errorText(result.error));
    });
  };

  const publishAt = (): number | null => {
    if (when === 'now') return null;
    const local = new Date(at).getTime();
    // The hub schedules in hub time: correct the workstation clock by the measured offset.
    return Number.isNaN(local) ? null : local + (hubNow - Date.now());
  };

  return (
    <article className="bc-detail" aria-labelledby="bc-detail-title" data-testid="bc-detail">
      <header className="bc-row">
        <h2 id="bc-detail-title">{b.title === '' ? t('broadcasts.list.untitled') : b.title}</h2>
        <span className={`bc-status bc-status-${b.status}`} data-testid="bc-status">
          {t(`broadcasts.status.${b.status}`)}
        </span>
        <span className="bc-muted">{t('broadcasts.list.version', { version: b.version })}</span>
        {pending ? <span className="bc-muted">{t('broadcasts.list.pending')}</span> : null}
      </header>
      <p className="bc-muted">
        {t('broadcasts.detail.author', { name: name(b.authorId) })}
        {b.approvedBy === null ? null : (
          <> · {t('broadcasts.detail.approvedBy', { name: name(b.approvedBy) })}</>
        )}
        {b.status === 'approved' && b.publishAt !== null ? (
          <> · {t('broadcasts.detail.publishAt', { time: time(b.publishAt) })}</>
        ) : null}
      </p>
      {b.emergency && b.signedOffBy === null ? (
        <p className="bc-problem" data-testid="bc-emergency-flag">
          {t('broadcasts.detail.emergencyFlag', { name: name(b.approvedBy) })}
        </p>
      ) : null}
      {b.emergency && b.signedOffBy !== null ? (
        <p className="bc-muted">{t('broadcasts.detail.signedOff', { name: name(b.signedOffBy) })}</p>
      ) : null}
      {b.image === null ? null : (
        <p className="bc-muted">{t('broadcasts.detail.image', { name: b.image.name })}</p>
      )}
      <ChannelPreview channels={b.channels} textEn={b.textEn} textCy={b.textCy} />

      {b.status !== 'retracted' ? (
        <div className="bc-row">
          {wrote || lead ? (
            <button type="button" data-testid="bc-edit" onClick={onEdit}>
              {t('broadcasts.detail.edit')}
            </button>
          ) : null}
          {(b.status === 'draft' || b.status === 'rejected') && (wrote || lead) ? (
            <button
              type="button"
              data-testid="bc-submit-existing"
              onClick={() => {
                submit({ type: 'broadcast-submit', broadcastId: b.id });
              }}
            >
              {t('broadcasts.approval.submit')}
            </button>
          ) : null}
        </div>
      ) : null}

      {lead && b.status !== 'retracted' && b.status !== 'approved' ? (
        <section className="bc-panel" aria-labelledby="bc-approval-title" data-testid="bc-approval">
          <h3 id="bc-approval-title">{t('broadcasts.approval.title')}</h3>
          {b.status === 'pending' && wrote ? (
            <p className="bc-warning">{t('broadcasts.approval.ownWork')}</p>
          ) : null}
          <label className="bc-field">
            <span>{t('broadcasts.approval.comment')}</span>
            <textarea
              data-testid="bc-comment"
              rows={2}
              value={comment}
              onChange={(e) => {
                setComment(e.target.value);
              }}
            />
          </label>
          {b.status === 'pending' && !wrote ? (
            <>
              <fieldset className="bc-row">
                <legend>{t('broadcasts.approval.when')}</legend>
                <label>
                  <input
                    type="radio"
                    name="bc-when"
                    checked={when === 'now'}
                    onChange={() => {
                      setWhen('now');
                    }}
                  />{' '}
                  {t('broadcasts.approval.now')}
                </label>
                <label>
                  <input
                    type="radio"
                    name="bc-when"
                    data-testid="bc-when-at"
                    checked={when === 'at'}
                    onChange={() => {
                      setWhen('at');
                    }}
                  />{' '}
                  {t('broadcasts.approval.at')}
                </label>
                {when === 'at' ? (
                  <label className="bc-field">
                    <span>{t('broadcasts.approval.time')}</span>
                    <input
                      type="datetime-local"
                      value={at}
                      onChange={(e) => {
                        setAt(e.target.value);
                      }}
                    />
                  </label>
                ) : null}
              </fieldset>
              <div className="bc-row">
                <button
                  type="button"
                  className="primary"
                  data-testid="bc-approve"
                  onClick={() => {
                    submit({
                      type: 'broadcast-approve',
                      broadcastId: b.id,
                      version: b.version,
                      comment: comment.trim(),
                      publishAt: publishAt(),
                    });
                  }}
                >
                  {t('broadcasts.approval.approve')}
                </button>
                <button
                  type="button"
                  data-testid="bc-reject"
                  onClick={() => {
                    if (comment.trim() === '') {
                      setMessage(t('broadcasts.approval.rejectNeedsComment'));
                      return;
                    }
                    submit({
                      type: 'broadcast-reject',
                      broadcastId: b.id,
                      version: b.version,
                      comment: comment.trim(),
                    });
                  }}
                >
                  {t('broadcasts.approval.reject')}
                </button>
              </div>
            </>
          ) : null}
          {b.status !== 'pending' || wrote ? (
            <p className="bc-muted">{t('broadcasts.approval.waiting')}</p>
          ) : null}
          <button
            type="button"
            className="danger"
            data-testid="bc-emergency"
            onClick={() => {
              if (comment.trim() === '') {
                setMessage(t('broadcasts.approval.emergencyReason'));
                return;
              }
              submit({
                type: 'broadcast-emergency-publish',
                broadcastId: b.id,
                version: b.version,
                comment: comment.trim(),
              });
            }}
          >
            {t('broadcasts.approval.emergency')}
          </button>
        </section>
      ) : null}

      {lead &&
      b.emergency &&
      b.status === 'approved' &&
      b.signedOffBy === null &&
      b.approvedBy !== me.id &&
      !wrote ? (
        <button
          type="button"
          data-testid="bc-sign-off"
          onClick={() => {
            submit({ type: 'broadcast-sign-off', broadcastId: b.id, version: b.version, comment: '' });
          }}
        >
          {t('broadcasts.approval.signOff')}
        </button>
      ) : null}

      {b.channelStatus.length > 0 ? (
        <section className="bc-panel" aria-labelledby="bc-channels-title">
          <h3 id="bc-channels-title">{t('broadcasts.channels.title')}</h3>
          <table className="bc-table">
            <thead>
              <tr>
                <th scope="col">{t('broadcasts.channels.channel')}</th>
                <th scope="col">{t('broadcasts.channels.state')}</th>
                <th scope="col">{t('broadcasts.channels.posts')}</th>
                <th scope="col">{t('broadcasts.channels.error')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('broadcasts.channels.retry', { channel: '' })}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {b.channelStatus.map((c) => (
                <tr key={c.channel} data-testid={`bc-channel-state-${c.channel}`}>
                  <th scope="row">{t(`broadcasts.editor.${c.channel}`)}</th>
                  <td className={`bc-state bc-state-${c.state}`} data-state={c.state}>
                    {t(`broadcasts.channels.states.${c.state}`)}
                  </td>
                  <td>{c.posts.map((p) => p.postId).join(', ')}</td>
                  <td>{c.lastError ?? ''}</td>
                  <td>
                    {/* A version edited since it failed must be approved again before it goes out. */}
                    {lead &&
                    (c.state === 'failed' || c.state === 'uncertain') &&
                    (b.status === 'approved' || b.status === 'retracted') ? (
                      <button
                        type="button"
                        data-testid={`bc-retry-${c.channel}`}
                        onClick={() => {
                          submit({ type: 'broadcast-retry', broadcastId: b.id, channel: c.channel });
                        }}
                      >
                        {t('broadcasts.channels.retry', { channel: t(`broadcasts.editor.${c.channel}`) })}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {lead && b.status === 'approved' ? (
            <div className="bc-row">
              <label className="bc-field bc-grow">
                <span>{t('broadcasts.channels.retractReason')}</span>
                <input
                  data-testid="bc-retract-reason"
                  value={reason}
                  onChange={(e) => {
                    setReason(e.target.value);
                  }}
                />
              </label>
              <button
                type="button"
                className="danger"
                data-testid="bc-retract"
                disabled={reason.trim() === ''}
                onClick={() => {
                  submit({ type: 'broadcast-retract', broadcastId: b.id, comment: reason.trim() });
                }}
              >
                {t('broadcasts.channels.retract')}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}

      {message === null ? null : (
        <p className="bc-problem" role="alert">
          {message}
        </p>
      )}

      <section className="bc-panel" aria-labelledby="bc-history-title">
        <h3 id="bc-history-title">{t('broadcasts.history.title')}</h3>
        <ol className="bc-history" data-testid="bc-history">
          {[...b.history].reverse().map((h, i) => (
            <li key={`${h.at}-${i}`}>
              <time>{time(h.at)}</time> · {t(`broadcasts.history.kinds.${h.kind}`)}
              {h.channel === null ? '' : ` (${t(`broadcasts.editor.${h.channel}`)})`} · {name(h.by)} ·{' '}
              {t('broadcasts.list.version', { version: h.version })}
              {h.comment === '' ? '' : ` — ${h.comment}`}
            </li>
          ))}
        </ol>
        <details>
          <summary>{t('broadcasts.history.versions')}</summary>
          <ol className="bc-versions">
            {[...b.versions].reverse().map((v) => (
              <li key={v.version}>
                <p>
                  {t('broadcasts.history.version', {
                    version: v.version,
                    name: name(v.editedBy),
                    time: time(v.at),
                  })}
                </p>
                <p lang="cy">{v.textCy}</p>
                <p lang="en">{v.textEn}</p>
              </li>
            ))}
          </ol>
        </details>
      </section>
    </article>
  );
}
