import type { Site, VehicleStatus } from '../api/fleet';

/** One colour per status, the same on the status spells and on the maps. */
export const statusColours: Record<VehicleStatus, string> = {
  InStock: '#5470c6',
  Reserved: '#fac858',
  InTransit: '#73c0de',
  OnLoan: '#91cc75',
  Delivered: '#3ba272',
  InMaintenance: '#ee6666',
  Retired: '#999999',
};

/** China's extent in degrees as its outlines draw it (the South China Sea islands' box included): the view at zoom 1. */
const china = { west: 73.5, east: 135.1, south: 15.8, north: 53.6 };

/**
 * The map the points are drawn over (ECharts' `geo`): China's province outlines, bundled with the console (echarts.ts),
 * centred on the positions given and zoomed to hold them all with a margin, never to less than `narrowest` degrees
 * across (a fleet's one unit with its province around it; a path's wander inside a pit), or the whole country for none.
 * The outlines take no clicks, so a click reaches the point under it; the map pans and zooms.
 */
export function chinaMap(positions: readonly (readonly [number, number])[], narrowest: number) {
  const view = { roam: true, silent: true, layoutCenter: ['50%', '50%'], layoutSize: '100%', itemStyle: { areaColor: '#f3f4f6', borderColor: '#9ca3af' } };
  if (positions.length === 0) {
    return { map: 'china', ...view };
  }
  const longitudes = positions.map(([longitude]) => longitude);
  const latitudes = positions.map(([, latitude]) => latitude);
  const [west, east, south, north] = [Math.min(...longitudes), Math.max(...longitudes), Math.min(...latitudes), Math.max(...latitudes)];
  const zoom = Math.min((china.east - china.west) / Math.max(east - west, narrowest), (china.north - china.south) / Math.max(north - south, narrowest)) / 1.25;
  return zoom <= 1 ? { map: 'china', ...view } : { map: 'china', ...view, center: [(west + east) / 2, (south + north) / 2], zoom };
}

/** The sites as rings at their centres, named in their tooltips. */
export function siteRings(sites: readonly Site[], name: string) {
  return {
    type: 'scatter',
    name,
    coordinateSystem: 'geo',
    symbol: 'circle',
    symbolSize: 14,
    itemStyle: { color: 'transparent', borderColor: '#b45309', borderWidth: 2 },
    tooltip: { formatter: (item: { name: string }) => item.name },
    data: sites.map((site) => ({ name: `${site.name} (${site.siteId})`, value: [site.longitude, site.latitude] })),
    z: 1,
  };
}
