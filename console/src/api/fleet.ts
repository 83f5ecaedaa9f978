import type { AuditEntry } from './audit';
import type { components } from './generated/fleet';
import { command, get, getVersioned, post, segment, type Clocks, type Page, type Write } from './http';

// Fleet's answers as its OpenAPI document says them (openapi/fleet.json → generated/fleet.ts: npm run api-types).
type Schemas = components['schemas'];

export const vehicleStatuses = ['InStock', 'Reserved', 'InTransit', 'OnLoan', 'Delivered', 'InMaintenance', 'Retired'] as const satisfies readonly Schemas['VehicleStatus'][];
export type VehicleStatus = Schemas['VehicleStatus'];
export type InventoryLine = Schemas['InventoryLine'];
/** How many vehicles share a model, status, region and warehouse. */
export type InventoryCount = Schemas['InventoryCount'];

export interface InventoryFilter {
  model?: string;
  status?: string;
  region?: string;
  warehouse?: string;
  /** The start of a code, model, warehouse or holder, in any case. */
  search?: string;
}

export type Vehicle = Schemas['VehicleView'];
export type RegisterVehicle = Schemas['RegisterVehicleRequest'];
/** A warehouse vehicles are registered at and transferred to, in one region. */
export type Warehouse = Schemas['WarehouseView'];
export type OpenWarehouse = Schemas['OpenWarehouseRequest'];
/** A stretch of time the vehicle stood in one status and region; `to` is null for the one it is in now. */
export type StatusSpell = Schemas['StatusSpellView'];
export type VehicleStatusTimeline = Schemas['VehicleStatusTimeline'];
export type UtilizationRow = Schemas['UtilizationRow'];
export type FleetUtilization = Schemas['FleetUtilization'];
export type VehicleUtilization = Schemas['VehicleUtilization'];
/** Each vehicle the inventory's filters choose where it was last known to be, and how many are left off and why. */
export type FleetPositions = Schemas['FleetPositions'];
export type VehiclePosition = Schemas['VehiclePosition'];
/** A site [工地]: a named circle on the map (centre in degrees, radius in metres). */
export type Site = Schemas['SiteView'];

// Written by hand: fleet writes the trajectory as GeoJSON text of its own, which its document does not describe.
/**
 * GeoJSON (RFC 7946): positions are [longitude, latitude]; one reading is a Point, none an empty GeometryCollection.
 * A long range comes simplified by the server: `readings` says how many readings the points stand for.
 */
export interface Trajectory {
  type: 'Feature';
  geometry:
    | { type: 'LineString'; coordinates: [number, number][] }
    | { type: 'Point'; coordinates: [number, number] }
    | { type: 'GeometryCollection'; geometries: [] };
  properties: { vehicleCode: string; readings: number; simplified: boolean; times: string[]; operatingHours: number[] };
}

/** The path's positions in time order, whatever geometry carries them. */
export function positions(trajectory: Trajectory): [number, number][] {
  const geometry = trajectory.geometry;
  return geometry.type === 'LineString' ? geometry.coordinates : geometry.type === 'Point' ? [geometry.coordinates] : [];
}

const base = '/api/fleet';

export const fleet = {
  /** `sort` is a column, `-column` for descending (the API's `?sort=`). */
  inventory: (filter: InventoryFilter, page: number, pageSize: number, sort?: string) =>
    get<Page<InventoryLine>>(`${base}/inventory`, { ...filter, sort, page, pageSize }),
  counts: (filter: InventoryFilter) => get<InventoryCount[]>(`${base}/inventory/counts`, { ...filter }),
  positions: (filter: InventoryFilter) => get<FleetPositions>(`${base}/inventory/positions`, { ...filter }),
  sites: () => get<Site[]>(`${base}/sites`),
  register: (vehicle: RegisterVehicle, idempotencyKey: string) =>
    post<Vehicle>(`${base}/vehicles`, vehicle, idempotencyKey),
  warehouses: () => get<Warehouse[]>(`${base}/warehouses`),
  openWarehouse: (warehouse: OpenWarehouse, idempotencyKey: string) => post<Warehouse>(`${base}/warehouses`, warehouse, idempotencyKey),
  vehicle: (code: string) => getVersioned<Vehicle>(`${base}/vehicles/${segment(code)}`),
  openMaintenance: (code: string, reason: string | null, write: Write) =>
    command<Vehicle>(`${base}/vehicles/${segment(code)}/maintenance`, { reason }, write),
  closeMaintenance: (code: string, outcome: string | null, write: Write) =>
    command<Vehicle>(`${base}/vehicles/${segment(code)}/maintenance/close`, { outcome }, write),
  retire: (code: string, reason: string | null, write: Write) => command<Vehicle>(`${base}/vehicles/${segment(code)}/retirement`, { reason }, write),
  /** One page of the vehicle's events, newest first. */
  history: (code: string, page: number, pageSize: number) =>
    get<Page<AuditEntry>>(`${base}/vehicles/${segment(code)}/history`, { page, pageSize }),
  statusTimeline: (code: string) => get<VehicleStatusTimeline>(`${base}/vehicles/${segment(code)}/status-timeline`),
  trajectory: (code: string) => get<Trajectory>(`${base}/vehicles/${segment(code)}/trajectory`),
  vehicleUtilization: (code: string, from: string, to: string) =>
    get<VehicleUtilization>(`${base}/vehicles/${segment(code)}/utilization`, { from, to, granularity: 'month' }),
  utilization: (query: { period: string; groupBy: string } & Clocks) => get<FleetUtilization>(`${base}/utilization`, query),
};
