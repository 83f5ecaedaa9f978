import type { AuditEntry } from './audit';
import type { components } from './generated/orders';
import { command, get, getVersioned, post, segment, type Clocks, type Page, type Write } from './http';

// Orders' answers as its OpenAPI document says them (openapi/orders.json → generated/orders.ts: npm run api-types).
type Schemas = components['schemas'];

export const opportunityStages = ['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost'] as const satisfies readonly Schemas['OpportunityStage'][];
export type OpportunityStage = Schemas['OpportunityStage'];
export type OrderStatus = Schemas['OrderStatus'];
export type ProductModel = Schemas['ProductModel'];
/** The opportunity; its stream's version is its ETag (`"{version}"`). */
export type Opportunity = Schemas['OpportunityView'];
/** The form [表单填报] as the API reads it; empty inputs go as null so that the API names them. */
export type FileOpportunity = Schemas['FileOpportunityRequest'];
/** An order placed from a won opportunity: customer, region and sales rep come from it. */
export type PlaceOrder = Schemas['PlaceOrderRequest'];
export type IssueInvoice = Schemas['IssueInvoiceRequest'];
export type RecordPayment = Schemas['RecordPaymentRequest'];
export type Invoice = Schemas['Invoice'];
export type Order = Schemas['OrderView'];
/** A customer [客户档案]: its id (which its registered name gave) stays when it is renamed; its version is its ETag. */
export type Customer = Schemas['CustomerView'];
export type CustomerContact = Schemas['CustomerContact'];
/** A customer to register, with its first contacts; empty inputs go as null so that the API names them. */
export type RegisterCustomer = Schemas['RegisterCustomerRequest'];
export type ChangeCustomerDetails = Schemas['ChangeCustomerDetailsRequest'];
/** A contact's details, to add or to replace a contact's with (a field left out is cleared). */
export type ContactDetails = Schemas['CustomerContactRequest'];
export type CollectionRateRow = Schemas['CollectionRateRow'];
export type ConversionRateRow = Schemas['ConversionRateRow'];
export type CollectionRateFigure = Schemas['PeriodFigureOfCollectionRateRow'];
export type ConversionRateFigure = Schemas['PeriodFigureOfConversionRateRow'];
/** Either figure per period, as the charts read both: the document has one schema per row type (C# PeriodFigure<TRow>). */
export type PeriodFigure<TRow> = Omit<CollectionRateFigure, 'rows' | 'total'> & { rows: TRow[]; total: TRow | null };

export const ageingBuckets = ['current', 'days1To30', 'days31To60', 'days61To90', 'over90'] as const satisfies readonly (keyof Schemas['ReceivablesRow'])[];
export type ReceivablesRow = Schemas['ReceivablesRow'];
export type ReceivablesFigure = Schemas['ReceivablesFigure'];
export type PipelineFigure = Schemas['PipelineFigure'];
export type OrderTrendsFigure = Schemas['OrderTrendsFigure'];

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
  opportunities: (query: { stage?: string; region?: string; customerId?: string; search?: string; sort?: string; page: number; pageSize: number }) =>
    get<Page<Opportunity>>(`${base}/opportunities`, query),
  orders: (query: { region?: string; customer?: string; customerId?: string; search?: string; sort?: string; page: number; pageSize: number }) =>
    get<Page<Order>>(`${base}/orders`, query),
  order: (id: string) => getVersioned<Order>(`${base}/orders/${segment(id)}`),
  issueInvoice: (id: string, invoice: IssueInvoice, write: Write) =>
    command<Order>(`${base}/orders/${segment(id)}/invoices`, invoice, write),
  recordPayment: (id: string, payment: RecordPayment, write: Write) =>
    command<Order>(`${base}/orders/${segment(id)}/payments`, payment, write),
  registerCustomer: (customer: RegisterCustomer, idempotencyKey: string) => post<Customer>(`${base}/customers`, customer, idempotencyKey),
  customers: (query: { region?: string; search?: string; sort?: string; page: number; pageSize: number }) =>
    get<Page<Customer>>(`${base}/customers`, query),
  customer: (id: string) => getVersioned<Customer>(`${base}/customers/${segment(id)}`),
  customerHistory: (id: string, page: number, pageSize: number) =>
    get<Page<AuditEntry>>(`${base}/customers/${segment(id)}/history`, { page, pageSize }),
  changeCustomerDetails: (id: string, details: ChangeCustomerDetails, write: Write) =>
    command<Customer>(`${base}/customers/${segment(id)}/details`, details, write),
  addContact: (id: string, contact: ContactDetails, write: Write) => command<Customer>(`${base}/customers/${segment(id)}/contacts`, contact, write),
  changeContact: (id: string, contactId: string, contact: ContactDetails, write: Write) =>
    command<Customer>(`${base}/customers/${segment(id)}/contacts/${segment(contactId)}`, contact, write),
  removeContact: (id: string, contactId: string, write: Write) =>
    command<Customer>(`${base}/customers/${segment(id)}/contacts/${segment(contactId)}/removal`, {}, write),
  pipeline: (asOf?: string) => get<PipelineFigure>(`${base}/figures/pipeline`, { asOf }),
  collectionRate: (query: { period: string; groupBy: string } & Clocks) =>
    get<CollectionRateFigure>(`${base}/figures/collection-rate`, query),
  receivables: (query: { groupBy: string } & Clocks) => get<ReceivablesFigure>(`${base}/figures/receivables`, query),
  conversionRate: (query: { period: string; groupBy: string } & Clocks) =>
    get<ConversionRateFigure>(`${base}/figures/conversion-rate`, query),
  orderTrends: (query: { from: string; to: string } & Clocks) => get<OrderTrendsFigure>(`${base}/figures/order-trends`, query),
};
