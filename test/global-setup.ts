import { Client } from 'pg';

/** Fails fast with a clear message when DATABASE_URL is set but its server does not answer. */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === '') return;
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new Error(`DATABASE_URL=${url} is set but PostgreSQL does not answer: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
