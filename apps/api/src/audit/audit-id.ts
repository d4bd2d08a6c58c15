import { randomBytes } from 'node:crypto';

/**
 * Row ids are chosen before the insert because the hash covers them. Time-prefixed so they sort
 * roughly by creation, random enough never to collide.
 */
export function createId(): string {
  return `al${Date.now().toString(36)}${randomBytes(10).toString('hex')}`;
}
