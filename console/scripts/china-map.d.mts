import type { Plugin } from 'vite';

/** The build's source of `virtual:china-map`: China's province outlines as ECharts reads them. */
export function chinaMap(): Plugin;
