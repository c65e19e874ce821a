import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  AccessRequest,
  DATA_PRODUCT_KIND,
  NewAccessRequest,
  parseIsoDuration,
  ProductAccessResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import { assertEntityRef, shown } from '../lib/safeValues';
import { examples } from './accessRequest.examples';

/** The duration of a grant when the step does not say. */
export const DEFAULT_ACCESS_DURATION = 'P30D';

/** The backend's rule for group prefixes (validateNewRequest). */
const GROUP_PREFIX = /^[A-Za-z0-9._-]{3,100}$/;
const PURPOSE_MIN = 3;
const PURPOSE_MAX = 500;

/** The product page's Access tab, relative to the portal. */
export function accessPathOf(productRef: string): string {
  const { namespace, name } = parseEntityRef(productRef);
  return `/catalog/${namespace}/dataproduct/${name}/access`;
}

/** The message of a Backstage error body, or the start of a body that is none. */
function messageOf(text: string): string {
  try {
    const message = JSON.parse(text)?.error?.message;
    if (typeof message === 'string' && message) return message;
  } catch {
    // Not JSON: a proxy's page, say.
  }
  return text.trim().slice(0, 300) || '(no message)';
}

/**
 * An error answer of the data mesh backend as the step's error: the
 * backend's own message, of the matching class, so that the task page
 * says what the access page would.
 */
function errorOf(status: number, text: string, retryAfter: string | null) {
  const message = messageOf(text);
  switch (status) {
    case 400:
      return new InputError(message);
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    case 429:
    case 503:
      return new ServiceUnavailableError(
        `The data mesh backend cannot take access requests right now (${message}); run the template again${
          retryAfter ? ` in ${retryAfter} seconds or later` : ' in a minute'
        }`,
      );
    default:
      return new Error(
        `The data mesh backend answered ${status} to the access request: ${message}`,
      );
  }
}

/**
 * `dataMesh:access:request`: asks for read access to a data product for a
 * Kafka principal (a kafka-principal Resource of the initiator's team), on
 * behalf of the user who runs the template, through the data mesh
 * backend's REST route: the same validation, ownership rule, approval
 * policy, notifications and audit as a request made on the product's
 * Access tab. Public and internal products are approved at once;
 * confidential and restricted ones wait for an owner.
 *
 * A request that is already open for the same product and principal (a
 * template run again, or a teammate's request) is not a failure when its
 * group prefix covers this one's: the step answers with that request. Any
 * other refusal fails the step with the backend's message.
 */
