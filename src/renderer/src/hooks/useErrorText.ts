import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError, IpcErrorCode } from '../../../shared/ipc/result';

/**
 * What a failed call says to the operator. The engine and shells write their messages in
 * English, and those stay as they are in English. In Welsh the code's own sentence comes
 * first and the English detail follows in brackets where it adds something (which field,
 * which conversation), so nothing the engine knew is hidden.
 */
export function useErrorText(): (error: IpcError) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: IpcError) => {
      if (i18n.language !== 'cy') return error.message;
      const sentence = t(`errors.${errorKey(error.code)}`);
      return DETAIL_ADDS_NOTHING.has(error.code) ? sentence : `${sentence} (${error.message})`;
    },
    [t, i18n.language],
  );
}

type ErrorKey = 'fault' | Exclude<IpcErrorCode, 'unknown-channel' | 'untrusted-sender' | 'invalid-output'>;

/** Codes that only a fault in the console itself produces share one sentence. */
function errorKey(code: IpcErrorCode): ErrorKey {
  return code === 'unknown-channel' || code === 'untrusted-sender' || code === 'invalid-output'
    ? 'fault'
    : code;
}

const DETAIL_ADDS_NOTHING: ReadonlySet<IpcErrorCode> = new Set<IpcErrorCode>(['shell-gone', 'not-signed-in']);
