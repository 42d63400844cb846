import 'i18next';
import type { areasEn } from './areas';
import type { en } from './en';

// Typed translation keys: a missing or misspelt key fails the type check.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en & typeof areasEn };
  }
}
