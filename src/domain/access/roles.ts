/** The roles an API key can hold (ARCHITECTURE.md §5). */
export const ROLES = ['admin', 'trader', 'viewer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * What a route declares: the roles it admits. Admin is admitted everywhere, so a route never has to
 * name it, and an admin can never be locked out of an operation by a forgotten declaration.
 */
export function roleMayAccess(role: Role, admitted: readonly Role[]): boolean {
  return role === 'admin' || admitted.includes(role);
}

/** Route declarations for the common cases, so controllers read as policy. */
export const Access = {
  /** Market data and other shared reads. */
  read: ['trader', 'viewer', 'auditor'] as readonly Role[],
  /** Placing, amending, cancelling: trading writes. */
  trade: ['trader'] as readonly Role[],
  /** The audit trail: who did what. */
  audit: ['auditor'] as readonly Role[],
  /** Keys, webhooks and other configuration of the service itself. */
  adminOnly: [] as readonly Role[],
} as const;
