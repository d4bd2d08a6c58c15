import { classifyAddress, describeAddress, parseHostStrict, parseUrlStrict, policyFromEnv, resolveAndCheck, SsrfError, STRICT_POLICY, type LookupFn } from './index';
import { HOSTILE_IP_URLS } from './testing/hostile-urls';

/** DNS must not be consulted for IP literals; any call is a test failure. */
const noDns: LookupFn = (host) => Promise.reject(new Error(`unexpected DNS lookup of ${host}`));

const dns =
  (table: Record<string, string[]>): LookupFn =>
  (host) => {
    const list = table[host];
    if (!list) return Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
    return Promise.resolve(list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };

async function refusal(url: string, lookup: LookupFn = noDns, policy = STRICT_POLICY): Promise<SsrfError> {
  try {
    await resolveAndCheck(url, policy, { lookup });
  } catch (e) {
    if (e instanceof SsrfError) return e;
    throw e;
  }
  throw new Error(`${url} was accepted`);
}

describe('hostile URL corpus (IP literals in every spelling)', () => {
  const corpus = HOSTILE_IP_URLS;

  it('has a corpus of at least 40 spellings', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
  });

  it.each(corpus)('%s is refused as %s without any DNS lookup', async (url, cls) => {
    const err = await refusal(url);
    expect(err.code).toBe('blocked-address');
    expect(err.details.addressClass).toBe(cls);
    expect(err.message).toMatch(/; refused$/);
  });

  it('names the obfuscated spelling and what it really is', async () => {
    expect((await refusal('http://0x7f.1/')).message).toBe('0x7f.1 is 127.0.0.1, a loopback address; refused');
    expect((await refusal('http://[::ffff:169.254.169.254]/')).message).toBe(
      '[::ffff:169.254.169.254] is ::ffff:a9fe:a9fe (embedding 169.254.169.254), a cloud metadata address; refused',
    );
    expect((await refusal('http://10.0.0.1/')).message).toBe('10.0.0.1 is a private address; refused');
  });
});

describe('URL validation', () => {
  it.each([
    ['ftp://example.com/file', 'unsupported-protocol'],
    ['file:///etc/passwd', 'unsupported-protocol'],
    ['gopher://127.0.0.1:6379/_INFO', 'unsupported-protocol'],
    ['dict://127.0.0.1:11211/stats', 'unsupported-protocol'],
    ['javascript:alert(1)', 'unsupported-protocol'],
    ['data:text/html,<h1>x</h1>', 'unsupported-protocol'],
    ['http://user:pass@example.com/', 'credentials-in-url'],
    ['http://user@example.com/', 'credentials-in-url'],
    ['http://example.com@127.0.0.1/', 'credentials-in-url'],
    ['http://1.2.3.4.5/', 'invalid-url'],
    ['http://256.0.0.1/', 'invalid-url'],
    ['http://0x100000000/', 'invalid-url'],
    ['http://[fe80::1%25eth0]/', 'invalid-url'],
    ['not a url', 'invalid-url'],
    ['/relative/path', 'invalid-url'],
  ])('%s is refused with %s', async (url, code) => {
    const err = await refusal(url);
    expect(err.code).toBe(code);
  });

  it('parseHostStrict treats every IPv4 spelling as an IP and refuses numeric-looking junk', () => {
    expect(parseHostStrict('2130706433')).toMatchObject({ hostname: '127.0.0.1', obfuscated: true });
    expect(parseHostStrict('0x7f.1').hostname).toBe('127.0.0.1');
    expect(parseHostStrict('0177.0.0.01').hostname).toBe('127.0.0.1');
    expect(parseHostStrict('127.1').hostname).toBe('127.0.0.1');
    expect(parseHostStrict('8.8.8.8')).toMatchObject({ hostname: '8.8.8.8', obfuscated: false });
    expect(parseHostStrict('[::FFFF:127.0.0.1]').hostname).toBe('::ffff:7f00:1');
    expect(parseHostStrict('Example.COM.')).toMatchObject({ hostname: 'example.com', ip: null });
    expect(() => parseHostStrict('1.2.3.09')).toThrow(SsrfError); // 09 is not octal and not decimal-with-leading-zero
    expect(() => parseHostStrict('foo.0x1g')).not.toThrow(); // not a number: an ordinary (odd) host name
    expect(() => parseHostStrict('foo.123')).toThrow(/numeric IP/);
    expect(() => parseHostStrict('[::1%eth0]')).toThrow(SsrfError);
  });

  it('parseUrlStrict reports the raw host and whether it was obfuscated', () => {
    const t = parseUrlStrict('http://0x7f.1:8080/x');
    expect(t.rawHost).toBe('0x7f.1');
    expect(t.hostname).toBe('127.0.0.1');
    expect(t.obfuscated).toBe(true);
    expect(parseUrlStrict('https://example.com/').obfuscated).toBe(false);
  });
});

