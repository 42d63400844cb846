import { useTranslation } from 'react-i18next';

export interface Toast {
  readonly id: string;
  readonly kind: 'error' | 'info';
  readonly text: string;
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
          <span>{toast.text}</span>
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
