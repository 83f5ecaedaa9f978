import { useEffect, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { dispatch, type Loan, type Transfer } from '../api/dispatch';
import { fleet, positions, vehicleStatuses, type Site, type StatusSpell, type Trajectory, type Vehicle } from '../api/fleet';
import { mayAct, useUser } from '../auth/user';
import { CommandForm, numberOf, RecordCommandForm } from '../commands/CommandForm';
import { useMovedOn, useRecord, type ShownRecord } from '../commands/useRecord';
import { useWarehouseChoices } from '../components/useWarehouses';
import { CustomerBox, useCustomerChoices } from '../components/CustomerBox';
import { Chart, type Drawing } from '../components/Chart';
import { HistoryTable } from '../components/HistoryTable';
import { utilizationBars } from '../components/drawings';
import { Facts } from '../components/Facts';
import { Loading } from '../components/Loading';
import { chinaMap, siteRings, statusColours } from '../components/maps';
import { OrderLink } from '../components/links';
import { useApi } from '../components/useApi';
import { useModelNames } from '../components/useModels';
import { WhenVisible } from '../components/WhenVisible';
import { WorkingConditionPicker } from './knowledge/WorkingConditionPicker';
import { useLanguage } from '../i18n/language';
import { formatInstant } from '../lib/format';
import { addMonths, chinaMonth } from '../lib/periods';

type Translate = (key: string) => string;

const historyPageSize = 20;

/** A vehicle [设备档案]: its state, its status over time, its whole history, where it went and how much it worked. */
export function VehiclePage() {
  const { code = '' } = useParams();
  const { t } = useLanguage();
  const vehicle = useRecord(`vehicle:${code}`, () => fleet.vehicle(code));
  // A code typed another way (jg-ex-0004) finds the vehicle; the page then shows it under its own code, which the
  // other reads ask by.
  const navigate = useNavigate();
  const canonical = vehicle.state === 'ready' ? vehicle.data.value.code : code;
  useEffect(() => {
    if (canonical !== code) {
      navigate(`/vehicles/${encodeURIComponent(canonical)}`, { replace: true });
    }
  }, [canonical, code, navigate]);
  // The record's history and timeline are read beside the record, and again whenever a command moves it on (not when the
  // record's first answer arrives: that would read them twice, the second time after the record); the history a page at a time.
  const version = useMovedOn(code, vehicle.state === 'ready' ? vehicle.data.version : undefined);
  // The page of the history shown is this vehicle's: another vehicle's page opens at its newest events.
  const [pageShown, setPageShown] = useState({ code, page: 1 });
  const historyPage = pageShown.code === code ? pageShown.page : 1;
  const history = useApi(`history:${code}:${version}:${historyPage}`, () => fleet.history(code, historyPage, historyPageSize));
  const timeline = useApi(`status-timeline:${code}:${version}`, () => fleet.statusTimeline(code));


  return (
    <section>
      <h1>{t('vehicle.title', { code })}</h1>
      <h2>{t('vehicle.state')}</h2>
      <Loading loaded={vehicle}>
        {(shown) => (
          <>
            <VehicleState vehicle={shown.value} />
            <VehicleCommands vehicle={shown} />
          </>
        )}
      </Loading>
      <h2>{t('vehicle.timeline')}</h2>
      <Chart testId="status-timeline" loaded={timeline} draw={(found) => drawSpells(found.spells, t)} height={160} />
      <h2>{t('vehicle.trajectory')}</h2>
      <WhenVisible height={420} testId="trajectory-chart">
        <TrajectoryChart code={code} />
      </WhenVisible>
      <h2>{t('vehicle.utilization')}</h2>
      <WhenVisible height={320} testId="vehicle-utilization">
        <UtilizationChart code={code} />
      </WhenVisible>
      <h2>{t('vehicle.history')}</h2>
      <Loading loaded={history}>{(found) => <HistoryTable found={found} testId="vehicle-history" onPage={(page) => setPageShown({ code, page })} />}</Loading>
    </section>
  );
}

/**
 * Where the vehicle went, on the map with the sites: read only when the chart is about to be seen. A long range comes
 * simplified by the server to at most 2,000 points, and the page says for how many readings they stand.
 */
function TrajectoryChart({ code }: { code: string }) {
  const { t } = useLanguage();
  const found = useApi(`trajectory:${code}`, async () => {
    const [trajectory, sites] = await Promise.all([fleet.trajectory(code), fleet.sites()]);
    return { trajectory, sites };
  });
  return (
    <>
      <Chart testId="trajectory-chart" loaded={found} draw={({ trajectory, sites }) => drawTrajectory(trajectory, sites, t)} height={480} />
      {found.state === 'ready' && found.data.trajectory.properties.simplified && (
        <p className="muted" data-testid="trajectory-simplified">
          {t('vehicle.pathReadings', { points: positions(found.data.trajectory).length, readings: found.data.trajectory.properties.readings })}
        </p>
      )}
    </>
  );
}

/** How much it worked, month by month over the last twelve. */
function UtilizationChart({ code }: { code: string }) {
  const { t } = useLanguage();
  const thisMonth = chinaMonth();
  const utilization = useApi(`utilization:${code}:${thisMonth}`, () => fleet.vehicleUtilization(code, addMonths(thisMonth, -11), thisMonth));
  return (
    <Chart testId="vehicle-utilization" loaded={utilization} draw={(found) => utilizationBars(found.periods, 'common.month', t)} exportAs={`utilization-${code}`} />
  );
}

function VehicleState({ vehicle }: { vehicle: Vehicle }) {
  const { t, language, word } = useLanguage();
  const modelName = useModelNames();
  const facts: [string, ReactNode][] = [
    ['common.status', t(`status.${vehicle.status}`)],
    ['common.model', `${modelName(vehicle.model)} (${word('category', vehicle.category)})`],
    ['common.region', word('region', vehicle.region)],
    ['inventory.warehouse', vehicle.warehouse],
    ['vehicle.registeredAt', formatInstant(vehicle.registeredAt, language)],
  ];
  if (vehicle.reservedFor) {
    facts.push(['vehicle.reservedFor', <OrderLink id={vehicle.reservedFor} />]);
  }
  if (vehicle.loan) {
    facts.push(['vehicle.loan', `${vehicle.loan.borrower}, ${vehicle.loan.site} (${vehicle.loan.dueDate})`]);
  }
  if (vehicle.transfer) {
    facts.push(['vehicle.transfer', `${vehicle.transfer.toWarehouse} (${vehicle.transfer.toRegion})`]);
  }
  if (vehicle.customer) {
    facts.push(['common.customer', vehicle.customer]);
  }
  return <Facts facts={facts} testId="vehicle-state" />;
}

/**
 * What fleet operations and dispatch do from a vehicle's page: open and close maintenance, retire it (commands on the
 * vehicle, sent with the version shown); lend it and take it back (dispatch's loans, which fleet then follows — the
 * page reads the vehicle again).
 */
function VehicleCommands({ vehicle: shown }: { vehicle: ShownRecord<Vehicle> }) {
  const { t } = useLanguage();
  const user = useUser();
  const [followed, setFollowed] = useState<Loan | Transfer>();
  const destinations = useWarehouseChoices(shown.value.warehouse);
  // The borrower is a customer of orders' registry, picked as it is typed, or a name: the customer it gives.
  const [borrowerTyped, setBorrowerTyped] = useState('');
  const borrowers = useCustomerChoices(borrowerTyped);
  const operates = mayAct(user, 'fleet-operations');
  const dispatches = mayAct(user, 'dispatcher');
  const vehicle = shown.value;
  if ((!operates && !dispatches) || vehicle.status === 'Retired') {
    return null;
  }

  const code = vehicle.code;
  // Dispatch records the loan or transfer; fleet follows it over the bus, so the vehicle is read again.
  const followDispatch = (recorded: Loan | Transfer) => {
    setFollowed(recorded);
    shown.reload();
  };
  return (
    <>
      <h2>{t('command.title')}</h2>
      <div className="commands">
        {operates && vehicle.status !== 'InMaintenance' && (
          <RecordCommandForm
            id="open-maintenance"
            record={shown}
            title="vehicle.openMaintenance"
            fields={[{ name: 'reason', label: 'opportunity.reason' }]}
            send={(values, write) => fleet.openMaintenance(code, values('reason'), write)}
          />
        )}
        {operates && vehicle.status === 'InMaintenance' && (
          <RecordCommandForm
            id="close-maintenance"
            record={shown}
            title="vehicle.closeMaintenance"
            fields={[{ name: 'outcome', label: 'vehicle.outcome' }]}
            send={(values, write) => fleet.closeMaintenance(code, values('outcome'), write)}
          />
        )}
        {operates && (
          <RecordCommandForm
            id="retire"
            record={shown}
            title="vehicle.retire"
            fields={[{ name: 'reason', label: 'opportunity.reason' }]}
            send={(values, write) => fleet.retire(code, values('reason'), write)}
          />
        )}
        {dispatches && vehicle.status === 'InStock' && (
          <CommandForm
            id="lend"
            title="vehicle.lend"
            fields={[
              {
                name: 'borrower',
                label: 'vehicle.borrower',
                render: (input) => (
                  <label>
                    {t('vehicle.borrower')}
                    <CustomerBox {...input} choices={borrowers} onType={setBorrowerTyped} newHint="lend.borrowerHint" />
                  </label>
                ),
              },
              { name: 'site', label: 'common.site' },
              { name: 'dueDate', label: 'order.dueDate', type: 'date' },
              // A loan may be a trial [试用] for a working condition of the knowledge base, and for an opportunity.
              { name: 'conditionId', label: 'lend.condition', render: (input) => <WorkingConditionPicker {...input} /> },
              { name: 'opportunityId', label: 'lend.opportunity' },
            ]}
            send={(values, key) =>
              dispatch.lend(
                {
                  vehicleCode: code,
                  borrowerId: borrowers.named?.id ?? null,
                  borrower: borrowers.named?.name ?? values('borrower'),
                  site: values('site'),
                  dueDate: values('dueDate'),
                  conditionId: values('conditionId'),
                  opportunityId: values('opportunityId'),
                },
                key,
              )
            }
            onDone={followDispatch}
          />
        )}
        {dispatches && vehicle.status === 'OnLoan' && vehicle.loan && (
          <CommandForm
            id="return"
            title="vehicle.return"
            fields={[{ name: 'hoursUsed', label: 'vehicle.hoursUsed', type: 'number', step: '0.1' }]}
            send={(values, key) => dispatch.returnLent(vehicle.loan!.loanId, numberOf(values('hoursUsed')), key)}
            onDone={followDispatch}
          />
        )}
        {dispatches && vehicle.status === 'InStock' && (
          <CommandForm
            id="transfer"
            title="vehicle.planTransfer"
            fields={[
              { name: 'toWarehouse', label: 'vehicle.toWarehouse', type: 'select', options: destinations.options },
            ]}
            send={(values, key) =>
              dispatch.planTransfer(
                {
                  vehicleCode: code,
                  toWarehouse: values('toWarehouse'),
                  // The warehouse's own region: fleet refuses any other.
                  toRegion: destinations.warehouses.find((warehouse) => warehouse.code === values('toWarehouse'))?.region ?? null,
                },
                key,
              )
            }
            onDone={followDispatch}
          />
        )}
        {dispatches && vehicle.status === 'InTransit' && vehicle.transfer && (
          <CommandForm id="arrival" title="vehicle.arrival" send={(_, key) => dispatch.reportTransferArrival(vehicle.transfer!.transferId, key)} onDone={followDispatch} />
        )}
      </div>
      {followed && (
        <p className="muted" data-testid="dispatch-recorded" data-id={'loanId' in followed ? followed.loanId : followed.transferId}>
          {t('vehicle.dispatchFollows', { record: 'loanId' in followed ? followed.loanId : followed.transferId })}
        </p>
      )}
    </>
  );
}

/** Each status spell as a bar along time, one lane per status (the region in its tooltip). */
function drawSpells(spells: StatusSpell[], t: Translate): Drawing {
  const now = Date.now();
  const lanes = vehicleStatuses.filter((status) => spells.some((spell) => spell.status === status));
  const data = spells.map((spell) => ({
    value: [lanes.indexOf(spell.status), Date.parse(spell.from), spell.to ? Date.parse(spell.to) : now],
    itemStyle: { color: statusColours[spell.status] },
    name: `${t(`status.${spell.status}`)} · ${spell.region}`,
  }));
  return {
    points: data.length,
    option: {
      tooltip: { formatter: (item: { name: string }) => item.name },
      grid: { left: 100, right: 20, top: 10, bottom: 30 },
      xAxis: { type: 'time' },
      yAxis: { type: 'category', data: lanes.map((status) => t(`status.${status}`)) },
      series: [
        {
          type: 'custom',
          encode: { x: [1, 2], y: 0 },
          data,
          renderItem: (_: unknown, api: CustomApi) => {
            const start = api.coord([api.value(1), api.value(0)]);
            const end = api.coord([api.value(2), api.value(0)]);
            const height = (api.size([0, 1])[1] ?? 20) * 0.6;
            return { type: 'rect', shape: { x: start[0], y: start[1]! - height / 2, width: Math.max(2, end[0]! - start[0]!), height }, style: api.style() };
          },
        },
      ],
    },
  };
}

interface CustomApi {
  value: (dimension: number) => number;
  coord: (point: number[]) => number[];
  size: (point: number[]) => number[];
  style: () => object;
}

/** A pause longer than this between two readings is a move to another site: the line is broken there. */
const siteChange = 12 * 60 * 60 * 1000;

/** A path is drawn at least about 5 km across: a unit's wander inside one pit is seen as a path, not a dot. */
const pitWide = 0.05;

/** The path over China's outlines, one line per stay at a site, its newest position marked, the sites as rings. */
function drawTrajectory(trajectory: Trajectory, sites: Site[], t: Translate): Drawing {
  const points = positions(trajectory);
  const times = trajectory.properties.times.map((time) => Date.parse(time));
  const stays = points.reduce<[number, number][][]>((lines, point, i) => {
    if (i === 0 || times[i]! - times[i - 1]! > siteChange) {
      lines.push([]);
    }
    lines[lines.length - 1]!.push(point);
    return lines;
  }, []);
  const newest = points[points.length - 1];
  return {
    points: points.length,
    option: {
      geo: chinaMap(points, pitWide),
      tooltip: { trigger: 'item', renderMode: 'richText' },
      series: [
        siteRings(sites, t('inventory.mapSites')),
        { type: 'lines', coordinateSystem: 'geo', polyline: true, silent: true, lineStyle: { color: '#2563eb', width: 2, opacity: 0.8 }, data: stays.map((coords) => ({ coords })), z: 2 },
        { type: 'scatter', coordinateSystem: 'geo', symbolSize: 9, itemStyle: { color: '#1d4ed8' }, data: newest ? [{ name: trajectory.properties.times.at(-1), value: newest }] : [], z: 3 },
      ],
    },
  };
}
