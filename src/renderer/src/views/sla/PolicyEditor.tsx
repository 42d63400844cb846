import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../../shared/domain/entities';
import type { SlaDashboard } from '../../../../shared/ipc/channels/sla';
import type { ActionOutcome } from '../../../../shared/ipc/undelivered';
import type { SlaPolicyRecord } from '../../../../shared/protocol/entities-sla';
import { parseSlaPolicies, type SlaPoliciesFile } from '../../../../shared/sla/policy';
import { useDesk } from '../../context';
import { useDeskEvent } from '../../hooks/useDeskEvent';
import { formatDateTime } from '../../format/time';
import { isLead } from '../../../../shared/domain/clearance';
import { useErrorText } from '../../hooks/useErrorText';

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
 * The lead's edits laid over newer targets: the fields they changed keep their value, every
 * other field follows the newer targets, so another lead's change to a different queue or
 * column stays.
 */
function rebase(edited: Draft, base: Draft, latest: Draft): Draft {
  const out: Draft = {};
  for (const [id, now] of Object.entries(latest)) {
    const mine = edited[id];
    const was = base[id];
    if (mine === undefined || was === undefined) {
      out[id] = now;
      continue;
    }
    const pick = (key: keyof Row): string => (mine[key] !== was[key] ? mine[key] : now[key]);
    out[id] = {
      firstResponse: pick('firstResponse'),
      nextResponse: pick('nextResponse'),
      resolution: pick('resolution'),
      warnAtPercent: pick('warnAtPercent'),
    };
  }
  return out;
}

/** Unsaved edits and the targets they were made on; `sentAs` once saved and not yet answered. */
interface Edits {
  readonly base: SlaPolicyRecord;
  readonly draft: Draft;
  readonly sentAs: string | null;
}

/**
 * Leads edit the targets here. The draft is checked with the SLA core's own parser before it
 * is sent, so a mistake is explained at once; the hub checks again and audits the change.
 * The change names the targets it was made on: the hub refuses it if another lead changed
 * them meanwhile (e.g. while this console was offline), and the edits come back to be saved
 * again over theirs. A change that arrives while the lead edits is merged in at once.
 */
export function PolicyEditor({ me, queues }: { me: Operator; queues: SlaDashboard['queues'] }) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const errorText = useErrorText();
  const [record, setRecord] = useState<SlaPolicyRecord | null>(null);
  /** The lead's unsaved edits; null shows the hub's targets as they arrive. */
  const [edits, setEdits] = useState<Edits | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const mayEdit = isLead(me);

  const load = useCallback(() => {
    void desk.sla.policy().then((result) => {
      if (result.ok && result.value.policy !== null) setRecord(result.value.policy);
      else if (!result.ok) setMessage({ kind: 'error', text: errorText(result.error) });
    });
  }, [desk, errorText]);
  useEffect(load, [load]);
  useDeskEvent('data.changed', load);
  /**
   * The save awaiting the hub's answer, and answers not yet matched to a save: the answer can
   * reach the window before the engine's reply to the save itself. Refs, not state, so an
   * answer arriving between a save and the next render is still matched.
   */
  const awaiting = useRef<Edits | null>(null);
  const unmatched = useRef(new Map<string, ActionOutcome>());
  const settle = (sent: Edits, outcome: ActionOutcome): void => {
    awaiting.current = null;
    if (outcome.outcome === 'accepted') {
      setEdits(null);
      setMessage({ kind: 'info', text: t('sla.policy.applied') });
    } else {
      // Refused (most often: changed by someone else first). The edits stay, to save again.
      setEdits({ ...sent, sentAs: null });
      setMessage({ kind: 'error', text: t('sla.policy.refused', { reason: outcome.reason ?? '' }) });
    }
  };
  useDeskEvent('action.outcome', (outcome) => {
    if (outcome.type !== 'set-sla-policy') return;
    const sent = awaiting.current;
    if (sent !== null && outcome.opId === sent.sentAs) settle(sent, outcome);
    else unmatched.current.set(outcome.opId, outcome);
  });
  if (record === null) {
    return message === null ? (
      <p className="muted">{t('sla.policy.loading')}</p>
    ) : (
      <p role="alert" className="error">
        {message.text}
      </p>
    );
  }
  const newer = edits !== null && edits.sentAs === null && edits.base.updatedAt !== record.updatedAt;
  const draft =
    edits === null
      ? draftOf(record.policies)
      : newer
        ? rebase(edits.draft, draftOf(edits.base.policies), draftOf(record.policies))
        : edits.draft;
  const dirty = edits !== null && edits.sentAs === null;
  const name = (id: string): string => {
    const q = queues.find((x) => x.id === id);
    // Targets in the file for a queue the desk does not have (yet): say so, not a bare id.
    return q === undefined ? t('sla.policy.noQueue', { id }) : i18n.language === 'cy' ? q.nameCy : q.name;
  };
  const edit = (id: string, key: keyof Row, value: string): void => {
    const row = draft[id];
    if (row === undefined) return;
    // Editing after a newer change arrived: the merged view becomes the draft on the newer base.
    // Editing a sent change starts a new draft; the hub's answer to the old one is only a toast.
    awaiting.current = null;
    setEdits({ base: record, draft: { ...draft, [id]: { ...row, [key]: value } }, sentAs: null });
  };
  const save = (): void => {
    const file = fileOf(record.policies, draft);
    const parsed = parseSlaPolicies(file);
    if (!parsed.ok) {
      setMessage({ kind: 'error', text: t('sla.policy.invalid', { error: parsed.issues.join('; ') }) });
      return;
    }
    void desk.actions
      .submit({ type: 'set-sla-policy', policies: file as SlaPoliciesFile, basedOn: record.updatedAt })
      .then((result) => {
        if (result.ok) {
          const sent: Edits = { base: record, draft, sentAs: result.value.opId };
          const early = unmatched.current.get(result.value.opId);
          unmatched.current.clear();
          awaiting.current = sent;
          setEdits(sent);
          setMessage({ kind: 'info', text: t('sla.policy.saved') });
          if (early !== undefined) settle(sent, early);
        } else {
          setMessage({ kind: 'error', text: errorText(result.error) });
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
      {newer && (
        <p className="warning" role="status" data-testid="sla-policy-newer">
          {t('sla.policy.newer', { time: formatDateTime(record.updatedAt, i18n.language) })}
        </p>
      )}
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
