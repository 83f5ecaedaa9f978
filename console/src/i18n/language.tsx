import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { answerIn } from '../api/http';
import { initialLanguage, translate, translateWord, type Language } from './translate';

const storageKey = 'jingong.language';

interface LanguageContextValue {
  language: Language;
  toggle: () => void;
  t: (key: string, values?: Record<string, string | number>) => string;
  /** A word of the company's reference data (`region`, `category`, `model`) in the reader's language, or as it is when the console has none. */
  word: (kind: string, value: string) => string;
}

const LanguageContext = createContext<LanguageContextValue | undefined>(undefined);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(() => initialLanguage(window.localStorage.getItem(storageKey)));
  useEffect(() => {
    window.localStorage.setItem(storageKey, language);
    document.documentElement.lang = htmlLanguage(language);
  }, [language]);
  const toggle = useCallback(() => setLanguage((current) => (current === 'zh' ? 'en' : 'zh')), []);
  const value = useMemo(() => {
    // Set while rendering, before any page's effect asks the API: its refusals then come in the reader's language.
    answerIn(htmlLanguage(language));
    return {
      language,
      toggle,
      t: (key: string, values?: Record<string, string | number>) => translate(language, key, values),
      word: (kind: string, value: string) => translateWord(language, kind, value),
    };
  }, [language, toggle]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

const htmlLanguage = (language: Language) => (language === 'zh' ? 'zh-CN' : 'en');

export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) {
    throw new Error('useLanguage outside LanguageProvider');
  }
  return value;
}
