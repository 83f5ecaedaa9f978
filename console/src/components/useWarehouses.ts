import { fleet, type Warehouse } from '../api/fleet';
import { useLanguage } from '../i18n/language';
import { useApi } from './useApi';

/**
 * The open warehouses (`GET /api/fleet/warehouses`) as a form's choices, each with its region in the reader's words:
 * a vehicle is registered at, or transferred to, one of them, and takes its region. Read on each page that offers
 * them, and again when `opened` changes (the one just opened). `except` leaves out the one a vehicle is at.
 */
export function useWarehouseChoices(except?: string, opened?: string): { warehouses: readonly Warehouse[]; options: { value: string; label: string }[] } {
  const { word } = useLanguage();
  const loaded = useApi(`warehouses:${opened ?? ''}`, fleet.warehouses);
  const warehouses = loaded.state === 'ready' ? loaded.data : [];
  return {
    warehouses,
    options: warehouses
      .filter((warehouse) => warehouse.code !== except)
      .map((warehouse) => ({ value: warehouse.code, label: `${warehouse.code} · ${word('region', warehouse.region)}` })),
  };
}
