export * from './notification-templates';
export * from './mail-receipts';
export * from './recipients';