export function createAccessRequestAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  /** For tests; the global fetch by default. */
  fetch?: typeof fetch;
}) {
  const { discovery, auth } = options;
  const fetchFn = options.fetch ?? globalThis.fetch;
  return createTemplateAction({
    id: 'dataMesh:access:request',
    description:
      "Asks for read access to a data product for a Kafka principal (a Resource of spec.type kafka-principal owned by the initiator's team), on behalf of the user running the template, through the data mesh backend (the same checks, approval and audit as the product's Access tab). Public and internal products are approved at once; confidential and restricted ones wait for an owner.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        product: z =>
          z
            .string()
            .min(1)
            .describe('The product, e.g. dataproduct:default/orders-placed'),
        principal: z =>
          z
            .string()
            .min(1)
            .describe(
              "The Kafka principal's Resource, e.g. resource:default/orders-app; the initiator's team must own it",
            ),
        groupPrefix: z =>
          z
            .string()
            .describe(
              "Consumer groups the principal may use: every group starting with it (3-100 letters, digits, '.', '_' or '-'); an app's group id must start with it",
            ),
        purpose: z =>
          z
            .string()
            .describe(
              `Why the access is needed, for the product's owners (${PURPOSE_MIN}-${PURPOSE_MAX} characters)`,
            ),
        duration: z =>
          z
            .string()
            .optional()
            .describe(
              `How long the grant lasts, an ISO 8601 duration; ${DEFAULT_ACCESS_DURATION} when absent`,
            ),
      },
      output: {
        requestId: z => z.string().describe('The access request id'),
        status: z =>
          z
            .string()
            .describe(
              'pending (waits for an owner) or approved (granted at once)',
            ),
        accessUrl: z =>
          z
            .string()
            .describe(
              "The product page's Access tab, e.g. /catalog/default/dataproduct/orders-placed/access",
            ),
        product: z => z.string().describe('The product ref, canonical'),
        kafkaPrincipal: z =>
          z
            .string()
            .describe(
              'The principal as the broker knows it, e.g. User:orders-app',
            ),
      },
    },
    async handler(ctx) {
      // Well-formed before anything leaves the task.
      const product = assertEntityRef(ctx.input.product, 'product', {
        kinds: [DATA_PRODUCT_KIND],
        defaultKind: DATA_PRODUCT_KIND,
      });
      const principal = assertEntityRef(ctx.input.principal, 'principal', {
        kinds: ['Resource'],
        defaultKind: 'Resource',
      });
      const groupPrefix = String(ctx.input.groupPrefix ?? '').trim();
      if (!GROUP_PREFIX.test(groupPrefix)) {
        throw new InputError(
          `groupPrefix ${shown(
            ctx.input.groupPrefix,
          )} must be 3 to 100 letters, digits, dots, underscores or dashes`,
        );
      }
      const purpose = String(ctx.input.purpose ?? '').trim();
      if (purpose.length < PURPOSE_MIN || purpose.length > PURPOSE_MAX) {
        throw new InputError(
          `purpose must be ${PURPOSE_MIN} to ${PURPOSE_MAX} characters, not ${purpose.length}`,
        );
      }
      const duration = ctx.input.duration?.trim() || DEFAULT_ACCESS_DURATION;
      try {
        parseIsoDuration(duration);
      } catch (error) {
        throw new InputError(`duration: ${(error as Error).message}`);
      }
      const { namespace, name } = parseEntityRef(product);
      const accessUrl = accessPathOf(product);
      const body: NewAccessRequest = {
        principal,
        groupPrefix,
        purpose,
        duration,
      };

      const answer = (request: AccessRequest, how: string) => {
        ctx.logger.info(
          `${how} ${request.id} for ${request.principal} (${principal}) on ${product}: ${request.status}; see ${accessUrl}`,
        );
        ctx.output('requestId', request.id);
        ctx.output('status', request.status);
        ctx.output('accessUrl', accessUrl);
        ctx.output('product', product);
        ctx.output('kafkaPrincipal', request.principal);
      };

      if (ctx.isDryRun) {
        // Nothing is asked: a request notifies the product's owners.
        ctx.logger.info(
          `Dry run: would ask for read access to ${product} for ${principal} (groups ${groupPrefix}*, ${duration})`,
        );
        ctx.output('requestId', 'dry-run');
        ctx.output('status', 'pending');
        ctx.output('accessUrl', accessUrl);
        ctx.output('product', product);
        ctx.output('kafkaPrincipal', `User:${parseEntityRef(principal).name}`);
        return;
      }

      // On behalf of the initiator: the backend checks and audits the user.
      const baseUrl = await discovery.getBaseUrl('data-mesh');
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await ctx.getInitiatorCredentials(),
        targetPluginId: 'data-mesh',
      });
      const productPath = `${baseUrl}/products/${encodeURIComponent(
        namespace,
      )}/${encodeURIComponent(name)}`;
      const call = async (path: string, init: RequestInit = {}) => {
        try {
          return await fetchFn(`${productPath}${path}`, {
            ...init,
            headers: {
              ...init.headers,
              Authorization: `Bearer ${token}`,
            },
          });
        } catch (error) {
          throw new ServiceUnavailableError(
            `The data mesh backend could not be reached (${
              (error as Error).message
            }); run the template again in a minute`,
          );
        }
      };

      const res = await call('/access-requests', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status === 201) {
        answer(JSON.parse(text) as AccessRequest, 'Asked for access:');
        return;
      }
      const error = errorOf(res.status, text, res.headers.get('retry-after'));
      if (res.status === 409) {
        const open = await findOpen(call, principal, groupPrefix);
        if (open) {
          answer(open, 'Access was already requested:');
          return;
        }
      }
      throw error;
    },
  });
}

/**
 * The open (pending or approved) request of the product for the principal
 * whose group prefix covers `groupPrefix`, from the product's access
 * route; undefined when there is none or it cannot be read (the 409's own
 * message is then the step's error).
 */
async function findOpen(
  call: (path: string) => Promise<Response>,
  principal: string,
  groupPrefix: string,
): Promise<AccessRequest | undefined> {
  const res = await call('/access');
  if (!res.ok) return undefined;
  const access = (await res.json()) as ProductAccessResponse;
  const wanted = principal.toLocaleLowerCase('en-US');
  return [...access.grants, ...access.pending].find(
    r =>
      r.principalRef.toLocaleLowerCase('en-US') === wanted &&
      groupPrefix.startsWith(r.groupPrefix),
  );
}
