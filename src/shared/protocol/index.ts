export * from './changes';
export * from './operations';
export * from './socket';
export * from './http';
