/*
 * `yarn chaos [--restarts 10] [--seed <n>]`
 *
 * Restarts the broker and the registry of a private stack again and again
 * under the real portal backend and the running demo mesh, while
 * descriptor updates are published through the REST API and the live
 * routes are read every second; reports how long each restart took to
 * recover, whether any acknowledged update was lost, and any live-route
 * error once recovered. A script, not a test: it exits non-zero when a
 * target is missed. See bench/README.md ("Chaos: restarts under load").
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  RunningBackend,
  startBackend,
} from '../packages/backend/src/testing/startBackend';
import { loadDemoProducts } from '../packages/demo-mesh/src/mesh/demoProducts';
import {
  baselineErrors,
  countByStatus,
  partSummaries,
  publishSummary,
  restartResults,
  routeLatency,
} from './lib/chaos/analysis';
import { DemoMesh, startDemoMesh } from './lib/chaos/demoMesh';
import { liveRoutes } from './lib/chaos/liveRoutes';
import { parseChaosArgs } from './lib/chaos/options';
import { PortalClient, signInAs } from './lib/chaos/portalClient';
import { PrivateStack, startPrivateStack } from './lib/chaos/privateStack';
import { Prober, startProber } from './lib/chaos/prober';
import { Publisher, startPublisher } from './lib/chaos/publisher';
import { recoveryAfter } from './lib/chaos/recovery';
import { ChaosResult, logsDirOf, writeChaosResult } from './lib/chaos/report';
import { restartPart, RestartTiming } from './lib/chaos/restart';
import { planRestarts } from './lib/chaos/schedule';
import { startVisibilityCheck, VisibilityCheck } from './lib/chaos/visibility';
import { waitFor } from './lib/figures';
import { machine } from './lib/results';

/** The publisher: amara.okafor owns the checkout team's products. */
const USER = 'amara.okafor';
const OWNER = 'group:default/checkout-team';
/** Routes read with everything up before the first restart. */
const BASELINE_MS = 15_000;

const log = (message: string) =>
  console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${message}`);
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** What the run started, stopped in reverse order at the end or on Ctrl-C. */
const stopAll: Array<() => Promise<unknown>> = [];
async function stopStarted() {
  while (stopAll.length) {
    await stopAll.pop()!().catch(error => log(`cleanup: ${error}`));
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping what the run started`);
    void stopStarted().then(() => process.exit(130));
  });
}

/**
 * Signs in once the catalog has read the user (the dev sign-in resolves
 * users from the catalog, which reads the demo organisation at startup).
 */
async function signIn(baseUrl: string): Promise<PortalClient> {
  let client: PortalClient | undefined;
  await waitFor(
    async () => {
      client = await signInAs(baseUrl, USER);
      return true;
    },
    { everyMs: 1000, timeoutMs: 300_000, what: `sign-in as ${USER}` },
  );
  return client!;
}

/** Until the catalog holds every demo product and every live route answers 200. */
async function waitForBaseline(client: PortalClient, products: number) {
  await waitFor(
    async () => {
      const { status, body } = await client.request(
        'GET',
        '/api/catalog/entities/by-query?filter=kind=dataproduct&limit=1',
      );
      return status === 200 && JSON.parse(body).totalItems >= products;
    },
    {
      everyMs: 1000,
      timeoutMs: 300_000,
      what: `${products} demo products in the catalog`,
    },
  );
  await waitFor(
    async () => {
      for (const route of liveRoutes()) {
        const { status, body } = await client.request(
          route.method,
          route.path,
          {
            body: route.body,
          },
        );
        if (status !== 200)
          throw new Error(`${route.id}: ${status} ${body.slice(0, 200)}`);
      }
      return true;
    },
    {
      everyMs: 2000,
      timeoutMs: 300_000,
      what: 'every live route answering 200',
    },
  );
}

