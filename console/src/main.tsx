import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { currentUser, describe, signIn } from './auth/auth';
import { LanguageProvider } from './i18n/language';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

// Nobody is let into the console unsigned: every page calls the API, which would refuse them.
currentUser().then(
  (user) => {
    if (!user) {
      return signIn();
    }
    root.render(
      <StrictMode>
        <LanguageProvider>
          <App user={describe(user)} />
        </LanguageProvider>
      </StrictMode>,
    );
  },
  (error: unknown) => {
    const message = document.createElement('p');
    message.className = 'problem';
    message.textContent = `Sign-in failed 登录失败: ${String(error)}`;
    const retry = document.createElement('a');
    retry.href = '/';
    retry.textContent = ' ↻';
    message.append(retry);
    document.getElementById('root')!.replaceChildren(message);
  },
);