describe('public destinations are accepted', () => {
  it.each([
    ['http://93.184.216.34/', ['93.184.216.34']],
    ['https://8.8.8.8/dns-query', ['8.8.8.8']],
    ['http://1.1.1.1:8080/x', ['1.1.1.1']],
    ['http://1572395042/', ['93.184.216.34']],
    ['http://[2606:2800:220:1:248:1893:25c8:1946]/', ['2606:2800:220:1:248:1893:25c8:1946']],
    ['http://[::ffff:93.184.216.34]/', ['::ffff:5db8:d822']],
    ['http://100.63.255.255/', ['100.63.255.255']],
    ['http://100.128.0.1/', ['100.128.0.1']],
    ['http://172.32.0.1/', ['172.32.0.1']],
    ['http://172.15.255.255/', ['172.15.255.255']],
    ['http://192.169.0.1/', ['192.169.0.1']],
    ['http://198.20.0.1/', ['198.20.0.1']],
    ['http://169.255.0.1/', ['169.255.0.1']],
    ['http://223.255.255.255/', ['223.255.255.255']],
  ])('%s', async (url, addresses) => {
    await expect(resolveAndCheck(url, STRICT_POLICY, { lookup: noDns })).resolves.toMatchObject({ addresses });
  });

  it('resolves names and returns every checked address', async () => {
    const r = await resolveAndCheck('https://www.example.com/a?b=1', STRICT_POLICY, {
      lookup: dns({ 'www.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'] }),
    });
    expect(r.addresses).toEqual(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']);
    expect(r.url.href).toBe('https://www.example.com/a?b=1');
  });
});

describe('names resolving to non-public addresses', () => {
  it('refuses a name resolving to a private address with a message naming host, address and reason', async () => {
    const err = await refusal('http://example.internal/', dns({ 'example.internal': ['10.0.0.5'] }));
    expect(err.message).toBe('example.internal resolves to 10.0.0.5, a private address; refused');
    expect(err.details).toMatchObject({ host: 'example.internal', address: '10.0.0.5', addressClass: 'private' });
  });

  it('refuses when ANY of several addresses is non-public', async () => {
    const err = await refusal('http://mixed.example/', dns({ 'mixed.example': ['93.184.216.34', '192.168.0.10'] }));
    expect(err.details.address).toBe('192.168.0.10');
  });

  it('refuses a resolver answer spelled as a mapped IPv6 address', async () => {
    const err = await refusal('http://sneaky.example/', dns({ 'sneaky.example': ['::ffff:169.254.169.254'] }));
    expect(err.details.addressClass).toBe('metadata');
  });

  it('refuses names that do not resolve', async () => {
    const err = await refusal('http://nowhere.invalid/', dns({}));
    expect(err.code).toBe('dns-failure');
    expect(err.message).toContain('nowhere.invalid');
  });
});

