import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/translate';
import { describeEvent, formatDay } from './history';

const zh = (key: string, values?: Record<string, string | number>) => translate('zh', key, values);
const en = (key: string, values?: Record<string, string | number>) => translate('en', key, values);
const today = new Date('2026-12-02T00:00:00Z');
const lent = { type: 'vehicle_lent_v1', data: { vehicleCode: 'JG-MT-0117', loanId: 'LOAN-1', borrower: '福建三明矿业', site: '三明', dueDate: '2026-12-01', occurredAt: '2026-11-03T02:00:00Z' } };

describe('an event of a history as a sentence', () => {
  it('fills the sentence of its type from its data, days said as days', () => {
    expect(describeEvent(lent, 'zh', zh, { today })).toBe('租借给 福建三明矿业（三明），至 12月1日');
    expect(describeEvent(lent, 'en', en, { today })).toBe('Lent to 福建三明矿业 at 三明, until 1 Dec');
  });

  it('reads a later version of an event as the same sentence', () => {
    expect(describeEvent({ ...lent, type: 'vehicle_lent_v2' }, 'zh', zh)).toBe(describeEvent(lent, 'zh', zh));
  });

  it('shows the name of an event it has no sentence for', () => {
    expect(describeEvent({ type: 'vehicle_painted_v1', data: { colour: 'red' } }, 'zh', zh)).toBe('vehicle_painted_v1');
  });

  it('names a model as the catalogue names it in the reader\'s language, its code alone without the catalogue', () => {
    const registered = { type: 'vehicle_registered_v1', data: { model: 'MT-90E', category: 'mining-truck', region: 'east', warehouse: 'wuxi-1' } };
    const modelName = (code: string) => (code === 'MT-90E' ? 'MT-90E · 90吨纯电动宽体矿卡' : code);
    expect(describeEvent(registered, 'zh', zh, { modelName })).toContain('登记：MT-90E · 90吨纯电动宽体矿卡');
    expect(describeEvent(registered, 'zh', zh)).toContain('登记：MT-90E（');
  });

  it('says regions and categories in the reader\'s words, and one it has no word for as it is', () => {
    const registered = { type: 'vehicle_registered_v1', data: { model: 'MT-90E', category: 'mining-truck', region: 'east', warehouse: 'wuxi-1' } };
    expect(describeEvent(registered, 'zh', zh)).toBe('登记：MT-90E（矿用卡车），华东 wuxi-1');
    expect(describeEvent({ ...registered, data: { ...registered.data, region: 'east-9f3a' } }, 'zh', zh)).toContain('east-9f3a wuxi-1');
  });

  it('says numbers as numbers', () => {
    expect(describeEvent({ type: 'vehicle_returned_v1', data: { loanId: 'LOAN-1', hoursUsed: 1234.5 } }, 'en', en)).toBe('Back from loan LOAN-1 after 1,234.5 h of work');
  });
});

describe('an event with an object in its data', () => {
  const added = {
    type: 'customer_contact_added_v1',
    data: { customerId: 'CUS-1A2B3C4D5E', contact: { contactId: 'CUS-1A2B3C4D5E-C1', name: '李娜', phone: '138 0000 0000', email: null, role: '采购经理' }, occurredAt: '2026-11-03T02:00:00Z' },
  };

  it('names each field of the object under the object\'s name and its own, a missing one as a dash', () => {
    expect(describeEvent(added, 'zh', zh)).toBe('新增联系人 CUS-1A2B3C4D5E-C1：李娜，采购经理；电话 138 0000 0000，邮箱 —');
    expect(describeEvent(added, 'en', en)).toBe('Contact CUS-1A2B3C4D5E-C1 added: 李娜, 采购经理; phone 138 0000 0000, e-mail —');
  });

  it('says a region within the object in the reader\'s words too', () => {
    const moved = { type: 'customer_details_changed_v1', data: { customerId: 'CUS-1A2B3C4D5E', name: '包头钢铁', region: 'north' } };
    expect(describeEvent(moved, 'zh', zh)).toBe('名称与区域更正为 包头钢铁（华北）');
    expect(describeEvent({ type: 'x_v1', data: { place: { region: 'north' } } }, 'zh', (key, values) => (key === 'event.x' ? String(values?.placeRegion) : key))).toBe('华北');
  });
});

describe('a day', () => {
  it('carries its year only when it is not this one', () => {
    expect(formatDay('2026-12-01', 'zh', today)).toBe('12月1日');
    expect(formatDay('2025-03-09', 'zh', today)).toBe('2025年3月9日');
    expect(formatDay('not a day', 'en', today)).toBe('not a day');
  });
});
