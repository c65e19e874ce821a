/**
 * `mesh`: publish, deprecate and unpublish data products through the portal
 * backend, and export published descriptors. Argument parsing only; each
 * command lives in its module.
 *
 * @packageDocumentation
 */
import { parseArgs } from 'node:util';
import { deprecate } from './commands/deprecate';
import {
  DEFAULT_EXPORT_FORMAT,
  EXPORT_FORMATS,
  exportProduct,
} from './commands/export';
import { importProduct } from './commands/import';
import { DEFAULT_IMPACT_RECORDS, impact } from './commands/impact';
import { publish } from './commands/publish';
import { DEFAULT_TEST_RECORDS, testProduct } from './commands/test';
import type { Output, WriteOptions } from './commands/types';
import { unpublish } from './commands/unpublish';
import { CliError } from './lib/CliError';
import {
  BROKERS_ENV,
  MECHANISM_ENV,
  PASSWORD_ENV,
  SSL_CA_FILE_ENV,
  USERNAME_ENV,
} from './lib/loadMeshConfig';
import { BACKEND_URL_ENV, TOKEN_ENV } from './lib/portalClient';

export { publish } from './commands/publish';
export { unpublish } from './commands/unpublish';
export { deprecate } from './commands/deprecate';
export { exportProduct } from './commands/export';
export { importProduct } from './commands/import';
export { testProduct } from './commands/test';
export { impact } from './commands/impact';
export { CliError } from './lib/CliError';

const PORTAL_OPTIONS =
  '[--dry-run] [--backend <url>] [--token <token>] [--config <path>]...';

const COMMANDS = {
  publish: {
    usage: `mesh publish <file.yaml>... [--acknowledge-sla-above-inputs] ${PORTAL_OPTIONS}`,
    summary:
      'check every descriptor in the files (--- separated), have the portal check them all, then publish them all, or none',
  },
  deprecate: {
    usage: `mesh deprecate <namespace/name> --sunset <YYYY-MM-DD> --reason <text> [--replacement <product>] ${PORTAL_OPTIONS}`,
    summary:
      'mark a data product deprecated until the sunset date and notify the owners of its consumers',
  },
  unpublish: {
    usage: `mesh unpublish <namespace/name> ${PORTAL_OPTIONS}`,
    summary:
      'unpublish a data product (refused while consumer groups read it, unless you are a data mesh admin)',
  },
  export: {
    usage: `mesh export <namespace/name> [--format <format>] [--config <path>]... [--cluster <name>]`,
    summary: `print the published descriptor in another format (${Object.keys(
      EXPORT_FORMATS,
    ).join(', ')}; default ${DEFAULT_EXPORT_FORMAT})`,
  },
  import: {
    usage: `mesh import <odps file> [<odcs file>...]`,
    summary:
      'print the DataProduct descriptor of an ODPS document and the ODCS contracts of its output ports, validated',
  },
  test: {
    usage: `mesh test <namespace/name | descriptor.yaml> [--records <n>] [--json] [--config <path>]... [--cluster <name>]`,
    summary: `check the quality rules and schema conformance of the newest records (default ${DEFAULT_TEST_RECORDS}); exit 0 pass, 1 fail, 2 usage or connection error`,
  },
  impact: {
    usage: `mesh impact <namespace/name | descriptor.yaml> <schema file> [--records <n>] [--json] [--backend <url>] [--token <token>] [--config <path>]... [--cluster <name>]`,
    summary: `who a new schema version affects, whether the registry accepts it, whether it reads the newest records (default ${DEFAULT_IMPACT_RECORDS}) and which quality rules they would newly fail; exit 1 on breakage, 2 on usage or connection errors`,
  },
} as const;

type CommandName = keyof typeof COMMANDS;

const WRITE_COMMANDS: readonly CommandName[] = [
  'publish',
  'deprecate',
  'unpublish',
];

