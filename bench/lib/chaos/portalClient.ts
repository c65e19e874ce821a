/*
 * The portal's REST API as a signed-in user calls it, via the development
 * sign-in (`auth.providers.devUser`). Every call resolves with what came
 * back, never rejects: during an outage a refused call is a result.
 */

/** One answer: the HTTP status, or 0 with `error` when none came. */
export interface Answer {
  status: number;
  body: string;
  error?: string;
}

export interface PortalClient {
  request(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    options?: { body?: object; timeoutMs?: number },
  ): Promise<Answer>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** A user token from `GET /api/auth/devUser/refresh`; throws saying why not. */
async function signIn(baseUrl: string, user: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/devUser/refresh`, {
    headers: {
      'x-data-mesh-dev-user': user,
      'X-Requested-With': 'XMLHttpRequest',
    },
    signal: AbortSignal.timeout(DEFAULT_TIMEOUT_MS),
  });
  const text = await res.text();
  const token = res.ok
    ? (JSON.parse(text)?.backstageIdentity?.token as string | undefined)
    : undefined;
  if (!token) {
    throw new Error(`sign-in as ${user}: HTTP ${res.status} ${text}`);
  }
  return token;
}

/**
 * Signs in as `user` and returns a client that calls with that user's token.
 * User tokens expire (an hour); a 401 signs in again once and repeats the
 * call, so a long run keeps its identity.
 */
export async function signInAs(
  baseUrl: string,
  user: string,
): Promise<PortalClient> {
  let token = await signIn(baseUrl, user);
  const call = async (
    method: string,
    path: string,
    body: object | undefined,
    timeoutMs: number,
  ): Promise<Answer> => {
    try {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body && { 'Content-Type': 'application/json' }),
        },
        body: body && JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: res.status, body: await res.text() };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      return {
        status: 0,
        body: '',
        error:
          e.name === 'TimeoutError'
            ? `no answer within ${timeoutMs} ms`
            : `${e.message}${e.cause?.code ? ` (${e.cause.code})` : ''}`,
      };
    }
  };
  return {
    async request(method, path, { body, timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
      const answer = await call(method, path, body, timeoutMs);
      if (answer.status !== 401) return answer;
      try {
        token = await signIn(baseUrl, user);
      } catch {
        return answer;
      }
      return call(method, path, body, timeoutMs);
    },
  };
}
