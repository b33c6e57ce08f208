/** The slice of a pino logger the ccxt adapters use; a pino Logger (or a child) satisfies it. */
export interface VenueLogger {
  warn(object: object, message?: string): void;
  info(object: object, message?: string): void;
  debug(object: object, message?: string): void;
}

export const silentLogger: VenueLogger = {
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
};
