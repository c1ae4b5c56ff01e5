import type { CallsRepository } from './calls.repository';

const DAY_MS = 24 * 60 * 60_000;
/** Records deleted per statement: small enough that no statement holds the table for long. */
export const PRUNE_BATCH = 500;
/** Between batches the server gets back to everything else. */
const PAUSE_MS = 50;
const FIRST_RUN_MS = 60_000;
const EVERY_MS = 6 * 60 * 60_000;

/** Deletes the records of calls started before `before`, batch by batch; resolves to how many went. */
export async function pruneCallRecords(repository: CallsRepository, before: number): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await repository.pruneBatch(before, PRUNE_BATCH);
    total += deleted;
    if (deleted < PRUNE_BATCH) return total;
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
}

/**
 * Keeps call records for `days`: prunes a minute after start, then every six hours. Returns what stops it.
 * A failed run is logged and tried again at the next one.
 */
export function keepCallRecords(repository: CallsRepository, days: number, log: (message: string) => void): () => void {
  const run = () => {
    pruneCallRecords(repository, Date.now() - days * DAY_MS).catch((error: unknown) =>
      log(`old call records were not pruned: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  const first = setTimeout(run, FIRST_RUN_MS);
  const every = setInterval(run, EVERY_MS);
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
