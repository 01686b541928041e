import type { QueryRunner, TableColumnOptions } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Column builders for migrations that run unchanged on PostgreSQL and on SQLite: dialect-specific
 * types (timestamps, generated keys) are asked of the connected driver instead of being spelled out.
 */
export function columnKit(queryRunner: QueryRunner) {
  const driver = queryRunner.connection.driver;
  const dateTime = driver.normalizeType({ type: Date });
  type Extra = Partial<TableColumnOptions>;
  return {
    varchar: (name: string, length: number, extra: Extra = {}): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      ...extra,
    }),
    integer: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'integer', ...extra }),
    /** SQLite stores booleans as 0/1, PostgreSQL as true/false: the driver spells the default. */
    boolean: (name: string, defaultValue: boolean): TableColumnOptions => ({
      name,
      type: 'boolean',
      default: driver.normalizeDefault({ default: defaultValue } as ColumnMetadata),
    }),
    text: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'text', ...extra }),
    dateTime: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: dateTime, ...extra }),
    /** Like TypeORM's @CreateDateColumn / @UpdateDateColumn: set by the database. */
    stamp: (name: string): TableColumnOptions => ({
      name,
      type: driver.normalizeType({ type: driver.mappedDataTypes.createDate }),
      default: driver.mappedDataTypes.createDateDefault,
    }),
    serial: (name: string): TableColumnOptions => ({
      name,
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    }),
  };
}
