import { useCallback, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardItem, WorkloadBoard as Board } from '../../../../shared/ipc/channels/leads';
import type { OperationInput } from '../../../../shared/protocol/operations';
import { useDesk } from '../../context';
import { formatClock, formatDuration } from '../../format/time';
import { ColumnHeads } from '../ColumnHeads';
import type { ViewProps } from '../registry';
import { DRAG_TYPE, ItemCard } from './ItemCard';
import { RosterPanel } from './RosterPanel';
import { Sparkline } from './Sparkline';
import { useWorkloadBoard } from './useWorkloadBoard';
import './leads.css';
import { useErrorText } from '../../hooks/useErrorText';

/** Where dragged or selected work can go: an operator, or back to its queue. */
type Target = { kind: 'operator'; id: string } | { kind: 'queue' };
const targetKey = (t: Target): string => (t.kind === 'queue' ? 'queue' : `op:${t.id}`);

function parseDrag(event: DragEvent<HTMLElement>): string[] {
  try {
    const value: unknown = JSON.parse(event.dataTransfer.getData(DRAG_TYPE));
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The shift lead's board: unclaimed emergencies first, then every operator on shift with
 * their load and risk, the queues, the roster and the volume trend. Work moves by drag and
 * drop onto a row, or by selecting cards (keyboard: Tab, Space) and choosing a target.
 */
export function WorkloadBoard({ hubNow, openConversation }: ViewProps) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const errorText = useErrorText();
  const { board, error } = useWorkloadBoard();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [dragging, setDragging] = useState(false);
  const [over, setOver] = useState<string | null>(null);
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);

  const submit = useCallback(
    (input: OperationInput) => {
      void desk.actions.submit(input).then((result) => {
        if (!result.ok) setMessage({ kind: 'error', text: errorText(result.error) });
      });
    },
    [desk, errorText],
  );

  const move = useCallback(
    (ids: readonly string[], to: Target) => {
      if (ids.length === 0) return;
      const why = reason.trim();
      submit({
        type: 'reassign',
        conversationIds: [...ids],
        toOperatorId: to.kind === 'queue' ? null : to.id,
        ...(why === '' ? {} : { reason: why }),
      });
      setMessage({ kind: 'info', text: t('counts.conversationsMoved', { count: ids.length }) });
      setSelected(new Set());
      setReason('');
    },
    [reason, submit, t],
  );

  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const onDragStart = useCallback(
    (id: string, event: DragEvent<HTMLElement>) => {
      const ids = selected.has(id) ? [...selected] : [id];
      event.dataTransfer.setData(DRAG_TYPE, JSON.stringify(ids));
      event.dataTransfer.effectAllowed = 'move';
      setDragging(true);
    },
    [selected],
  );
  const onDragEnd = useCallback(() => {
    setDragging(false);
    setOver(null);
  }, []);

  const dropProps = (to: Target) => ({
    onDragOver: (event: DragEvent<HTMLElement>) => {
      if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      setOver(targetKey(to));
    },
    onDragLeave: () => {
      setOver((current) => (current === targetKey(to) ? null : current));
    },
    onDrop: (event: DragEvent<HTMLElement>) => {
      event.preventDefault();
      const ids = parseDrag(event);
      setDragging(false);
      setOver(null);
      move(ids, to);
    },
    'data-drop-target': targetKey(to),
    className: `drop-target${dragging ? ' drop-ready' : ''}${over === targetKey(to) ? ' drop-over' : ''}`,
  });

  const cards = (items: readonly BoardItem[]) => (
    <ul className="board-items">
      {items.map((item) => (
        <ItemCard
          key={item.id}
          item={item}
          hubNow={hubNow}
          selected={selected.has(item.id)}
          onToggle={toggle}
          onDragStart={onDragStart}
          onDragEnd={onDragEnd}
          onOpen={openConversation}
        />
      ))}
    </ul>
  );

  if (board === null) {
    return (
      <section className="board" aria-busy="true">
        <h1>{t('leads.title')}</h1>
        {error && <p role="alert">{error}</p>}
      </section>
    );
  }

  /** The cell a row's conversations are listed in and dropped on, for operators and queues alike. */
  const workCell = (items: readonly BoardItem[], before: ReactNode = null) => (
    <td className="work-cell">
      {before}
      {cards(items)}
      <span className="drop-hint" aria-hidden="true">
        {t('leads.move.dropHere')}
      </span>
    </td>
  );
  const since = (at: number | null) =>
    at === null ? t('leads.operators.never') : formatDuration(hubNow - at);
  const queueName = (q: Board['queues'][number]['queue']) => (i18n.language === 'cy' ? q.nameCy : q.name);
  const total = board.trend.counts.reduce((a, b) => a + b, 0);

  return (
    <section className="board" aria-labelledby="board-title" data-testid="workload-board">
      <header className="board-head">
        <div>
          <h1 id="board-title">{t('leads.title')}</h1>
          <p className="muted">{t('leads.updated', { time: formatClock(board.hubNow) })}</p>
        </div>
        <figure className="trend">
          <Sparkline
            counts={board.trend.counts}
            label={`${t('leads.trend')}: ${board.trend.counts.join(', ')}`}
          />
          <figcaption>
            {t('leads.trendSummary', {
              total,
              from: formatClock(board.trend.from),
              last: board.trend.counts.at(-1) ?? 0,
            })}
          </figcaption>
        </figure>
      </header>

      <section
        className="board-section emergencies"
        aria-labelledby="emergencies-title"
        data-testid="unclaimed-emergencies"
      >
        <h2 id="emergencies-title">{t('leads.emergencies.title')}</h2>
        {board.unclaimedEmergencies.length === 0 ? (
          <p className="muted">{t('leads.emergencies.none')}</p>
        ) : (
          cards(board.unclaimedEmergencies)
        )}
      </section>

      <form
        className="move-bar"
        aria-label={t('leads.move.title')}
        onSubmit={(event) => {
          event.preventDefault();
          if (target === '') return;
          move([...selected], target === 'queue' ? { kind: 'queue' } : { kind: 'operator', id: target });
          setTarget('');
        }}
      >
        <span data-testid="selected-count">{t('leads.move.selected', { count: selected.size })}</span>
        <label>
          {t('leads.move.target')}
          <select
            value={target}
            data-testid="move-target"
            onChange={(e) => {
              setTarget(e.target.value);
            }}
          >
            <option value="">{t('leads.move.choose')}</option>
            <option value="queue">{t('leads.move.toQueue')}</option>
            {board.operators.map((r) => (
              <option key={r.operator.id} value={r.operator.id}>
                {r.operator.name} ({t(`leads.status.${r.operator.status}`)}, {r.held}/{r.operator.capacity})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('leads.move.reason')}
          <input
            type="text"
            maxLength={500}
            value={reason}
            data-testid="move-reason"
            onChange={(e) => {
              setReason(e.target.value);
            }}
          />
        </label>
        <button
          type="submit"
          className="primary"
          disabled={selected.size === 0 || target === ''}
          data-testid="move-submit"
        >
          {t('leads.move.submit')}
        </button>
        <button
          type="button"
          disabled={selected.size === 0}
          onClick={() => {
            setSelected(new Set());
          }}
        >
          {t('leads.move.clear')}
        </button>
        <span role="status" className={message?.kind === 'error' ? 'error' : 'muted'}>
          {message?.text ?? ''}
        </span>
      </form>

      <section className="board-section" aria-labelledby="operators-title">
        <h2 id="operators-title">{t('leads.operators.title')}</h2>
        {board.operators.length === 0 ? (
          <p className="muted">{t('leads.operators.none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="board-table" data-testid="operator-rows">
              <ColumnHeads
                labels={(
                  [
                    'name',
                    'status',
                    'shift',
                    'held',
                    'awaiting',
                    'atRisk',
                    'breached',
                    'oldest',
                    'lastAction',
                    'work',
                  ] as const
                ).map((column) => t(`leads.operators.${column}`))}
              />
              <tbody>
                {board.operators.map((row) => {
                  const o = row.operator;
                  return (
                    <tr
                      key={o.id}
                      data-testid="operator-row"
                      data-operator={o.name}
                      {...dropProps({ kind: 'operator', id: o.id })}
                    >
                      <th scope="row">{o.name}</th>
                      <td>
                        <span className={`status-dot status-${o.status}`} aria-hidden="true" />
                        {t(`leads.status.${o.status}`)}{' '}
                        <span className="muted">
                          {t('leads.operators.since', { time: formatDuration(hubNow - o.statusSince) })}
                        </span>
                      </td>
                      <td>
                        {row.shift === null
                          ? t('leads.operators.noShift')
                          : `${formatClock(row.shift.startsAt)}–${formatClock(row.shift.endsAt)}`}
                      </td>
                      <td className={row.held > o.capacity ? 'over' : undefined}>
                        <span data-testid="held">{row.held}</span> /{' '}
                        <input
                          key={o.capacity}
                          type="number"
                          min={1}
                          max={100}
                          className="capacity"
                          defaultValue={o.capacity}
                          aria-label={t('leads.operators.capacity', { name: o.name })}
                          onBlur={(e) => {
                            const value = Number(e.target.value);
                            if (
                              Number.isInteger(value) &&
                              value >= 1 &&
                              value <= 100 &&
                              value !== o.capacity
                            ) {
                              submit({ type: 'set-capacity', operatorId: o.id, capacity: value });
                            }
                          }}
                          onKeyDown={(e) => {
                            if (e.key === 'Enter') e.currentTarget.blur();
                          }}
                        />
                      </td>
                      <td>{row.awaitingFirstResponse}</td>
                      <td className={row.atRisk > 0 ? 'risk-at-risk' : undefined}>{row.atRisk}</td>
                      <td className={row.breached > 0 ? 'risk-breached' : undefined}>{row.breached}</td>
                      <td>{since(row.oldestHeldSince)}</td>
                      <td>
                        {row.lastAction === null
                          ? t('leads.operators.never')
                          : `${t(`actionNames.${row.lastAction.action}` as 'actionNames.claim', { defaultValue: row.lastAction.action })} · ${t('leads.operators.ago', { time: formatDuration(hubNow - row.lastAction.at) })}`}
                      </td>
                      {workCell(
                        row.items,
                        row.items.length > 0 && (
                          <button
                            type="button"
                            className="link"
                            onClick={() => {
                              setSelected(new Set(row.items.map((i) => i.id)));
                            }}
                          >
                            {t('leads.operators.selectAll', { name: o.name })}
                          </button>
                        ),
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="board-section" aria-labelledby="queues-title">
        <h2 id="queues-title">{t('leads.queues.title')}</h2>
        <div className="table-wrap">
          <table className="board-table" data-testid="queue-rows">
            <ColumnHeads
              labels={(
                ['queue', 'depth', 'unassigned', 'oldest', 'atRisk', 'autoAssign', 'work'] as const
              ).map((column) => t(`leads.queues.${column}`))}
            />
            <tbody>
              {board.queues.map((row) => (
                <tr
                  key={row.queue.id}
                  data-testid="queue-row"
                  data-queue={row.queue.id}
                  {...dropProps({ kind: 'queue' })}
                >
                  <th scope="row">{queueName(row.queue)}</th>
                  <td>{row.depth}</td>
                  <td>{row.unassigned}</td>
                  <td>{since(row.oldestWaitingSince)}</td>
                  <td className={row.atRisk > 0 ? 'risk-at-risk' : undefined}>{row.atRisk}</td>
                  <td>
                    <input
                      type="checkbox"
                      checked={row.queue.autoAssign}
                      aria-label={t('leads.queues.autoAssignFor', { name: queueName(row.queue) })}
                      onChange={(e) => {
                        submit({
                          type: 'set-auto-assign',
                          queueId: row.queue.id,
                          autoAssign: e.target.checked,
                        });
                      }}
                    />
                  </td>
                  {workCell(row.items)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <RosterPanel roster={board.roster} operators={board.staff} hubNow={hubNow} onSubmit={submit} />
    </section>
  );
}
