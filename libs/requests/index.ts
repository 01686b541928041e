export * from './request-store';
export * from './resource-locks';
export * from './request-launcher';
