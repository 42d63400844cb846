import { useTranslation } from 'react-i18next';

export interface Toast {
  readonly id: string;
  readonly kind: 'error' | 'info';
  /**
   * Text in the desk's own words is kept as a function, read at each render: a toast raised
   * before the operator switched language then reads in the language the interface is in.
   * Text from the hub (a free-text reason) is a plain string and stays as it came.
   */
  readonly text: string | (() => string);
}

export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.kind}`}
          role={toast.kind === 'error' ? 'alert' : 'status'}
          data-testid="toast"
        >
          <span>{typeof toast.text === 'function' ? toast.text() : toast.text}</span>
          <button
            type="button"
            onClick={() => {
              onDismiss(toast.id);
            }}
          >
            {t('outcome.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