export const USAGE = `Usage: mesh <command> [options]

Commands:
${Object.values(COMMANDS)
  .map(({ usage, summary }) => `  ${usage}\n      ${summary}`)
  .join('\n')}

publish, deprecate and unpublish go through the portal backend, which checks
the publish barrier and that you own the product (or are a data mesh admin).

Options:
  --backend <url>     the portal backend (default: ${BACKEND_URL_ENV}, else
                      backend.baseUrl of the config, e.g. http://localhost:7007)
  --token <token>     your Backstage token (default: ${TOKEN_ENV}; prefer the
                      variable, arguments show in process lists)
  --dry-run           the backend checks everything and changes nothing
  --acknowledge-sla-above-inputs
                      publish: even where the SLA promises more than the inputs give
  --sunset <date>     deprecate: the last day the product is served, YYYY-MM-DD
  --reason <text>     deprecate: why, for the consumers
  --replacement <product>
                      deprecate: the product to move to
  --config <path>     app config file, repeatable, later files win
                      (default: app-config.yaml and app-config.local.yaml at the repo root)
  --cluster <name>    export, test, impact: a cluster from dataMesh.kafka.clusters (default: the first)
  --records <n>       test, impact: how many of the newest records to read
  --json              test, impact: the report as JSON, for CI
  --format <name>     export: ${Object.keys(EXPORT_FORMATS).join(
    ', ',
  )} (odps: ODPS v1.1.0; odps-v1.0: ODPS v1.0.0;
                      odcs: the ODCS v3.1.0 contract of each output port)
  -h, --help          show this help

Environment:
  ${BACKEND_URL_ENV}    the portal backend, when --backend is not given
  ${TOKEN_ENV}          your Backstage token, when --token is not given
  ${BROKERS_ENV}  export: comma separated brokers that replace the chosen cluster's
  ${USERNAME_ENV}, ${PASSWORD_ENV}
                           export: SASL credentials that replace the chosen cluster's
  ${MECHANISM_ENV}  export: their SASL mechanism (default scram-sha-512)
  ${SSL_CA_FILE_ENV}
                           export: a PEM file with the brokers' CA; turns TLS on
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

const OPTIONS = {
  config: { type: 'string', multiple: true },
  cluster: { type: 'string' },
  format: { type: 'string' },
  backend: { type: 'string' },
  token: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'acknowledge-sla-above-inputs': { type: 'boolean' },
  sunset: { type: 'string' },
  reason: { type: 'string' },
  replacement: { type: 'string' },
  records: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The commands an option means something to; the rest apply to all. */
const OPTION_COMMANDS: Partial<
  Record<keyof typeof OPTIONS, readonly CommandName[]>
> = {
  cluster: ['export', 'test', 'impact'],
  format: ['export'],
  backend: [...WRITE_COMMANDS, 'impact'],
  token: [...WRITE_COMMANDS, 'impact'],
  records: ['test', 'impact'],
  json: ['test', 'impact'],
  'dry-run': WRITE_COMMANDS,
  'acknowledge-sla-above-inputs': ['publish'],
  sunset: ['deprecate'],
  reason: ['deprecate'],
  replacement: ['deprecate'],
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
      options: OPTIONS,
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

type Values = ReturnType<typeof parse>['values'];

/** A usage error for an option given to a command it means nothing to. */
function checkOptionScope(name: CommandName, values: Values) {
  for (const [option, commands] of Object.entries(OPTION_COMMANDS)) {
    if (
      values[option as keyof Values] !== undefined &&
      !commands.includes(name)
    ) {
      const list =
        commands.length === 1
          ? commands[0]
          : `${commands.slice(0, -1).join(', ')} and ${commands.at(-1)}`;
      throw usageError(name, `--${option} applies to ${list} only`);
    }
  }
}

/** The single `<namespace/name>` argument of a command. */
function productArg(name: CommandName, args: string[]): string {
  if (args.length !== 1) {
    throw usageError(
      name,
      args.length
        ? `expected one <namespace/name>, got ${args.length}`
        : 'missing <namespace/name>',
    );
  }
  return args[0];
}

/** `--records`: a positive whole number. */
function recordsOption(name: CommandName, value: string | undefined) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 100_000) {
    throw usageError(
      name,
      `--records must be a whole number from 1 to 100000, not '${value}'`,
    );
  }
  return n;
}

/** Commands whose own result is the exit status; their errors exit with 2. */
const CHECK_COMMANDS: readonly CommandName[] = ['test', 'impact'];

async function run(argv: string[], io: MainIo): Promise<number> {
  const { values, positionals } = parse(argv);
  const [name, ...args] = positionals;
  if (values.help || name === 'help') {
    io.stdout(isCommand(name) ? `usage: ${COMMANDS[name].usage}` : USAGE);
    return 0;
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
  checkOptionScope(name, values);
  const write: WriteOptions = {
    configPaths: values.config,
    env: io.env,
    backend: values.backend,
    token: values.token,
    dryRun: values['dry-run'],
  };

  switch (name) {
    case 'publish':
      if (!args.length) throw usageError(name, 'missing <file.yaml>');
      await publish(
        args,
        {
          ...write,
          acknowledgeSlaAboveInputs: values['acknowledge-sla-above-inputs'],
        },
        io.stdout,
      );
      return 0;
    case 'deprecate': {
      const id = productArg(name, args);
      if (values.sunset === undefined) {
        throw usageError(name, 'missing --sunset <YYYY-MM-DD>');
      }
      if (values.reason === undefined) {
        throw usageError(name, 'missing --reason <text>');
      }
      await deprecate(
        id,
        {
          sunset: values.sunset,
          reason: values.reason,
          replacement: values.replacement,
        },
        write,
        io.stdout,
      );
      return 0;
    }
    case 'unpublish':
      await unpublish(productArg(name, args), write, io.stdout);
      return 0;
    case 'export':
      await exportProduct(
        productArg(name, args),
        values.format ?? DEFAULT_EXPORT_FORMAT,
        { configPaths: values.config, cluster: values.cluster, env: io.env },
        io.stdout,
      );
      return 0;
    case 'import':
      if (!args.length) throw usageError(name, 'missing <odps file>');
      await importProduct(args, io.stdout);
      return 0;
    case 'test':
      return testProduct(
        productArg(name, args),
        {
          configPaths: values.config,
          cluster: values.cluster,
          env: io.env,
          records: recordsOption(name, values.records),
          json: values.json,
        },
        io.stdout,
      );
    case 'impact':
      if (args.length !== 2) {
        throw usageError(
          name,
          `expected <namespace/name | descriptor.yaml> <schema file>, got ${
            args.length
          } argument${args.length === 1 ? '' : 's'}`,
        );
      }
      return impact(
        args[0],
        args[1],
        {
          configPaths: values.config,
          cluster: values.cluster,
          env: io.env,
          records: recordsOption(name, values.records),
          json: values.json,
          backend: values.backend,
          token: values.token,
        },
        io.stdout,
      );
    default:
      return 0;
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
    return await run(argv, io);
  } catch (error) {
    const command = argv.find(arg => !arg.startsWith('-'));
    const status = CHECK_COMMANDS.includes(command as CommandName) ? 2 : 1;
    if (error instanceof CliError) {
      error.lines.forEach(line => io.stderr(line));
    } else {
      const { name, message, stack } = error as Error;
      const prefix = String(name).startsWith('KafkaJS') ? 'Kafka: ' : '';
      io.stderr(`mesh: ${prefix}${String(message ?? error).split('\n')[0]}`);
      if ((io.env ?? process.env).MESH_DEBUG) io.stderr(String(stack));
    }
    return status;
  }
}
