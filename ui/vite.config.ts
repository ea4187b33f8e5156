import { defineConfig } from "vitest/config";

export default defineConfig(({ mode }) => ({
  // Relative asset paths work both under tauri:// and a test server.
  base: "./",
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    target: "es2022",
    outDir: mode === "test" ? "dist-test" : "dist",
    emptyOutDir: true,
    // No inline scripts or data: modules: the CSP forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: mode === "test",
  },
  test: {
    include: ["tests/unit/**/*.test.ts"],
    environment: "node",
  },
}));
