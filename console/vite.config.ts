/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { chinaMap } from './scripts/china-map.mjs';

// The console is served by the gateway from its wwwroot (gateway/JinGong.Gateway/WebConsole.cs), same origin as the API.
export default defineConfig({
  plugins: [react(), chinaMap()],
  build: {
    outDir: '../gateway/JinGong.Gateway/wwwroot',
    emptyOutDir: true,
    // ECharts, with the maps' province outlines, is a chunk of its own (~720 kB, 266 kB gzipped), loaded by the pages that
    // draw charts (Chart.tsx) and cached for good once loaded (hashed names); the rest of the console is ~540 kB.
    chunkSizeWarningLimit: 800,
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
