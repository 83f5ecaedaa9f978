import { Link } from 'react-router';

// Links to the console's record pages, each record's id as the API names it.

export const VehicleLink = ({ code }: { code: string }) => <Link to={`/vehicles/${encodeURIComponent(code)}`}>{code}</Link>;

export const OrderLink = ({ id }: { id: string }) => <Link to={`/orders/${encodeURIComponent(id)}`}>{id}</Link>;

export const OpportunityLink = ({ id }: { id: string }) => <Link to={`/opportunities/${encodeURIComponent(id)}`}>{id}</Link>;

export const VehicleList = ({ codes }: { codes: string[] }) => (
  <span className="list">
    {codes.map((code) => (
      <VehicleLink key={code} code={code} />
    ))}
  </span>
);
