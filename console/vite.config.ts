/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is served by the gateway from its wwwroot (gateway/JinGong.Gateway/WebConsole.cs), same origin as the API.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../gateway/JinGong.Gateway/wwwroot',
    emptyOutDir: true,
    // ECharts is most of the bundle; it is cached for good once loaded (hashed names).
    chunkSizeWarningLimit: 2000,
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
