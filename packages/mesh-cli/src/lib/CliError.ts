/**
 * A failure the user can act on: printed as one line per problem, without a
 * stack trace, and the CLI exits with status 1.
 */
export class CliError extends Error {
  readonly lines: string[];

  constructor(lines: string | string[]) {
    const list = Array.isArray(lines) ? lines : [lines];
    super(list.join('\n'));
    this.name = 'CliError';
    this.lines = list;
  }
}
