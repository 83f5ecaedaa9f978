/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is served by the gateway from its wwwroot (gateway/JinGong.Gateway/WebConsole.cs), same origin as the API.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../gateway/JinGong.Gateway/wwwroot',
    emptyOutDir: true,
    // ECharts is a chunk of its own (~590 kB), loaded by the pages that draw charts (App.tsx) and cached for good
    // once loaded (hashed names); the rest of the console is ~410 kB.
    chunkSizeWarningLimit: 700,
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
