import type { DataSource } from 'typeorm';
import { poolNumbers, type NumberPool } from '../../domain/number-pool';
import { NumberState } from '../../domain/number-state';
import type { NumberType } from '../../domain/number-type';
import { PhoneNumberEntity } from '../entities';

const BATCH = 500;

/**
 * Makes sure every number of a pool has a row (AVAILABLE when new). Existing rows are left alone,
 * so running it at every start is safe and cheap after the first time.
 */
export async function ensurePoolNumbers(
  dataSource: DataSource,
  pool: NumberPool,
  type: NumberType,
): Promise<number> {
  const repo = dataSource.getRepository(PhoneNumberEntity);
  const first = String(pool.first).padStart(5, '0');
  const last = String(pool.last).padStart(5, '0');
  const existing = await repo
    .createQueryBuilder('n')
    .where('n.number BETWEEN :first AND :last', { first, last })
    .getCount();
  if (existing === pool.last - pool.first + 1) return 0;

  let inserted = 0;
  let batch: Array<Partial<PhoneNumberEntity>> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await repo.createQueryBuilder().insert().values(batch).orIgnore().execute();
    inserted += result.identifiers.filter(Boolean).length;
    batch = [];
  };
  for (const number of poolNumbers(pool)) {
    batch.push({ number, type, state: NumberState.AVAILABLE, ownerLogin: null, inPhonebook: true });
    if (batch.length === BATCH) await flush();
  }
  await flush();
  return inserted;
}
