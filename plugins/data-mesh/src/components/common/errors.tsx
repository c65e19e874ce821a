import { ResponseErrorPanel } from '@backstage/core-components';

/** The HTTP status of a failed data mesh request, if it has one. */
export function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; response?: { status?: unknown } };
  if (typeof e?.statusCode === 'number') return e.statusCode;
  if (typeof e?.response?.status === 'number') return e.response.status;
  return undefined;
}

export function ErrorPanel({ error, title }: { error: Error; title: string }) {
  return <ResponseErrorPanel error={error} title={title} />;
}
