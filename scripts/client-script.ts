/** How a FiveM client script is built: by scripts/build.ts, and again by bench/footprint-runtime.ts to see what it bundles. */
import { isBuiltin } from 'node:module';
import type { BuildOptions, Plugin } from 'esbuild';
import { SDK_SOURCE_CONDITION } from './sdk-source.ts';

/** FiveM client scripts run in a bare JS engine: an import of a Node builtin is a build error, not a runtime crash. */
const rejectNodeBuiltins: Plugin = {
  name: 'reject-node-builtins',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path: specifier }) =>
      isBuiltin(specifier) ? { errors: [{ text: `"${specifier}" is a Node builtin; client scripts have no Node` }] } : undefined,
    );
  },
};

export const clientScript: BuildOptions = {
  bundle: true,
  format: 'iife',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  conditions: [SDK_SOURCE_CONDITION],
  target: 'es2020',
  // Every player downloads the client script; minified, zod's validators cost a third less.
  minify: true,
  plugins: [rejectNodeBuiltins],
};
