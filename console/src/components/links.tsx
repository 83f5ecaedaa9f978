import type { ReactNode } from 'react';
import { Link } from 'react-router';

// Links to the console's record pages, each record's id as the API names it.

export const VehicleLink = ({ code }: { code: string }) => <Link to={`/vehicles/${encodeURIComponent(code)}`}>{code}</Link>;

export const OrderLink = ({ id }: { id: string }) => <Link to={`/orders/${encodeURIComponent(id)}`}>{id}</Link>;

export const OpportunityLink = ({ id }: { id: string }) => <Link to={`/opportunities/${encodeURIComponent(id)}`}>{id}</Link>;

/** A customer's page [客户档案], under its name: its id stays when it is renamed. */
export const CustomerLink = ({ id, name }: { id: string; name: string }) => (
  <Link to={`/customers/${encodeURIComponent(id)}`} data-testid="customer-link" data-id={id}>
    {name}
  </Link>
);

/** The customers whose name starts with `name`, for a record that names its customer without the registry's id (a deal). */
export const CustomerSearchLink = ({ name }: { name: string }) => (
  <Link to={`/customers?search=${encodeURIComponent(name)}`} data-testid="customer-link">
    {name}
  </Link>
);

/** A deal's page, by its opportunity's id or an order's (the API finds the opportunity of an order). */
export const DealLink = ({ id, children }: { id: string; children: ReactNode }) => (
  <Link to={`/deals/${encodeURIComponent(id)}`} data-testid="deal-link">
    {children}
  </Link>
);

export const VehicleList = ({ codes }: { codes: string[] }) => (
  <span className="list">
    {codes.map((code) => (
      <VehicleLink key={code} code={code} />
    ))}
  </span>
);
