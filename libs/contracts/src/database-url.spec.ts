import { Client } from 'pg';
import { pgConnectionFields } from './database-url';

describe('pgConnectionFields', () => {
  it('reads host, port, user, password and database from a TCP URL', () => {
    expect(pgConnectionFields('postgresql://app:s%40cret@db.internal:6543/seology')).toEqual({
      host: 'db.internal', port: 6543, user: 'app', password: 's@cret', database: 'seology',
    });
  });

  it('honours ?host= (a unix socket directory) and ?port= over the URL, as libpq does', () => {
    expect(pgConnectionFields('postgresql://postgres@/seology?host=/var/run/postgresql')).toMatchObject({ host: '/var/run/postgresql', port: 5432, database: 'seology' });
    expect(pgConnectionFields('postgresql://postgres@localhost/seology?host=%2Fvar%2Frun%2Fpostgresql&port=5433')).toMatchObject({ host: '/var/run/postgresql', port: 5433 });
  });

  it('connects over the unix socket with the fields it returns', async () => {
    const client = new Client(pgConnectionFields('postgresql://postgres@/postgres?host=/var/run/postgresql'));
    await client.connect();
    try {
      const { rows } = await client.query<{ addr: string | null }>('SELECT inet_client_addr() AS addr');
      // A socket connection has no client address; a TCP one would.
      expect(rows[0]!.addr).toBeNull();
    } finally {
      await client.end();
    }
  });
});
