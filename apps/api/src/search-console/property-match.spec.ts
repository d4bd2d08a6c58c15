import { rankProperties } from './property-match';

const owner = 'siteOwner';

describe('rankProperties', () => {
  it('puts the most specific URL-prefix property first, then the Domain property', () => {
    const ranked = rankProperties('https://www.example.com/shop', [
      { siteUrl: 'sc-domain:example.com', permissionLevel: owner },
      { siteUrl: 'https://www.example.com/', permissionLevel: owner },
      { siteUrl: 'https://www.example.com/shop/', permissionLevel: 'siteFullUser' },
      { siteUrl: 'http://www.example.com/', permissionLevel: owner },
      { siteUrl: 'sc-domain:other.org', permissionLevel: owner },
    ]);
    expect(ranked.map((p) => [p.siteUrl, p.kind, p.matches])).toEqual([
      ['https://www.example.com/shop/', 'url-prefix', true],
      ['https://www.example.com/', 'url-prefix', true],
      ['sc-domain:example.com', 'domain', true],
      ['http://www.example.com/', 'url-prefix', false],
      ['sc-domain:other.org', 'domain', false],
    ]);
  });

  it('matches a Domain property for subdomains but not for look-alike hosts', () => {
    expect(rankProperties('https://blog.example.com/', [{ siteUrl: 'sc-domain:example.com', permissionLevel: owner }])[0]!.matches).toBe(true);
    expect(rankProperties('https://notexample.com/', [{ siteUrl: 'sc-domain:example.com', permissionLevel: owner }])[0]!.matches).toBe(false);
  });

  it('never matches a property the account has not verified', () => {
    expect(rankProperties('https://example.com/', [{ siteUrl: 'https://example.com/', permissionLevel: 'siteUnverifiedUser' }])[0]!.matches).toBe(false);
  });
});
