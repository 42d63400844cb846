export * from './enums';
export * from './entities';
export * from './staff-message';
export * from './clearance';
