import type { components } from './generated/dispatch';
import { command, get, getVersioned, post, segment, type Write } from './http';

// Dispatch's answers as its OpenAPI document says them (openapi/dispatch.json → generated/dispatch.ts: npm run api-types).
type Schemas = components['schemas'];

/** A loan as lists show it (the board, `/loans`) and as a write answers it. */
export type Loan = Schemas['LoanSummary'] | Schemas['LoanView'];
/** An order's allocation [调度]: each unit of the order, the vehicle it got and where its delivery stands. */
export type Allocation = Schemas['AllocationView'];
export type Transfer = Schemas['TransferSummary'] | Schemas['TransferView'];
export type RegionBoard = Schemas['RegionBoard'];
export type DispatchBoard = Schemas['DispatchBoard'];
/** A sales region and its home warehouse. */
export type Region = Schemas['Region'];
export type ScheduleDelivery = Schemas['ScheduleDeliveryRequest'];
export type PlanTransfer = Schemas['PlanTransferRequest'];
export type LendVehicle = Schemas['LendVehicleRequest'];

const base = '/api/dispatch';

export const dispatch = {
  regions: () => get<Region[]>(`${base}/regions`),
  board: (region?: string) => get<DispatchBoard>(`${base}/board`, { region }),
  overdueLoans: (region?: string) => get<Schemas['PageOfLoanSummary']>(`${base}/loans`, { region, overdue: true, pageSize: 500 }),
  allocation: (orderId: string) => getVersioned<Allocation>(`${base}/allocations/${segment(orderId)}`),
  scheduleDelivery: (orderId: string, delivery: ScheduleDelivery, write: Write) =>
    command<Allocation>(`${base}/allocations/${segment(orderId)}/deliveries`, delivery, write),
  confirmDelivery: (orderId: string, vehicleCode: string | null, write: Write) =>
    command<Allocation>(`${base}/allocations/${segment(orderId)}/deliveries/confirmation`, { vehicleCode }, write),
  planTransfer: (transfer: PlanTransfer, idempotencyKey: string) =>
    post<Schemas['TransferView']>(`${base}/transfers`, transfer, idempotencyKey),
  reportTransferArrival: (transferId: string, idempotencyKey: string) => post<Schemas['TransferView']>(`${base}/transfers/${segment(transferId)}/arrival`, {}, idempotencyKey),
  lend: (loan: LendVehicle, idempotencyKey: string) =>
    post<Schemas['LoanView']>(`${base}/loans`, loan, idempotencyKey),
  returnLent: (loanId: string, hoursUsed: number | null, idempotencyKey: string) =>
    post<Schemas['LoanView']>(`${base}/loans/${segment(loanId)}/return`, { hoursUsed }, idempotencyKey),
};
