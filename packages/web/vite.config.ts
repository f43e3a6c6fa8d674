import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** `vite build packages/web` writes dist/, which the server serves at `/`. */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 600 },
  // `npx vite packages/web` during development: the API runs on its own port.
  server: { proxy: { "/v1": "http://127.0.0.1:3000" } },
});
