import express from 'express';
import { rememberingTrust } from './browser-security';

type Trust = (address: string | undefined, index: number) => boolean;

/** Express's own compiled rule for a TRUST_PROXY value. */
function compiled(value: unknown): Trust {
  const app = express();
  app.set('trust proxy', value);
  return app.get('trust proxy fn') as Trust;
}

describe('rememberingTrust', () => {
  it.each([['loopback'], [1], [true], [false], ['10.0.0.0/8, 192.168.1.1']])('answers as Express compiled TRUST_PROXY=%p, asked again and again', (value) => {
    const trust = compiled(value);
    const remembering = rememberingTrust(trust);
    const addresses = ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.1.2.3', '192.168.1.1', '203.0.113.7', 'not an address', undefined];
    for (let round = 0; round < 2; round++) {
      for (const address of addresses) for (const index of [0, 1, 2]) expect([address, index, remembering(address, index)]).toEqual([address, index, trust(address, index)]);
    }
  });
});
