export * from './jobs';
export * from './scopes';
export * from './errors';
export * from './database-url';
export * from './permissions';
export * from './plans';
export * from './severity-classes';
export * from './demo';
