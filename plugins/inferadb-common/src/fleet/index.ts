export * from './schema';
export * from './sizing';
export * from './maintenanceWindow';
