import { parseUtcTimestamp } from './utc-timestamp';

/** What the raw pool did before: Date's own parser on the ISO form of the value, as UTC. */
const byDateParser = (value: string): number => new Date(`${value.replace(' ', 'T')}Z`).getTime();

describe('parseUtcTimestamp', () => {
  it('reads what Postgres writes for timestamp(3) as Date would, fraction trimmed or not', () => {
    const values = ['2026-12-04 19:30:05.123', '2026-12-04 19:30:05.12', '2026-12-04 19:30:05.1', '2026-12-04 19:30:05', '2024-02-29 23:59:59.999', '1970-01-01 00:00:00', '0100-03-01 01:02:03.004', '9999-12-31 23:59:59.999', '2026-01-01 00:00:00.123456'];
    for (let i = 0; i < 2_000; i++) values.push(new Date(1_000_000_000_000 + i * 987_654_321).toISOString().replace('T', ' ').slice(0, 23));
    for (const value of values) expect([value, parseUtcTimestamp(value).getTime()]).toEqual([value, byDateParser(value)]);
  });

  it("leaves other forms to Date's parser", () => {
    for (const value of ['0099-01-01 00:00:00', '0001-01-01 00:00:00 BC', '12345-01-01 00:00:00', 'infinity', '2026-12-04T19:30:05.123']) {
      expect([value, parseUtcTimestamp(value).getTime()]).toEqual([value, byDateParser(value)]);
    }
  });
});
