export * from './types';
export * from './writeTypes';
