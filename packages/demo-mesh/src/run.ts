import { parseArgs } from 'node:util';
import { DemoMeshOptions } from './options';
import { startDemoRuntime } from './runtime';
import { seedDemoMesh } from './seed';
// The same settings `yarn stack` uses.
import * as stack from '@kafka-mesh/local-stack';

const USAGE = `usage: demo-mesh <command> [options]

  seed     create the demo's topics, schemas and data products (idempotent)
  start    seed, then run the generators, stream processors and the
           sales dashboard consumer until Ctrl-C

options:
  --registry-topic <name>  the registry topic the catalog reads (default _data-products)
  --topic-prefix <prefix>  put in front of every topic and consumer group

Kafka and the registry are those of the local stack (yarn stack up); set
DATA_MESH_KAFKA_BROKERS / DATA_MESH_SCHEMA_REGISTRY_URL to use others. Each
demo app connects as its own principal of the stack's secured broker (its
clients file: DATA_MESH_KAFKA_CLIENTS or the stack's own).`;

const log = (line: string) => process.stdout.write(`[demo-mesh] ${line}\n`);

/** Where the local stack runs, as `yarn stack` sees it. */
function localStackOptions(): DemoMeshOptions {
  const { registry } = stack.loadConfig();
  return {
    clientFor: principal => stack.clientConfig(principal),
    registryUrl: registry.url,
    log,
  };
}

/**
 * Seeds, then runs the demo until SIGINT or SIGTERM, then stops it
 * gracefully (every producer and consumer disconnects, so the consumer
 * groups are left at once instead of after a session timeout).
 */
async function runDemo(options: DemoMeshOptions): Promise<void> {
  await seedDemoMesh(options);
  const runtime = await startDemoRuntime(options);
  await new Promise<void>(resolve => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  options.log?.('stopping…');
  await runtime.stop();
  options.log?.('stopped');
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'registry-topic': { type: 'string' },
        'topic-prefix': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`demo-mesh: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const options: DemoMeshOptions = {
    ...localStackOptions(),
    registryTopic: values['registry-topic'],
    topicPrefix: values['topic-prefix'],
  };
  try {
    if (command === 'seed') await seedDemoMesh(options);
    else if (command === 'start') await runDemo(options);
    else {
      process.stderr.write(
        `demo-mesh: unknown command '${command}'\n${USAGE}\n`,
      );
      return 2;
    }
    return 0;
  } catch (error) {
    process.stderr.write(`demo-mesh: ${(error as Error).message}\n`);
    return 1;
  }
}
