export * from './status';
export * from './model';
