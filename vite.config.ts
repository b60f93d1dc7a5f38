import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { fanoutApiPlugin } from './src/server/vite-plugin.ts';

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [react(), fanoutApiPlugin()],
  build: isSsrBuild
    ? { outDir: 'dist/server', emptyOutDir: true, target: 'node22', sourcemap: true }
    : { outDir: 'dist/client', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: { port: Number(process.env.PORT ?? 5173) },
  preview: { port: 4173 },
}));
