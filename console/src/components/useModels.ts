import { useCallback } from 'react';
import { orders, type ProductModel } from '../api/orders';
import { useLanguage } from '../i18n/language';
import { useApi, type Loaded } from './useApi';

// One request per page load and language, shared by every page that shows or offers a model.
const loaded = new Map<string, Promise<ProductModel[]>>();

/**
 * The models the company sells (`GET /api/orders/models`), each named in the reader's language (the API answers in the
 * one the console asks for): what forms offer and pages show. Asked again when the reader changes language, or after a
 * request that failed.
 */
export function useModels(): Loaded<ProductModel[]> {
  const { language } = useLanguage();
  return useApi(`models:${language}`, () => {
    const asked = loaded.get(language) ?? orders.models();
    loaded.set(language, asked);
    asked.catch(() => loaded.delete(language));
    return asked;
  });
}

/** A model as a list offers it: its code and its name (`MT-90E · 90吨纯电动宽体矿卡`). */
export const modelLabel = (model: ProductModel) => `${model.model} · ${model.name}`;

/** A model's code as people read it: with its name in the reader's language, or the code alone until the names arrive (or for a model the catalogue does not list). */
export function useModelNames(): (code: string) => string {
  const models = useModels();
  return useCallback(
    (code: string) => {
      const known = models.state === 'ready' ? models.data.find((model) => model.model === code) : undefined;
      return known ? modelLabel(known) : code;
    },
    [models],
  );
}
