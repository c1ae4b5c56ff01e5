import { defaultClientConditions, defaultServerConditions } from 'vite';

/**
 * Built-in apps import `@handset/sdk/…` by its package name, as third parties do; inside this repository that
 * name resolves, through this export condition of sdk/package.json, to the SDK's sources instead of its build.
 */
export const SDK_SOURCE_CONDITION = 'handset-source';

/** Vite's `resolve` for a page of this repository. */
export const sdkSourceResolve = { conditions: [SDK_SOURCE_CONDITION, ...defaultClientConditions] };

/** Vite's `resolve` for code vitest runs in Node. */
export const sdkSourceServerResolve = { conditions: [SDK_SOURCE_CONDITION, ...defaultServerConditions] };
