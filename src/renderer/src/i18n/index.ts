import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { areasCy, areasEn } from './areas';
import { cy } from './cy';
import { en } from './en';

export type UiLanguage = 'en' | 'cy';
const STORAGE_KEY = 'desk.uiLanguage';

export function storedLanguage(): UiLanguage {
  return localStorage.getItem(STORAGE_KEY) === 'cy' ? 'cy' : 'en';
}

/** One i18next instance for the console; the language switches at runtime without reload. */
export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: { ...en, ...areasEn } }, cy: { translation: { ...cy, ...areasCy } } },
    lng: storedLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}

export async function setUiLanguage(language: UiLanguage): Promise<void> {
  localStorage.setItem(STORAGE_KEY, language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
