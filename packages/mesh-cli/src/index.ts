/**
 * `mesh`: publish, unpublish and export data product descriptors in the
 * registry topic. Argument parsing only; each command lives in its module.
 *
 * @packageDocumentation
 */
import { parseArgs } from 'node:util';
import {
  DEFAULT_EXPORT_FORMAT,
  EXPORT_FORMATS,
  exportProduct,
} from './commands/export';
import { publish } from './commands/publish';
import type { GlobalOptions, Output } from './commands/types';
import { unpublish } from './commands/unpublish';
import { CliError } from './lib/CliError';
import { BROKERS_ENV } from './lib/loadMeshConfig';

export { publish } from './commands/publish';
export { unpublish } from './commands/unpublish';
export { exportProduct } from './commands/export';
export { CliError } from './lib/CliError';

const COMMON_OPTIONS = '[--config <path>]... [--cluster <name>]';

const COMMANDS = {
  publish: {
    usage: `mesh publish <file.yaml>... ${COMMON_OPTIONS}`,
    summary:
      'validate every descriptor in the files (--- separated) and check the governance rules, then publish them all, or none',
  },
  unpublish: {
    usage: `mesh unpublish <namespace/name> ${COMMON_OPTIONS}`,
    summary: 'unpublish a data product: a tombstone for its id',
  },
  export: {
    usage: `mesh export <namespace/name> [--format <format>] ${COMMON_OPTIONS}`,
    summary: `print the published descriptor in another format (${Object.keys(
      EXPORT_FORMATS,
    ).join(', ')}; default ${DEFAULT_EXPORT_FORMAT})`,
  },
} as const;

type CommandName = keyof typeof COMMANDS;

export const USAGE = `Usage: mesh <command> [options]

Commands:
${Object.values(COMMANDS)
  .map(({ usage, summary }) => `  ${usage}\n      ${summary}`)
  .join('\n')}

Options:
  --config <path>   app config file, repeatable, later files win
                    (default: app-config.yaml and app-config.local.yaml at the repo root)
  --cluster <name>  a cluster from dataMesh.kafka.clusters (default: the first)
  --format <name>   export only: ${Object.keys(EXPORT_FORMATS).join(', ')}
  -h, --help        show this help

Environment:
  ${BROKERS_ENV}  comma separated brokers that replace the chosen cluster's
  APP_CONFIG_<path>        config overrides, as for the backend`;

export interface MainIo {
  stdout: Output;
  stderr: Output;
  env?: Record<string, string | undefined>;
}

const defaultIo: MainIo = {
  stdout: line => process.stdout.write(`${line}\n`),
  stderr: line => process.stderr.write(`${line}\n`),
};

function isCommand(name: string | undefined): name is CommandName {
  return name !== undefined && Object.hasOwn(COMMANDS, name);
}

function usageError(command: CommandName | undefined, problem: string) {
  return new CliError([
    `mesh${command ? ` ${command}` : ''}: ${problem}`,
    command
      ? `usage: ${COMMANDS[command].usage}`
      : "run 'mesh --help' for usage",
  ]);
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', multiple: true },
        cluster: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const command = isCommand(argv[0]) ? argv[0] : undefined;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']+)'/.exec(message)?.[1] ?? '';
      throw usageError(command, `unknown option ${option}`.trim());
    }
    // e.g. "Option '--config <value>' argument missing"
    throw usageError(command, message.split('\n')[0]);
  }
}

async function run(argv: string[], io: MainIo): Promise<void> {
  const { values, positionals } = parse(argv);
  const [name, ...args] = positionals;
  if (values.help || name === 'help') {
    io.stdout(isCommand(name) ? `usage: ${COMMANDS[name].usage}` : USAGE);
    return;
  }
  if (name === undefined) throw usageError(undefined, 'missing command');
  if (!isCommand(name)) {
    throw usageError(
      undefined,
      `unknown command '${name}'; commands: ${Object.keys(COMMANDS).join(
        ', ',
      )}`,
    );
  }
  const options: GlobalOptions = {
    configPaths: values.config,
    cluster: values.cluster,
    env: io.env,
  };
  if (values.format !== undefined && name !== 'export') {
    throw usageError(name, '--format applies to export only');
  }

  switch (name) {
    case 'publish':
      if (!args.length) throw usageError(name, 'missing <file.yaml>');
      await publish(args, options, io.stdout);
      return;
    case 'unpublish':
    case 'export': {
      if (args.length !== 1) {
        throw usageError(
          name,
          args.length
            ? `expected one <namespace/name>, got ${args.length}`
            : 'missing <namespace/name>',
        );
      }
      if (name === 'unpublish') {
        await unpublish(args[0], options, io.stdout);
      } else {
        await exportProduct(
          args[0],
          values.format ?? DEFAULT_EXPORT_FORMAT,
          options,
          io.stdout,
        );
      }
      return;
    }
    default:
      return;
  }
}

/**
 * Runs the CLI; resolves with the exit status and never rejects. User
 * errors print one line per problem; anything unexpected prints its message
 * (and its stack with MESH_DEBUG=1).
 */
export async function main(
  argv: string[],
  io: MainIo = defaultIo,
): Promise<number> {
  try {
    await run(argv, io);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      error.lines.forEach(line => io.stderr(line));
    } else {
      const { name, message, stack } = error as Error;
      const prefix = String(name).startsWith('KafkaJS') ? 'Kafka: ' : '';
      io.stderr(`mesh: ${prefix}${String(message ?? error).split('\n')[0]}`);
      if ((io.env ?? process.env).MESH_DEBUG) io.stderr(String(stack));
    }
    return 1;
  }
}
