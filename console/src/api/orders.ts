import { command, get, getVersioned, post, segment, type Page, type Write } from './http';

// Shapes of orders' answers (services/Orders/JinGong.Orders/**: OpportunityView, OrderView, Figures/*).

export const opportunityStages = ['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost'] as const;
export type OpportunityStage = (typeof opportunityStages)[number];
export type OrderStatus = 'Placed' | 'PartlyDelivered' | 'Delivered' | 'Cancelled';

export interface ProductModel {
  model: string;
  category: string;
  name: string;
}

export interface Opportunity {
  id: string;
  customer: string;
  region: string;
  salesRep: string;
  lines: { model: string; quantity: number }[];
  expectedAmount: number;
  expectedCloseDate: string;
  stage: OpportunityStage;
  filedAt: string;
  lostReason: string | null;
  orderId: string | null;
  stages: { stage: OpportunityStage; on: string }[];
  /** The stream's version: its ETag is `"{version}"`. */
  version: number;
}

/** The form [表单填报] as the API reads it; empty inputs go as null so that the API names them. */
export interface FileOpportunity {
  customer: string | null;
  region: string | null;
  salesRep: string | null;
  lines: { model: string | null; quantity: number | null }[];
  expectedAmount: number | null;
  expectedCloseDate: string | null;
}

/** An order placed from a won opportunity: customer, region and sales rep come from it. */
export interface PlaceOrder {
  opportunityId: string;
  deliverySite: string | null;
  lines: { model: string | null; quantity: number | null; unitPrice: number | null }[];
}

export interface Invoice {
  invoiceId: string;
  amount: number;
  issueDate: string;
  dueDate: string;
  payments: { paymentId: string; amount: number; paidOn: string }[];
}

export interface Order {
  id: string;
  opportunityId: string | null;
  customer: string;
  region: string;
  salesRep: string;
  deliverySite: string;
  lines: { model: string; quantity: number; unitPrice: number }[];
  currency: string;
  units: number;
  amount: number;
  status: OrderStatus;
  placedAt: string;
  cancelledAt: string | null;
  cancellationReason: string | null;
  reservedVehicles: string[];
  deliveredVehicles: string[];
  invoices: Invoice[];
  invoiced: number;
  paid: number;
  receivable: number;
}

export interface PeriodFigure<TRow> {
  period: string;
  asOf: string;
  groupBy: string;
  rows: TRow[];
  total: TRow;
}

export interface CollectionRateRow {
  key: string;
  amountDue: number;
  collected: number;
  rate: number | null;
}

export interface ConversionRateRow {
  key: string;
  won: number;
  lost: number;
  rate: number | null;
}

export const ageingBuckets = ['current', 'days1To30', 'days31To60', 'days61To90', 'over90'] as const;

export type ReceivablesRow = { key: string; overdue: number; outstanding: number; daysSalesOutstanding: number | null } & Record<
  (typeof ageingBuckets)[number],
  number
>;

export interface ReceivablesFigure {
  asOf: string;
  groupBy: string;
  rows: ReceivablesRow[];
  total: ReceivablesRow;
}

export interface PipelineFigure {
  asOf: string;
  stages: { stage: OpportunityStage; count: number; expectedAmount: number }[];
  count: number;
  expectedAmount: number;
}

export interface OrderTrendsFigure {
  from: string;
  to: string;
  asOf: string;
  rows: { month: string; model: string; region: string; units: number; amount: number }[];
}

const base = '/api/orders';

export const orders = {
  models: () => get<ProductModel[]>(`${base}/models`),
  fileOpportunity: (form: FileOpportunity, idempotencyKey: string) => post<Opportunity>(`${base}/opportunities`, form, idempotencyKey),
  opportunity: (id: string) => getVersioned<Opportunity>(`${base}/opportunities/${segment(id)}`),
  moveOpportunity: (id: string, stage: string | null, write: Write) =>
    command<Opportunity>(`${base}/opportunities/${segment(id)}/stage`, { stage }, write),
  winOpportunity: (id: string, write: Write) => command<Opportunity>(`${base}/opportunities/${segment(id)}/won`, {}, write),
  loseOpportunity: (id: string, reason: string | null, write: Write) =>
    command<Opportunity>(`${base}/opportunities/${segment(id)}/lost`, { reason }, write),
  reopenOpportunity: (id: string, reason: string | null, write: Write) =>
    command<Opportunity>(`${base}/opportunities/${segment(id)}/reopening`, { reason }, write),
  placeOrder: (order: PlaceOrder, idempotencyKey: string) => post<Order>(`${base}/orders`, order, idempotencyKey),
  opportunities: (query: { stage?: string; region?: string; search?: string; sort?: string; page: number; pageSize: number }) =>
    get<Page<Opportunity>>(`${base}/opportunities`, query),
  orders: (query: { region?: string; customer?: string; search?: string; sort?: string; page: number; pageSize: number }) =>
    get<Page<Order>>(`${base}/orders`, query),
  order: (id: string) => getVersioned<Order>(`${base}/orders/${segment(id)}`),
  issueInvoice: (id: string, invoice: { amount: number | null; issueDate: string | null; dueDate: string | null }, write: Write) =>
    command<Order>(`${base}/orders/${segment(id)}/invoices`, invoice, write),
  recordPayment: (id: string, payment: { invoiceId: string | null; amount: number | null; paidOn: string | null }, write: Write) =>
    command<Order>(`${base}/orders/${segment(id)}/payments`, payment, write),
  pipeline: (asOf?: string) => get<PipelineFigure>(`${base}/figures/pipeline`, { asOf }),
  collectionRate: (query: { period: string; groupBy: string; asOf?: string }) =>
    get<PeriodFigure<CollectionRateRow>>(`${base}/figures/collection-rate`, query),
  receivables: (query: { groupBy: string; asOf?: string }) => get<ReceivablesFigure>(`${base}/figures/receivables`, query),
  conversionRate: (query: { period: string; groupBy: string; asOf?: string }) =>
    get<PeriodFigure<ConversionRateRow>>(`${base}/figures/conversion-rate`, query),
  orderTrends: (query: { from: string; to: string; asOf?: string }) => get<OrderTrendsFigure>(`${base}/figures/order-trends`, query),
};
