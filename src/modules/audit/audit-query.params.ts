import { InvalidAuditQueryError } from './audit.errors';

/** A validated ISO time parameter as a Date (class-validator checked the format). */
export function timeParam(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}

export function checkRange(from: Date | undefined, to: Date | undefined): void {
  if (from !== undefined && to !== undefined && from >= to) {
    throw new InvalidAuditQueryError('from must be before to', {
      from: from.toISOString(),
      to: to.toISOString(),
    });
  }
}
