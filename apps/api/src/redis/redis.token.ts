/** Injection token of the shared ioredis connection (see RedisModule). */
export const REDIS = Symbol('REDIS');
