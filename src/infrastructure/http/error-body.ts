/** The one error shape of the API (ARCHITECTURE.md §5). */
export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
  requestId: string | null;
}

export function errorBody(
  code: string,
  message: string,
  details: Record<string, unknown>,
  requestId: string | null,
): ErrorBody {
  return { error: { code, message, details }, requestId };
}
