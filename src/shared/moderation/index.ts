export * from './reasons';
export * from './flags';
export * from './fresh';
