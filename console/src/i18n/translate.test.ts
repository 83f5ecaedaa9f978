import { describe, expect, it } from 'vitest';
import { en, zh } from './messages';
import { initialLanguage, languages, translate } from './translate';

describe('translate', () => {
  it('gives the Chinese label in Chinese and the English one in English', () => {
    expect(translate('zh', 'nav.inventory')).toBe('库存表');
    expect(translate('en', 'nav.inventory')).toBe('Inventory');
  });

  it('falls back to English where Chinese lacks a label', () => {
    const key = 'nav.charts';
    const saved = zh[key];
    delete languages.zh[key];
    try {
      expect(translate('zh', key)).toBe(en[key]);
    } finally {
      languages.zh[key] = saved;
    }
  });

  it('gives an unknown key back as it is (an enum name the API added later)', () => {
    expect(translate('zh', 'status.Scrapped')).toBe('status.Scrapped');
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(translate('en', 'common.page', { page: 2, pages: 5, total: 230 })).toBe('Page 2 of 5 (230 in all)');
    expect(translate('en', 'vehicle.title')).toBe('Vehicle {code}');
  });

  it('has a Chinese label for every English one', () => {
    expect(Object.keys(en).filter((key) => !(key in zh))).toEqual([]);
  });
});

describe('initialLanguage', () => {
  it('is Chinese unless English was chosen', () => {
    expect(initialLanguage(null)).toBe('zh');
    expect(initialLanguage('fr')).toBe('zh');
    expect(initialLanguage('en')).toBe('en');
  });
});
