import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../../shared/domain/entities';
import type { SlaDashboard } from '../../../../shared/ipc/channels/sla';
import type { SlaPolicyRecord } from '../../../../shared/protocol/entities-sla';
import { parseSlaPolicies, type SlaPoliciesFile } from '../../../../shared/sla/policy';
import { useDesk } from '../../context';
import { useDeskEvent } from '../../hooks/useDeskEvent';
import { formatDateTime } from '../../format/time';
import { isLead } from '../../../../shared/domain/clearance';

interface Row {
  firstResponse: string;
  nextResponse: string;
  resolution: string;
  warnAtPercent: string;
}

type Draft = Record<string, Row>;

function draftOf(file: SlaPoliciesFile): Draft {
  const draft: Draft = {};
  for (const [id, q] of Object.entries(file.queues)) {
    draft[id] = {
      firstResponse: q.firstResponse,
      nextResponse: q.nextResponse,
      resolution: q.resolution,
      warnAtPercent: String(q.warnAtPercent ?? file.warnAtPercent ?? 75),
    };
  }
  return draft;
}

/** The edited targets over the current file: urgent overrides and notes are kept as they were. */
function fileOf(current: SlaPoliciesFile, draft: Draft): unknown {
  const queues: Record<string, unknown> = {};
  for (const [id, q] of Object.entries(current.queues)) {
    const row = draft[id];
    const warn = Number(row?.warnAtPercent);
    queues[id] = {
      ...q,
      firstResponse: row?.firstResponse.trim() ?? q.firstResponse,
      nextResponse: row?.nextResponse.trim() ?? q.nextResponse,
      resolution: row?.resolution.trim() ?? q.resolution,
      warnAtPercent: Number.isFinite(warn) && row?.warnAtPercent.trim() !== '' ? warn : q.warnAtPercent,
    };
  }
  return { ...current, queues };
}

/**
 * Leads edit the targets here. The draft is checked with the SLA core's own parser before it
 * is sent, so a mistake is explained at once; the hub checks again and audits the change.
 */
export function PolicyEditor({ me, queues }: { me: Operator; queues: SlaDashboard['queues'] }) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const [record, setRecord] = useState<SlaPolicyRecord | null>(null);
  /** The lead's unsaved edits; null shows the hub's targets as they arrive. */
  const [edits, setEdits] = useState<Draft | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const mayEdit = isLead(me);

  const load = useCallback(() => {
    void desk.sla.policy().then((result) => {
      if (result.ok && result.value.policy !== null) setRecord(result.value.policy);
    });
  }, [desk]);
  useEffect(load, [load]);
  useDeskEvent('data.changed', load);
  if (record === null) return <p className="muted">{t('sla.policy.loading')}</p>;
  const draft = edits ?? draftOf(record.policies);
  const dirty = edits !== null;
  const name = (id: string): string => {
    const q = queues.find((x) => x.id === id);
    return q === undefined ? id : i18n.language === 'cy' ? q.nameCy : q.name;
  };
  const edit = (id: string, key: keyof Row, value: string): void => {
    const row = draft[id];
    if (row === undefined) return;
    setEdits({ ...draft, [id]: { ...row, [key]: value } });
  };
  const save = (): void => {
    const file = fileOf(record.policies, draft);
    const parsed = parseSlaPolicies(file);
    if (!parsed.ok) {
      setMessage({ kind: 'error', text: t('sla.policy.invalid', { error: parsed.issues.join('; ') }) });
      return;
    }
    void desk.actions.submit({ type: 'set-sla-policy', policies: file as SlaPoliciesFile }).then((result) => {
      if (result.ok) {
        setEdits(null);
        setMessage({ kind: 'info', text: t('sla.policy.saved') });
      } else {
        setMessage({ kind: 'error', text: result.error.message });
      }
    });
  };

  const ids = Object.keys(record.policies.queues);
  const columns: (keyof Row)[] = ['firstResponse', 'nextResponse', 'resolution', 'warnAtPercent'];
  const header: Record<keyof Row, string> = {
    firstResponse: t('sla.policy.firstResponse'),
    nextResponse: t('sla.policy.nextResponse'),
    resolution: t('sla.policy.resolution'),
    warnAtPercent: t('sla.policy.warnAt'),
  };
  return (
    <form
      className="sla-policy"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <p className="muted">{t('sla.policy.intro')}</p>
      <p className="muted">
        {t('sla.policy.updatedBy', { time: formatDateTime(record.updatedAt, i18n.language) })}
      </p>
      <table className="sla-table">
        <thead>
          <tr>
            <th scope="col">{t('sla.policy.queue')}</th>
            {columns.map((c) => (
              <th key={c} scope="col">
                {header[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <tr key={id}>
              <th scope="row">{name(id)}</th>
              {columns.map((c) => (
                <td key={c}>
                  <input
                    className="sla-input"
                    aria-label={`${name(id)}: ${header[c]}`}
                    value={draft[id]?.[c] ?? ''}
                    disabled={!mayEdit}
                    onChange={(event) => {
                      edit(id, c, event.target.value);
                    }}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {mayEdit ? (
        <button type="submit" className="primary" disabled={!dirty}>
          {t('sla.policy.save')}
        </button>
      ) : (
        <p className="muted">{t('sla.policy.readOnly')}</p>
      )}
      {message !== null && (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          className={message.kind === 'error' ? 'error' : 'muted'}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}
