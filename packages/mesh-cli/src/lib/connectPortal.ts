import { CliError } from './CliError';
import {
  configError,
  loadAppConfig,
  LoadAppConfigOptions,
} from './loadAppConfig';
import { BACKEND_URL_ENV, PortalClient, TOKEN_ENV } from './portalClient';

export interface PortalOptions {
  /** `--backend`; else BACKSTAGE_BACKEND_URL, else the config's backend.baseUrl. */
  backend?: string;
  /** `--token`; else BACKSTAGE_TOKEN. */
  token?: string;
}

/** The base URL without a trailing slash; a CliError for anything but http(s). */
export function checkBackendUrl(value: string, source: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(`${source}: '${value}' is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`${source}: '${value}' is not an http(s) URL`);
  }
  if (url.username || url.password || url.search || url.hash) {
    // Credentials go in the token, not in an address that gets printed.
    throw new CliError(
      `${source}: give the backend's base URL only, without credentials, query or fragment`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** backend.baseUrl of the app config, as the backend itself reads it. */
async function configuredBackendUrl(
  options: LoadAppConfigOptions,
): Promise<string> {
  const config = await loadAppConfig(options);
  try {
    return config.getString('backend.baseUrl');
  } catch (error) {
    throw configError(error, options);
  }
}

/**
 * A client for the portal backend with the caller's token. The token is
 * required: the backend decides with it who may change which product.
 */
export async function connectPortal(
  options: PortalOptions & LoadAppConfigOptions,
): Promise<PortalClient> {
  const env = options.env ?? process.env;
  const token = (options.token ?? env[TOKEN_ENV] ?? '').trim();
  if (!token) {
    throw new CliError([
      `a Backstage token is required to change data products: pass --token <token> or set ${TOKEN_ENV}`,
      `(a user's token from the portal's sign-in, or a static external-access token that dataMesh.permissions.externalAccess lets act for your team)`,
    ]);
  }
  let baseUrl: string;
  if (options.backend !== undefined) {
    baseUrl = checkBackendUrl(options.backend, '--backend');
  } else if (env[BACKEND_URL_ENV]) {
    baseUrl = checkBackendUrl(env[BACKEND_URL_ENV]!, BACKEND_URL_ENV);
  } else {
    baseUrl = checkBackendUrl(
      await configuredBackendUrl(options),
      'backend.baseUrl of the config',
    );
  }
  return new PortalClient({ baseUrl, token });
}