/** Resolves when every live route answered 200 after `healthyAt`, or at the limit. */
async function waitForRecovery(
  prober: Prober,
  routes: string[],
  healthyAt: number,
  limitMs: number,
) {
  for (;;) {
    const recovery = recoveryAfter(prober.answers, routes, healthyAt);
    if (recovery.recoveredAt || Date.now() > healthyAt + limitMs)
      return recovery;
    await sleep(500);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const options = parseChaosArgs(args);
  const plan = planRestarts(options);
  const at = new Date().toISOString();
  const run = randomUUID().slice(0, 8);
  const logsDir = logsDirOf(at);
  const registryTopic = `_data-products-chaos-${run}`;
  const routes = liveRoutes();
  const routeIds = routes.map(r => r.id);
  const demoProducts = loadDemoProducts();
  const published = demoProducts
    .map(p => p.descriptor)
    .filter(d => d.spec.owner === OWNER);
  const setup: Record<string, unknown> = {
    registryTopic,
    logs: path.relative(process.cwd(), logsDir),
    publishedProducts: published.map(d => d.metadata.name),
    plan: plan.map(p => `${p.index}:${p.part}`).join(' '),
  };

  let stack: PrivateStack | undefined;
  let demo: DemoMesh | undefined;
  let backend: RunningBackend | undefined;
  let prober: Prober | undefined;
  let publisher: Publisher | undefined;
  let visibility: VisibilityCheck | undefined;
  let baselineAt: number | undefined;
  const timings: RestartTiming[] = [];
  const processes: Record<string, unknown> = {};
  let failure: string | undefined;
  let endedAt = Date.now();

  try {
    let since = Date.now();
    log('starting a private Kafka and registry');
    const privateStack = await startPrivateStack(line => log(`stack: ${line}`));
    stack = privateStack;
    stopAll.push(() => privateStack.down());
    setup.stackStartMs = Date.now() - since;

    since = Date.now();
    log(`starting the demo mesh on it (registry topic ${registryTopic})`);
    const demoMesh = await startDemoMesh({
      brokers: stack.brokers,
      clientsFile: stack.clientsFile,
      registryUrl: stack.registryUrl,
      registryTopic,
      logFile: path.join(logsDir, 'demo-mesh.log'),
    });
    demo = demoMesh;
    stopAll.push(() => demoMesh.stop());
    setup.demoStartMs = Date.now() - since;

    since = Date.now();
    log('starting the portal backend on it');
    const portal = await startBackend(
      { dataMesh: { registryTopic } },
      {
        // The private stack's own principals: the backend as the portal.
        cluster: stack.clusterConfig('portal'),
        registryUrl: stack.registryUrl,
        timeoutMs: 300_000,
      },
    );
    backend = portal;
    stopAll.push(async () => {
      fs.writeFileSync(path.join(logsDir, 'backend.log'), portal.output());
      await portal.stop();
    });
    setup.backendStartMs = Date.now() - since;

    since = Date.now();
    log(
      `signing in as ${USER}; waiting for the demo products and the live routes`,
    );
    const client = await signIn(portal.baseUrl);
    await waitForBaseline(client, demoProducts.length);
    setup.baselineMs = Date.now() - since;

    log(
      `reading ${
        routes.length
      } live routes every second, publishing updates of ${published
        .map(d => d.metadata.name)
        .join(' and ')}`,
    );
    baselineAt = Date.now();
    prober = startProber(client, routes);
    publisher = startPublisher(client, published, run);
    visibility = startVisibilityCheck(client, publisher.updates, run);
    await sleep(BASELINE_MS);

    for (const planned of plan) {
      log(
        `restart ${planned.index}/${plan.length}: ${
          planned.part
        }, down for ${secs(planned.downMs)}`,
      );
      const timing = await restartPart(stack, planned);
      timings.push(timing);
      log(
        `  ${planned.part} healthy ${secs(
          timing.healthyAt - timing.startRequestedAt,
        )} after its start; waiting for the live routes`,
      );
      const recovery = await waitForRecovery(
        prober,
        routeIds,
        timing.healthyAt,
        options.recoveryLimitMs,
      );
      if (recovery.recoveredAt) {
        log(
          `  recovered ${secs(
            recovery.recoveredAt - timing.healthyAt,
          )} after healthy`,
        );
      } else {
        log(
          `  NOT recovered within ${secs(
            options.recoveryLimitMs,
          )}: ${recovery.failing
            .map(f => `${f.route} (${f.error})`)
            .join('; ')}`,
        );
      }
      if (planned.index < plan.length) await sleep(planned.pauseMs);
    }

    // The last restart is over: no more updates, and the acknowledged
    // ones have until 60 s after it (15 s after the last publish at
    // least) to show; the routes are read on meanwhile.
    await publisher.stop();
    const last = timings[timings.length - 1];
    const deadline = Math.max(
      last.healthyAt + options.visibleWithinMs,
      Date.now() + 15_000,
    );
    log(
      `publishing stopped; watching until ${new Date(deadline).toISOString()}`,
    );
    await sleep(deadline - Date.now());
  } catch (error) {
    failure = String((error as Error)?.stack ?? error);
    log(`the run broke off: ${failure}`);
  } finally {
    await publisher?.stop();
    await visibility?.stop();
    await prober?.stop();
    endedAt = Date.now();
    processes.backendExitCodeBeforeStop = backend?.exitCode() ?? null;
    processes.demoMeshExitCodeBeforeStop = demo?.exitCode() ?? null;
    processes.demoMeshProblemLines = demo?.problems();
    log('stopping the backend, the demo mesh and the private stack');
    await stopStarted();
  }

  if (!prober || !publisher || baselineAt === undefined) {
    log(`nothing was measured; logs in ${logsDir}`);
    process.exitCode = 1;
    return;
  }
  const restarts = restartResults(
    timings,
    prober.answers,
    routeIds,
    options,
    endedAt,
  );
  const parts = partSummaries(restarts, options);
  const publishes = {
    ...publishSummary(publisher.updates),
    refusals: publisher.refusals,
  };
  const errorsBeforeFirstRestart = baselineErrors(
    prober.answers,
    baselineAt,
    timings[0]?.stopRequestedAt ?? endedAt,
  );
  const afterRecovery = restarts.flatMap(r => r.errorsAfterRecovery);
  const errorsAfterRecovery = afterRecovery.length;
  const liveRoutesResult = {
    routes: routeIds,
    calls: prober.answers.length,
    errorsBeforeFirstRestart,
    errorsAfterRecovery,
    errorsAfterRecoveryByStatus: countByStatus(afterRecovery),
    latencyMs: routeLatency(
      prober.answers,
      routeIds,
      baselineAt,
      restarts,
      endedAt,
    ),
    pass: errorsAfterRecovery === 0 && errorsBeforeFirstRestart.length === 0,
  };
  const complete = !failure && timings.length === plan.length;
  const targets = [
    { target: 'every planned restart ran', pass: complete },
    ...Object.entries(parts).map(([part, p]) => ({
      target: `${part} recovery p95 ≤ ${options.recoveryTargetMs / 1000} s`,
      pass: p.pass,
    })),
    { target: '0 acknowledged updates lost', pass: publishes.pass },
    {
      target: '0 live-route errors after recovery',
      pass: liveRoutesResult.pass,
    },
  ];
  const result: ChaosResult = {
    at,
    args,
    options,
    machine: machine(),
    setup,
    parts,
    restarts,
    publishes,
    liveRoutes: liveRoutesResult,
    processes,
    targets,
    pass: targets.every(t => t.pass),
    ...(failure && { failure }),
  };
  console.log(`\n${writeChaosResult(result)}`);
  log(`logs of the backend and the demo mesh: ${logsDir}`);
  if (!result.pass) process.exitCode = 1;
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
