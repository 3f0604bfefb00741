import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const sharedSource = fileURLToPath(new URL('../../packages/shared/src', import.meta.url));

// Vite reads the default export of its config file, so this file is the one exception to named exports.
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  resolve: {
    alias: [{ find: /^@custodian\/shared\//, replacement: `${sharedSource}/` }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Inline assets would need data: in the CSP for some types; keep every asset a file.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
