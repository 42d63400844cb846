import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { obtainDesk } from './desk';
import { initI18n } from './i18n';
import { applyTheme, storedTheme } from './theme';
import './styles.css';

applyTheme(storedTheme());
const root = createRoot(document.getElementById('root') as HTMLElement);

Promise.all([obtainDesk(), initI18n()])
  .then(([desk]) => {
    root.render(
      <StrictMode>
        <App desk={desk} />
      </StrictMode>,
    );
  })
  .catch((error: unknown) => {
    root.render(
      <main className="fatal" role="alert">
        <h1>Social Desk could not start</h1>
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </main>,
    );
  });
