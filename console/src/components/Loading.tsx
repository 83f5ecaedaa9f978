import type { ReactNode } from 'react';
import { useLanguage } from '../i18n/language';
import { ProblemMessage } from './ProblemMessage';
import type { Loaded } from './useApi';

/** Shows what was loaded, or that it is loading, or why it failed: never a blank page. */
export function Loading<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  switch (loaded.state) {
    case 'loading':
      return <LoadingText />;
    case 'error':
      return <ProblemMessage error={loaded.error} />;
    case 'ready':
      return <>{children(loaded.data)}</>;
  }
}

/** That something is on its way: data, or the script of a page loaded when first opened. */
export function LoadingText() {
  const { t } = useLanguage();
  return <p className="muted">{t('common.loading')}</p>;
}
