import { defineConfig } from 'vitest/config';
import { sdkSourceResolve, sdkSourceServerResolve } from './scripts/sdk-source.ts';

export default defineConfig({
  resolve: sdkSourceResolve,
  ssr: { resolve: sdkSourceServerResolve },
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    include: ['tests/**/*.test.ts', 'apps/**/*.test.{ts,tsx}', 'sdk/**/*.test.{ts,tsx}', 'core/**/*.test.ts', 'templates/*/tests/**/*.test.{ts,tsx}'],
    // One file at a time: the browser suites drive Chromium against timeouts, and a second worker on the same two
    // cores made them miss those for no fault of the code under test.
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
