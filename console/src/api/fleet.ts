import type { AuditEntry } from './audit';
import { command, get, getVersioned, post, segment, type Page, type Write } from './http';

// Shapes of fleet's answers (services/Fleet/JinGong.Fleet/Vehicles/**: InventoryLine, VehicleView, UtilizationRow …).

export const vehicleStatuses = ['InStock', 'Reserved', 'InTransit', 'OnLoan', 'Delivered', 'InMaintenance', 'Retired'] as const;
export type VehicleStatus = (typeof vehicleStatuses)[number];

export interface InventoryLine {
  code: string;
  model: string;
  category: string;
  region: string;
  warehouse: string;
  status: VehicleStatus;
  holder: string | null;
}

/** How many vehicles share a model, status, region and warehouse. */
export type InventoryCount = Pick<InventoryLine, 'model' | 'status' | 'region' | 'warehouse'> & { count: number };

export interface InventoryFilter {
  model?: string;
  status?: string;
  region?: string;
  warehouse?: string;
  /** The start of a code, model, warehouse or holder, in any case. */
  search?: string;
}

export interface Vehicle extends Omit<InventoryLine, 'holder'> {
  registeredAt: string;
  reservedFor: string | null;
  loan: { loanId: string; borrower: string; site: string; dueDate: string } | null;
  transfer: { transferId: string; toWarehouse: string; toRegion: string } | null;
  customer: string | null;
  version: number;
}


/** A stretch of time the vehicle stood in one status and region; `to` is null for the one it is in now (fleet's VehicleStatusTimeline). */
export interface StatusSpell {
  from: string;
  to: string | null;
  status: VehicleStatus;
  statusBeforeMaintenance: VehicleStatus | null;
  region: string;
}

export interface VehicleStatusTimeline {
  code: string;
  spells: StatusSpell[];
}

/** GeoJSON: positions are [longitude, latitude]. */
export interface Trajectory {
  type: 'Feature';
  geometry: { type: 'LineString'; coordinates: [number, number][] };
  properties: { vehicleCode: string; times: string[]; operatingHours: number[] };
}

export interface UtilizationRow {
  key: string;
  vehicles: number;
  deployedHours: number;
  availableHours: number;
  timeUtilization: number | null;
  operatingHours: number;
  scheduledHours: number;
  operatingUtilization: number | null;
}

export interface FleetUtilization {
  period: string;
  from: string;
  to: string;
  asOf: string;
  groupBy: string;
  rows: UtilizationRow[];
  total: UtilizationRow;
}

export interface VehicleUtilization {
  vehicleCode: string;
  period: string;
  periods: UtilizationRow[];
  total: UtilizationRow;
}

const base = '/api/fleet';

export const fleet = {
  /** `sort` is a column, `-column` for descending (the API's `?sort=`). */
  inventory: (filter: InventoryFilter, page: number, pageSize: number, sort?: string) =>
    get<Page<InventoryLine>>(`${base}/inventory`, { ...filter, sort, page, pageSize }),
  counts: (filter: InventoryFilter) => get<InventoryCount[]>(`${base}/inventory/counts`, { ...filter }),
  register: (vehicle: { code: string | null; model: string | null; category: string | null; region: string | null; warehouse: string | null }, idempotencyKey: string) =>
    post<Vehicle>(`${base}/vehicles`, vehicle, idempotencyKey),
  vehicle: (code: string) => getVersioned<Vehicle>(`${base}/vehicles/${segment(code)}`),
  openMaintenance: (code: string, reason: string | null, write: Write) =>
    command<Vehicle>(`${base}/vehicles/${segment(code)}/maintenance`, { reason }, write),
  closeMaintenance: (code: string, outcome: string | null, write: Write) =>
    command<Vehicle>(`${base}/vehicles/${segment(code)}/maintenance/close`, { outcome }, write),
  retire: (code: string, reason: string | null, write: Write) => command<Vehicle>(`${base}/vehicles/${segment(code)}/retirement`, { reason }, write),
  history: (code: string) => get<AuditEntry[]>(`${base}/vehicles/${segment(code)}/history`),
  statusTimeline: (code: string) => get<VehicleStatusTimeline>(`${base}/vehicles/${segment(code)}/status-timeline`),
  trajectory: (code: string) => get<Trajectory>(`${base}/vehicles/${segment(code)}/trajectory`),
  vehicleUtilization: (code: string, from: string, to: string) =>
    get<VehicleUtilization>(`${base}/vehicles/${segment(code)}/utilization`, { from, to, granularity: 'month' }),
  utilization: (query: { period: string; groupBy: string; asOf?: string }) => get<FleetUtilization>(`${base}/utilization`, query),
};
