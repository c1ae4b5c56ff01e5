/**
 * A framework's core object (QBCore, ESX), fetched on first use: it crosses as a copy whose functions are
 * references into the framework, so it is fetched again after the framework restarts.
 */
export function coreObject<T>(resource: string, fetch: () => T): () => T {
  let cached: T | undefined;
  on('onResourceStop', (stopped: string) => {
    if (stopped === resource) cached = undefined;
  });
  return () => (cached ??= fetch());
}
