import { command, get, getVersioned, post, segment, type Page, type Write } from './http';

// Shapes of dispatch's answers (services/Dispatch/JinGong.Dispatch/Board/BoardEndpoint.cs, Loans/Loan.cs, Transfers/Transfer.cs).

export interface Loan {
  loanId: string;
  vehicleCode: string;
  model: string;
  region: string;
  borrower: string;
  site: string;
  dueDate: string;
  status: 'Requested' | 'Out' | 'Returning' | 'Returned' | 'Refused';
}

/** An order's allocation [调度]: each unit of the order, the vehicle it got and where its delivery stands. */
export interface Allocation {
  orderId: string;
  customer: string;
  region: string;
  deliverySite: string;
  cancelled: boolean;
  units: {
    number: number;
    model: string;
    status: 'Waiting' | 'Requested' | 'Backordered' | 'Reserved' | 'AwaitingTransfer' | 'InTransit' | 'Scheduled' | 'Delivering' | 'Delivered' | 'Released';
    vehicleCode: string | null;
    deliveryDate: string | null;
    deliverySite: string | null;
  }[];
  version: number;
}

export interface Transfer {
  transferId: string;
  vehicleCode: string;
  fromWarehouse: string;
  toWarehouse: string;
  toRegion: string;
  status: 'Requested' | 'InTransit' | 'Arriving' | 'Arrived' | 'Refused';
}

export interface RegionBoard {
  region: string;
  openAllocations: number;
  backorders: { orderId: string; unit: number; model: string }[];
  unitsInTransit: { orderId: string; unit: number; vehicleCode: string; transferId: string | null; status: 'AwaitingTransfer' | 'InTransit' }[];
  transfersInTransit: Transfer[];
  loansOut: Loan[];
  loansOverdue: Loan[];
  deliveriesThisWeek: { orderId: string; vehicleCode: string; date: string; site: string }[];
}

export interface DispatchBoard {
  today: string;
  weekStart: string;
  weekEnd: string;
  regions: RegionBoard[];
}

const base = '/api/dispatch';

/** A sales region and its home warehouse (services/Dispatch/JinGong.Dispatch/Regions/RegionMap.cs). */
export interface Region {
  name: string;
  warehouse: string;
  latitude: number;
  longitude: number;
}

export const dispatch = {
  regions: () => get<Region[]>(`${base}/regions`),
  board: (region?: string) => get<DispatchBoard>(`${base}/board`, { region }),
  overdueLoans: (region?: string) => get<Page<Loan>>(`${base}/loans`, { region, overdue: true, pageSize: 500 }),
  allocation: (orderId: string) => getVersioned<Allocation>(`${base}/allocations/${segment(orderId)}`),
  scheduleDelivery: (orderId: string, delivery: { vehicleCode: string | null; date: string | null; site: string | null }, write: Write) =>
    command<Allocation>(`${base}/allocations/${segment(orderId)}/deliveries`, delivery, write),
  confirmDelivery: (orderId: string, vehicleCode: string | null, write: Write) =>
    command<Allocation>(`${base}/allocations/${segment(orderId)}/deliveries/confirmation`, { vehicleCode }, write),
  planTransfer: (transfer: { vehicleCode: string; toWarehouse: string | null; toRegion: string | null }, idempotencyKey: string) =>
    post<Transfer>(`${base}/transfers`, transfer, idempotencyKey),
  reportTransferArrival: (transferId: string, idempotencyKey: string) => post<Transfer>(`${base}/transfers/${segment(transferId)}/arrival`, {}, idempotencyKey),
  lend: (loan: { vehicleCode: string; borrower: string | null; site: string | null; dueDate: string | null }, idempotencyKey: string) =>
    post<Loan>(`${base}/loans`, loan, idempotencyKey),
  returnLent: (loanId: string, hoursUsed: number | null, idempotencyKey: string) =>
    post<Loan>(`${base}/loans/${segment(loanId)}/return`, { hoursUsed }, idempotencyKey),
};
