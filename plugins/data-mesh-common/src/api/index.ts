export * from './types';
export * from './writeTypes';
export * from './qualityTypes';
export * from './searchTypes';
