import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError, IpcErrorCode } from '../../../shared/ipc/result';

/**
 * What a failed call says to the operator. The engine and shells write their messages in
 * English, and those stay as they are in English. In Welsh the code's own sentence comes
 * first and the English detail follows in brackets where it adds something (which field,
 * which conversation), so nothing the engine knew is hidden.
 *
 * The function is the same for the component's whole life and reads the language at each
 * call: a toast keeping `() => errorText(error)` follows a later switch of language, and a
 * load that lists it among its dependencies does not run again when the language changes.
 */
export function useErrorText(): (error: IpcError) => string {
  const { i18n } = useTranslation();
  const latest = useRef(i18n);
  useEffect(() => {
    latest.current = i18n;
  });
  return useCallback((error: IpcError) => {
    const i18nNow = latest.current;
    if (i18nNow.language !== 'cy') return error.message;
    const sentence = i18nNow.t(`errors.${errorKey(error.code)}`);
    return DETAIL_ADDS_NOTHING.has(error.code) ? sentence : `${sentence} (${error.message})`;
  }, []);
}

type ErrorKey = 'fault' | Exclude<IpcErrorCode, 'unknown-channel' | 'untrusted-sender' | 'invalid-output'>;

/** Codes that only a fault in the console itself produces share one sentence. */
function errorKey(code: IpcErrorCode): ErrorKey {
  return code === 'unknown-channel' || code === 'untrusted-sender' || code === 'invalid-output'
    ? 'fault'
    : code;
}

const DETAIL_ADDS_NOTHING: ReadonlySet<IpcErrorCode> = new Set<IpcErrorCode>(['shell-gone', 'not-signed-in']);
