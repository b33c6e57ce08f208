import type { CheckpointStore } from './checkpoint-store';
import { inTransaction, type SqlPool } from './sql-client';
import type { ProjectionHandler } from './subscription.types';

/**
 * Empties a read model and moves its checkpoint to 0 in one transaction; the active instance, wherever
 * it runs, then finds its checkpoint moved (its next advance fails), reloads it and replays $all.
 */
export async function rebuildProjection(
  pool: SqlPool,
  checkpoints: CheckpointStore,
  projection: ProjectionHandler,
): Promise<void> {
  await inTransaction(pool, async (tx) => {
    await projection.reset(tx);
    await checkpoints.reset(tx, projection.name);
  });
}
