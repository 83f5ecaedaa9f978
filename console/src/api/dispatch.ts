import { get, type Page } from './http';

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
};
