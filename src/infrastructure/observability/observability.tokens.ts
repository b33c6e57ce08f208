/** The root pino logger (see logger.ts). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
