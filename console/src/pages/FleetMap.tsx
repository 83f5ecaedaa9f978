import { useNavigate } from 'react-router';
import { fleet, vehicleStatuses, type FleetPositions, type InventoryFilter, type Site } from '../api/fleet';
import { Chart, type Drawing } from '../components/Chart';
import { chinaMap, siteRings, statusColours } from '../components/maps';
import { useApi } from '../components/useApi';
import { useLanguage } from '../i18n/language';
import type { Language } from '../i18n/translate';
import { formatInstant } from '../lib/format';

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The fleet map never zooms in further than about a province across: a yard's units are shown where they are in China. */
const provinceWide = 4;

/** A vehicle as the map draws it: its code names it, and a click opens its page. */
interface VehiclePoint {
  name: string;
  value: [number, number];
  code: string;
  tip: string;
}

/**
 * The fleet on a map: each vehicle the inventory's filters choose where it was last known to be, coloured by status
 * (the legend shows or hides a status), over China's province outlines and the sites; a click opens the vehicle's page.
 */
export function FleetMap({ filter, filterKey }: { filter: InventoryFilter; filterKey: string }) {
  const { t, language } = useLanguage();
  const navigate = useNavigate();
  const found = useApi(`positions?${filterKey}`, async () => {
    const [map, sites] = await Promise.all([fleet.positions(filter), fleet.sites()]);
    return { map, sites };
  });
  const open = (data: unknown) => {
    const code = (data as Partial<VehiclePoint> | undefined)?.code;
    if (code) {
      void navigate(`/vehicles/${encodeURIComponent(code)}`);
    }
  };
  return (
    <>
      <Chart testId="fleet-map" loaded={found} draw={({ map, sites }) => ({ ...drawFleet(map, sites, t, language), onItemClick: open })} height={520} exportAs="fleet-map" />
      {found.state === 'ready' && (found.data.map.withheld > 0 || found.data.map.unplaced > 0) && (
        <p className="muted" data-testid="fleet-map-left-off">
          {t('inventory.mapLeftOff', { withheld: found.data.map.withheld, unplaced: found.data.map.unplaced })}
        </p>
      )}
    </>
  );
}

function drawFleet(map: FleetPositions, sites: Site[], t: Translate, language: Language): Drawing {
  const series = vehicleStatuses
    .map((status) => ({
      type: 'scatter',
      name: t(`status.${status}`),
      coordinateSystem: 'geo',
      symbolSize: 7,
      itemStyle: { color: statusColours[status] },
      z: 2,
      data: map.vehicles
        .filter((vehicle) => vehicle.status === status)
        .map((vehicle): VehiclePoint => ({
          name: vehicle.code,
          value: [vehicle.longitude, vehicle.latitude],
          code: vehicle.code,
          tip: [
            vehicle.code,
            `${t(`status.${vehicle.status}`)} · ${vehicle.model}`,
            t(vehicle.source === 'Reading' ? 'inventory.mapReading' : 'inventory.mapWarehouse', { warehouse: vehicle.warehouse, since: formatInstant(vehicle.since, language) }),
          ].join('\n'),
        })),
    }))
    .filter((drawn) => drawn.data.length > 0);
  return {
    points: map.vehicles.length,
    option: {
      geo: chinaMap(map.vehicles.map((vehicle) => [vehicle.longitude, vehicle.latitude] as const), provinceWide),
      // Drawn on the canvas, not as markup: nothing a record holds is read as HTML.
      tooltip: { trigger: 'item', renderMode: 'richText', formatter: (item: { data: { tip?: string; name: string } }) => item.data.tip ?? item.data.name },
      legend: { top: 0, type: 'scroll' },
      series: [siteRings(sites, t('inventory.mapSites')), ...series],
    },
    table: {
      headers: ['inventory.code', 'common.status', 'inventory.latitude', 'inventory.longitude', 'inventory.mapSource', 'inventory.mapSince'],
      rows: map.vehicles.map((vehicle) => [vehicle.code, t(`status.${vehicle.status}`), vehicle.latitude, vehicle.longitude, t(`inventory.source.${vehicle.source}`), vehicle.since]),
    },
  };
}
