import type { ReactNode } from 'react';
import { useLanguage } from '../i18n/language';
import { ProblemMessage } from './ProblemMessage';
import type { Loaded } from './useApi';

/** Shows what was loaded, or that it is loading, or why it failed: never a blank page. */
export function Loading<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  const { t } = useLanguage();
  switch (loaded.state) {
    case 'loading':
      return <p className="muted">{t('common.loading')}</p>;
    case 'error':
      return <ProblemMessage error={loaded.error} />;
    case 'ready':
      return <>{children(loaded.data)}</>;
  }
}
