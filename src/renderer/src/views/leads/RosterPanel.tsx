import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../../shared/domain/entities';
import type { Shift } from '../../../../shared/protocol/entities-leads';
import type { OperationInput } from '../../../../shared/protocol/operations';
import { formatDateTime } from '../../format/time';

const HOUR = 3_600_000;

/** datetime-local speaks local wall time; the hub keeps epoch ms. */
const toLocalInput = (ms: number): string => {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const fromLocalInput = (text: string): number => new Date(text).getTime();

interface Draft {
  readonly shiftId: string;
  readonly operatorId: string;
  readonly starts: string;
  readonly ends: string;
  readonly note: string;
}

/** Who is on, from when to when: kept by leads, added, edited and removed here. */
export function RosterPanel({
  roster,
  operators,
  hubNow,
  onSubmit,
}: {
  roster: readonly Shift[];
  operators: readonly Operator[];
  hubNow: number;
  onSubmit: (input: OperationInput) => void;
}) {
  const { t, i18n } = useTranslation();
  const blank = (): Draft => {
    const start = Math.floor(hubNow / HOUR) * HOUR;
    return {
      shiftId: crypto.randomUUID(),
      operatorId: operators[0]?.id ?? '',
      starts: toLocalInput(start),
      ends: toLocalInput(start + 8 * HOUR),
      note: '',
    };
  };
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editing, setEditing] = useState(false);
  const names = new Map(operators.map((o) => [o.id, o.name]));
  const current = draft ?? blank();
  const invalid = fromLocalInput(current.ends) <= fromLocalInput(current.starts);

  const save = (event: SyntheticEvent) => {
    event.preventDefault();
    if (invalid || current.operatorId === '') return;
    onSubmit({
      type: 'shift-put',
      shiftId: current.shiftId,
      operatorId: current.operatorId,
      startsAt: fromLocalInput(current.starts),
      endsAt: fromLocalInput(current.ends),
      note: current.note,
    });
    setDraft(null);
    setEditing(false);
  };

  return (
    <section className="board-section roster" aria-labelledby="roster-title">
      <h2 id="roster-title">{t('leads.roster.title')}</h2>
      {roster.length === 0 ? (
        <p className="muted">{t('leads.roster.none')}</p>
      ) : (
        <ul className="roster-list" data-testid="roster">
          {roster.map((s) => (
            <li key={s.id}>
              <span>
                {t('leads.roster.entry', {
                  name: names.get(s.operatorId) ?? s.operatorId,
                  from: formatDateTime(s.startsAt, i18n.language),
                  to: formatDateTime(s.endsAt, i18n.language),
                })}
                {s.note ? ` · ${s.note}` : ''}
              </span>
              <button
                type="button"
                onClick={() => {
                  setDraft({
                    shiftId: s.id,
                    operatorId: s.operatorId,
                    starts: toLocalInput(s.startsAt),
                    ends: toLocalInput(s.endsAt),
                    note: s.note,
                  });
                  setEditing(true);
                }}
              >
                {t('leads.roster.edit')}
              </button>
              <button
                type="button"
                onClick={() => {
                  onSubmit({ type: 'shift-remove', shiftId: s.id });
                }}
              >
                {t('leads.roster.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="roster-form" onSubmit={save}>
        <label>
          {t('leads.roster.operator')}
          <select
            value={current.operatorId}
            onChange={(e) => {
              setDraft({ ...current, operatorId: e.target.value });
            }}
          >
            {operators.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('leads.roster.starts')}
          <input
            type="datetime-local"
            value={current.starts}
            onChange={(e) => {
              setDraft({ ...current, starts: e.target.value });
            }}
          />
        </label>
        <label>
          {t('leads.roster.ends')}
          <input
            type="datetime-local"
            value={current.ends}
            aria-invalid={invalid}
            onChange={(e) => {
              setDraft({ ...current, ends: e.target.value });
            }}
          />
        </label>
        <label>
          {t('leads.roster.note')}
          <input
            type="text"
            maxLength={200}
            value={current.note}
            onChange={(e) => {
              setDraft({ ...current, note: e.target.value });
            }}
          />
        </label>
        <button type="submit" className="primary" disabled={invalid} data-testid="roster-save">
          {editing ? t('leads.roster.save') : t('leads.roster.add')}
        </button>
        {editing && (
          <button
            type="button"
            onClick={() => {
              setDraft(null);
              setEditing(false);
            }}
          >
            {t('leads.roster.cancel')}
          </button>
        )}
        {invalid && (
          <p role="alert" className="error">
            {t('leads.roster.invalid')}
          </p>
        )}
      </form>
    </section>
  );
}
