export * from './data-source-options';
export * from './entities';
export { MIGRATIONS } from './migrations';
export * from './database-errors';
