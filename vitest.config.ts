import { defineConfig } from 'vitest/config';
import { sdkSourceResolve, sdkSourceServerResolve } from './scripts/sdk-source.ts';

export default defineConfig({
  resolve: sdkSourceResolve,
  ssr: { resolve: sdkSourceServerResolve },
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    include: ['tests/**/*.test.ts', 'apps/**/*.test.{ts,tsx}', 'sdk/**/*.test.{ts,tsx}', 'core/**/*.test.ts', 'templates/*/tests/**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
