export * from './changes';
export * from './operations';
export * from './socket';
export * from './http';
export * from './entities-broadcasts';
export * from './entities-leads';
export * from './entities-moderation';
export * from './entities-sla';
