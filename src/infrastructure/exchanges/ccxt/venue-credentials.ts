import type { TradingAccount } from '../exchange-adapter.port';
import { VenueBadRequestError } from '../exchange.errors';
import type { Env } from './ccxt-exchange.factory';
import type { VenueProfile } from './venue-profile';

export interface VenueCredentials {
  /** ccxt constructor fields: apiKey, secret, password, walletAddress, privateKey. */
  readonly fields: Readonly<Record<string, string>>;
  /** Every value, for redacting errors before they are logged or rethrown. */
  readonly secrets: readonly string[];
}

/**
 * Reads an account's credentials from `<credentialsEnv>_API_KEY`, `_SECRET`, ... as the venue needs
 * them. Values live only in the ccxt instance of that account's session; errors name the missing
 * variable, never a value.
 */
export function readCredentials(profile: VenueProfile, account: TradingAccount, env: Env): VenueCredentials {
  const prefix = account.credentialsEnv;
  if (prefix === undefined || prefix === '') {
    throw new VenueBadRequestError(`account ${account.accountId} names no credentialsEnv for ${profile.id}`, {
      accountId: account.accountId,
    });
  }
  const fields: Record<string, string> = {};
  const missing: string[] = [];
  for (const field of profile.credentials) {
    const name = `${prefix}_${field.envSuffix}`;
    const value = env[name];
    if (value !== undefined && value !== '') fields[field.ccxtField] = value;
    else if (field.required) missing.push(name);
  }
  if (missing.length > 0) {
    throw new VenueBadRequestError(`missing credentials for ${profile.id}: ${missing.join(', ')}`, {
      accountId: account.accountId,
      missing,
    });
  }
  return { fields, secrets: Object.values(fields) };
}