describe('allow-list', () => {
  const localhost = dns({ localhost: ['127.0.0.1', '::1'], 'app.test': ['127.0.0.1'], 'wiki.corp.example': ['10.1.2.3'], 'meta.test': ['169.254.169.254'] });

  it('a listed host name may resolve to loopback; the bare IP is still refused', async () => {
    const policy = { allowHosts: ['localhost'] };
    await expect(resolveAndCheck('http://localhost:3000/', policy, { lookup: localhost })).resolves.toMatchObject({ addresses: ['127.0.0.1', '::1'] });
    expect((await refusal('http://127.0.0.1:3000/', localhost, policy)).code).toBe('blocked-address');
    expect((await refusal('http://app.test/', localhost, policy)).code).toBe('blocked-address');
  });

  it('a listed IP allows that IP in any spelling and nothing else', async () => {
    const policy = { allowHosts: ['127.0.0.1'] };
    for (const u of ['http://127.0.0.1/', 'http://2130706433/', 'http://0x7f.1/', 'http://[::ffff:127.0.0.1]/', 'http://app.test/']) {
      await expect(resolveAndCheck(u, policy, { lookup: localhost })).resolves.toBeDefined();
    }
    await refusal('http://127.0.0.2/', localhost, policy);
    await refusal('http://localhost/', localhost, policy); // also resolves to ::1, which is not listed
  });

  it('CIDR entries cover ranges', async () => {
    const policy = { allowHosts: ['127.0.0.0/8', '10.0.0.0/8'] };
    await expect(resolveAndCheck('http://127.5.5.5/', policy, { lookup: noDns })).resolves.toBeDefined();
    await expect(resolveAndCheck('http://wiki.corp.example/', policy, { lookup: localhost })).resolves.toBeDefined();
    await refusal('http://192.168.0.1/', noDns, policy);
  });

  it('wildcard names cover sub-domains only', async () => {
    const policy = { allowHosts: ['*.corp.example'] };
    await expect(resolveAndCheck('http://wiki.corp.example/', policy, { lookup: localhost })).resolves.toBeDefined();
    await refusal('http://10.1.2.3/', noDns, policy);
  });

  it('metadata addresses stay refused under a covering CIDR or a listed name, unless the exact IP is listed', async () => {
    expect((await refusal('http://169.254.169.254/', noDns, { allowHosts: ['169.254.0.0/16'] })).details.addressClass).toBe('metadata');
    await expect(resolveAndCheck('http://169.254.1.1/', { allowHosts: ['169.254.0.0/16'] }, { lookup: noDns })).resolves.toBeDefined();
    await refusal('http://meta.test/', localhost, { allowHosts: ['meta.test'] });
    await refusal('http://[fd00:ec2::254]/', noDns, { allowHosts: ['fc00::/7'] });
    await expect(resolveAndCheck('http://169.254.169.254/', { allowHosts: ['169.254.169.254'] }, { lookup: noDns })).resolves.toBeDefined();
  });

  it('reads SSRF_ALLOW_HOSTS and rejects malformed entries at start-up', async () => {
    const policy = policyFromEnv({ SSRF_ALLOW_HOSTS: 'localhost, 127.0.0.1 ::1' });
    expect(policy.allowHosts).toEqual(['localhost', '127.0.0.1', '::1']);
    await expect(resolveAndCheck('http://localhost/', policy, { lookup: localhost })).resolves.toBeDefined();
    expect(policyFromEnv({}).allowHosts).toEqual([]);
    expect(() => policyFromEnv({ SSRF_ALLOW_HOSTS: '10.0.0.0/99' })).toThrow(/invalid CIDR/);
  });
});

describe('classifyAddress', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.20.0.1', 'private'],
    ['192.168.255.255', 'private'],
    ['fc00::', 'private'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.0.1', 'link-local'],
    ['febf::1', 'link-local'],
    ['100.64.0.0', 'cgnat'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['239.255.255.250', 'multicast'],
    ['ff05::2', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['250.1.1.1', 'reserved'],
    ['192.0.0.170', 'reserved'],
    ['198.18.5.5', 'reserved'],
    ['2001:db8:1::1', 'reserved'],
    ['::ffff:192.168.1.1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['::8.8.8.8', 'public'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:c0a8:101::1', 'private'],
    ['8.8.4.4', 'public'],
    ['2a00:1450:4001:80b::200e', 'public'],
  ])('%s → %s', (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });

  it('reports the deciding range and the embedded IPv4', () => {
    expect(describeAddress('::ffff:10.0.0.1')).toMatchObject({ class: 'private', range: '10.0.0.0/8', embeddedIPv4: '10.0.0.1' });
    expect(describeAddress('8.8.8.8')).toMatchObject({ class: 'public', range: null });
  });

  it('throws on non-IP input', () => {
    expect(() => classifyAddress('example.com')).toThrow(TypeError);
  });
});
