import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './freePort';

export interface TestPostgres {
  host: string;
  port: number;
  user: string;
  stop(): void;
}

function findPgBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const bin = path.join(base, version, 'bin');
    if (fs.existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  throw new Error(
    'PostgreSQL server binaries not found under /usr/lib/postgresql: ' +
      'install them with `apt-get install postgresql` (.ci/run does this)',
  );
}

/** `runuser` lives in sbin, which a non-login PATH may leave out. */
function runuser(): string {
  const found = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find(
    candidate => fs.existsSync(candidate),
  );
  if (!found) throw new Error('runuser not found; it is in util-linux');
  return found;
}

/**
 * Starts a throwaway PostgreSQL cluster in a temporary folder on a free port.
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres`
 * user that Debian's package creates.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = findPgBin();
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-mesh-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot
      ? [runuser(), ['-u', 'postgres', '--', path.join(bin, cmd), ...args]]
      : [path.join(bin, cmd), args];
    const result = spawnSync(file, argv, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(
        `${cmd} failed: ${
          result.error?.message ?? (result.stderr || result.stdout)
        }`,
      );
    }
  };
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    path.join(dir, 'postgres.log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    '-w',
    'start',
  ]);
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    stop() {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
