import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../../shared/domain/entities';
import type { IpcError } from '../../../../shared/ipc/result';
import type { OperationInput } from '../../../../shared/protocol/operations';
import { useDesk } from '../../context';
import { useDeskEvent } from '../../hooks/useDeskEvent';
import { useErrorText } from '../../hooks/useErrorText';
import type { ViewProps } from '../registry';
import './accounts.css';

type AccountAction = 'account-disable' | 'account-enable' | 'account-sign-out';

/** An action waiting for the administrator to confirm it, on one row. */
interface Asking {
  readonly operator: Operator;
  readonly action: AccountAction;
}

/** Sign-out always; disable or enable, whichever changes something. */
const offeredFor = (o: Operator): AccountAction[] => [
  'account-sign-out',
  o.disabled === true ? 'account-enable' : 'account-disable',
];

type Message =
  { readonly kind: 'sent'; readonly ask: Asking } | { readonly kind: 'error'; readonly error: IpcError };

/**
 * Administrators switch accounts off and on, and end someone's sessions (a lost or shared
 * workstation), without the hub's command line. Each asks for confirmation first; the hub
 * checks the role again, audits it, closes the person's links within seconds, and the list
 * follows as the change comes back. Adding people and setting passwords stay on the
 * command line, so no password passes through a console.
 */
export function AccountsView({ me }: ViewProps) {
  const { t } = useTranslation();
  const desk = useDesk();
  const errorText = useErrorText();
  const [operators, setOperators] = useState<Operator[] | null>(null);
  const [asking, setAsking] = useState<Asking | null>(null);
  /** Kept as what happened, and worded when shown, so it follows a change of language. */
  const [message, setMessage] = useState<Message | null>(null);

  const load = useCallback(() => {
    void desk.operators.list().then((result) => {
      if (result.ok) setOperators([...result.value].sort((a, b) => a.name.localeCompare(b.name)));
      else setMessage({ kind: 'error', error: result.error });
    });
  }, [desk]);
  useEffect(load, [load]);
  useDeskEvent('data.changed', (change) => {
    if (change.lists) load();
  });

  const confirm = (ask: Asking): void => {
    const input: OperationInput = { type: ask.action, operatorId: ask.operator.id };
    setAsking(null);
    void desk.actions.submit(input).then((result) => {
      setMessage(result.ok ? { kind: 'sent', ask } : { kind: 'error', error: result.error });
    });
  };

  return (
    <section className="accounts" aria-labelledby="accounts-title" data-testid="accounts-view">
      <h1 id="accounts-title">{t('accounts.title')}</h1>
      <p className="muted">{t('accounts.intro')}</p>
      {message !== null && (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          className={message.kind === 'error' ? 'error' : 'muted'}
        >
          {message.kind === 'error'
            ? errorText(message.error)
            : t(`accounts.sent.${message.ask.action}`, { name: message.ask.operator.name })}
        </p>
      )}
      {operators === null ? (
        <p className="muted">{t('accounts.loading')}</p>
      ) : (
        <table className="accounts-table">
          <thead>
            <tr>
              <th scope="col">{t('accounts.name')}</th>
              <th scope="col">{t('accounts.role')}</th>
              <th scope="col">{t('accounts.skills')}</th>
              <th scope="col">{t('accounts.status')}</th>
              <th scope="col">{t('accounts.account')}</th>
              <th scope="col">{t('accounts.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {operators.map((o) => (
              <tr key={o.id} data-testid="account-row" data-name={o.name}>
                <th scope="row">{o.name}</th>
                <td>{t(`roles.${o.role}`)}</td>
                <td>
                  {o.skills.length === 0
                    ? t('accounts.noSkills')
                    : o.skills.map((s) => t(`accounts.skill.${s}`)).join(', ')}
                </td>
                <td>{t(`operatorStatus.${o.status}`)}</td>
                <td>
                  {o.disabled === true ? (
                    <strong className="account-disabled">{t('accounts.disabled')}</strong>
                  ) : (
                    t('accounts.active')
                  )}
                </td>
                <td>
                  {asking?.operator.id === o.id ? (
                    <span className="account-confirm" role="group" aria-label={t('accounts.confirmLabel')}>
                      <span>{t(`accounts.ask.${asking.action}`, { name: o.name })}</span>
                      <button
                        type="button"
                        className="primary"
                        onClick={() => {
                          confirm(asking);
                        }}
                      >
                        {t('accounts.confirm')}
                      </button>
                      <button
                        type="button"
                        onClick={() => {
                          setAsking(null);
                        }}
                      >
                        {t('accounts.cancel')}
                      </button>
                    </span>
                  ) : (
                    <span className="account-actions">
                      {offeredFor(o).map((action) => (
                        <button
                          key={action}
                          type="button"
                          aria-label={t(`accounts.label.${action}`, { name: o.name })}
                          // Not on their own account: that would lock the administrator out.
                          disabled={action !== 'account-enable' && o.id === me.id}
                          onClick={() => {
                            setAsking({ operator: o, action });
                          }}
                        >
                          {t(`accounts.button.${action}`)}
                        </button>
                      ))}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">{t('accounts.cli')}</p>
    </section>
  );
}
