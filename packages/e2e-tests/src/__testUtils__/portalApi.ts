import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';

/** A catalog entity as the catalog REST API returns it. */
export type CatalogEntity = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    title?: string;
    description?: string;
    tags?: string[];
    annotations?: Record<string, string>;
  };
  spec?: Record<string, any>;
  relations?: Array<{ type: string; targetRef: string }>;
};

/** How a scaffolder task ended, from its completion event. */
export type TaskRun = {
  id: string;
  status: 'completed' | 'failed' | 'cancelled';
  /** The template's rendered `output` (completed tasks). */
  output: Record<string, any>;
  /** The error that failed the task. */
  error?: { name: string; message: string };
  /** Every log line of every step, for failure messages. */
  log: string[];
};

type Reply<T> = { status: number; body: T };

/** One event of a task, as its events route lists them. */
type TaskEvent = { type: string; body: Record<string, any> };

/** A task's log lines, as `[stepId] message`. */
const logOf = (events: TaskEvent[]) =>
  events
    .filter(e => e.type === 'log')
    .map(e => `[${e.body.stepId ?? '-'}] ${e.body.message}`);

const DONE = ['completed', 'failed', 'cancelled'];

/**
 * The portal's REST API as a signed-in user sees it: what the scaffolder
 * frontend calls when someone runs a template, and the catalog it reads.
 */
export class PortalApi {
  private constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** Signs in with the guest provider, as the portal's sign-in page does. */
  static async signInAsGuest(baseUrl: string): Promise<PortalApi> {
    const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    const body = await res.json();
    const token = body?.backstageIdentity?.token;
    if (!res.ok || !token) {
      throw new Error(
        `guest sign-in failed: HTTP ${res.status} ${JSON.stringify(body)}`,
      );
    }
    return new PortalApi(baseUrl, token);
  }

  /**
   * Signs in as a catalog user listed in `auth.providers.devUser.users`
   * (app-config.yaml), with the ownership claims the catalog gives them:
   * the tests need an owner and a non-owner side by side.
   */
  static async signInAs(baseUrl: string, user: string): Promise<PortalApi> {
    const res = await fetch(`${baseUrl}/api/auth/devUser/refresh`, {
      headers: {
        'X-Requested-With': 'XMLHttpRequest',
        'x-data-mesh-dev-user': user,
      },
    });
    const body = await res.json();
    const token = body?.backstageIdentity?.token;
    if (!res.ok || !token) {
      throw new Error(
        `sign-in as ${user} failed: HTTP ${res.status} ${JSON.stringify(body)}`,
      );
    }
    return new PortalApi(baseUrl, token);
  }

  async request<T = any>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: object,
  ): Promise<Reply<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...(body && { 'Content-Type': 'application/json' }),
      },
      body: body && JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  /** The entity, or undefined while the catalog does not hold it. */
  async entity(ref: string): Promise<CatalogEntity | undefined> {
    const { kind, namespace, name } = splitRef(ref);
    const { status, body } = await this.request<CatalogEntity>(
      'GET',
      `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
    );
    if (status === 404) return undefined;
    if (status !== 200) {
      throw new Error(`catalog answered ${status} for ${ref}`);
    }
    return body;
  }

  /**
   * Publishes a descriptor through the data mesh REST API (refusing
   * anything but 201) and waits until the catalog holds the product, with
   * the schema the registry holds for it when `withSchema`.
   */
  async publish(
    descriptor: { metadata: { name: string; namespace?: string } },
    { withSchema = false, deadlineMs = 60_000 } = {},
  ): Promise<CatalogEntity> {
    const { name, namespace = 'default' } = descriptor.metadata;
    const put = await this.request(
      'PUT',
      `/api/data-mesh/products/${namespace}/${name}`,
      descriptor,
    );
    if (put.status !== 201) {
      throw new Error(
        `publishing ${name}: HTTP ${put.status} ${JSON.stringify(put.body)}`,
      );
    }
    return eventually(
      async () => {
        const entity = await this.entity(`dataproduct:${namespace}/${name}`);
        if (!entity) throw new Error(`${name} is not in the catalog yet`);
        if (
          withSchema &&
          entity.spec?.observed?.schema?.status !== 'registered'
        ) {
          throw new Error(`${name} is in the catalog without its schema yet`);
        }
        return entity;
      },
      { deadlineMs, intervalMs: 500 },
    );
  }

  /** Asks the scaffolder to run a template; the raw answer. */
  startTask(
    template: string,
    values: object,
  ): Promise<Reply<{ id?: string; errors?: Array<{ stack: string }> }>> {
    return this.request('POST', '/api/scaffolder/v2/tasks', {
      templateRef: `template:default/${template}`,
      values,
    });
  }

  /** Runs a template to its end, as its form's Create button does. */
  async runTemplate(template: string, values: object): Promise<TaskRun> {
    const started = await this.startTask(template, values);
    if (started.status !== 201 || !started.body.id) {
      throw new Error(
        `${template} was refused: HTTP ${started.status} ${JSON.stringify(
          started.body,
        )}`,
      );
    }
    return this.waitForTask(started.body.id);
  }

  /** A task's status now: open, processing, completed, failed, … */
  async taskStatus(id: string): Promise<string> {
    const { status, body } = await this.request<{ status: string }>(
      'GET',
      `/api/scaffolder/v2/tasks/${id}`,
    );
    if (status !== 200) throw new Error(`task ${id}: HTTP ${status}`);
    return body.status;
  }

  /** Every log line of the task so far, as `[stepId] message`. */
  async taskLog(id: string): Promise<string[]> {
    return logOf(await this.taskEvents(id));
  }

  /** Waits until a started task ends, and says how. */
  async waitForTask(
    id: string,
    { deadlineMs = 180_000 } = {},
  ): Promise<TaskRun> {
    await eventually(
      async () => {
        const status = await this.taskStatus(id);
        if (!DONE.includes(status)) {
          throw new Error(`task ${id} is ${status}`);
        }
      },
      { deadlineMs, intervalMs: 500 },
    );
    const events = await this.taskEvents(id);
    const completion = events.find(e => e.type === 'completion');
    return {
      id,
      status: (await this.taskStatus(id)) as TaskRun['status'],
      output: completion?.body.output ?? {},
      error: completion?.body.error,
      log: logOf(events),
    };
  }

  private async taskEvents(id: string): Promise<TaskEvent[]> {
    const { status, body } = await this.request<TaskEvent[]>(
      'GET',
      `/api/scaffolder/v2/tasks/${id}/events`,
    );
    if (status !== 200) throw new Error(`task ${id} events: HTTP ${status}`);
    return body;
  }
}

/** `kind:namespace/name` into its parts (refs here are always complete). */
function splitRef(ref: string) {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
  if (!match) throw new Error(`not a complete entity ref: ${ref}`);
  const [, kind, namespace, name] = match;
  return { kind: kind.toLowerCase(), namespace, name };
}

/** The targets of one type of relation, sorted. */
export function relationsOf(
  entity: CatalogEntity | undefined,
  type: string,
): string[] {
  return (entity?.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .sort();
}

/** A task's log and error, for a failed expectation to show. */
export function describeRun(run: TaskRun): string {
  return [
    `task ${run.id}: ${run.status}`,
    run.error && `error: ${run.error.message}`,
    ...run.log,
  ]
    .filter(Boolean)
    .join('\n');
}
