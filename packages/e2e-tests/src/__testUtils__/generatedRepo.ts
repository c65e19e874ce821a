import { clientConfig } from '@kafka-mesh/local-stack';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../repoPaths';

const run = promisify(execFile);

/** Who the generated code connects to jest's secured stack as, and how. */
export interface GeneratedRepoKafka {
  /** A principal of the local stack, e.g. `admin` or `consumer-app-1`. */
  principal: string;
  /** `sasl`: SASL_PLAINTEXT (default); `ssl`: SASL_SSL with KAFKA_SSL_CA_FILE. */
  listener?: 'sasl' | 'ssl';
}

/**
 * A repository a template generated, to run its code as its owner would
 * after `npm install`; the monorepo's node_modules stand in for the install
 * (the machine has no registry access in tests). Its code gets the
 * connection the generated README documents: KAFKA_BROKERS,
 * KAFKA_SASL_MECHANISM, KAFKA_USERNAME, KAFKA_PASSWORD, KAFKA_SSL_CA_FILE
 * and SCHEMA_REGISTRY_URL.
 */
export class GeneratedRepo {
  private readonly children = new Set<ChildProcess>();
  /** A folder of its own for the CA file, outside the repository. */
  private tmpDir: string | undefined;

  constructor(
    readonly dir: string,
    readonly kafka: GeneratedRepoKafka = { principal: 'admin' },
  ) {}

  /** The Kafka and registry the generated code should use: jest's stack. */
  private stackEnv(): NodeJS.ProcessEnv {
    const { listener = 'sasl', principal } = this.kafka;
    const config = clientConfig(principal, { listener });
    let caFile: string | undefined;
    if (config.ssl) {
      this.tmpDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'generated-ca-'));
      caFile = path.join(this.tmpDir, 'ca.pem');
      fs.writeFileSync(caFile, config.ssl.ca.join('\n'));
    }
    // Not the test's own variables (a stray KAFKA_* would be confusing).
    const {
      KAFKA_BROKERS: _b,
      KAFKA_SASL_MECHANISM: _m,
      KAFKA_USERNAME: _u,
      KAFKA_PASSWORD: _p,
      KAFKA_SSL_CA_FILE: _c,
      ...env
    } = process.env;
    return {
      ...env,
      KAFKA_BROKERS: config.brokers.join(','),
      ...(config.sasl && {
        KAFKA_SASL_MECHANISM: config.sasl.mechanism,
        KAFKA_USERNAME: config.sasl.username,
        KAFKA_PASSWORD: config.sasl.password,
      }),
      ...(caFile && { KAFKA_SSL_CA_FILE: caFile }),
      SCHEMA_REGISTRY_URL:
        process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
        'http://localhost:8081/apis/ccompat/v7',
    };
  }

  /** Files committed at HEAD. */
  async committedFiles(): Promise<string[]> {
    const { stdout } = await run('git', ['ls-files'], { cwd: this.dir });
    return stdout.split('\n').filter(Boolean).sort();
  }

  async commitCount(): Promise<number> {
    const { stdout } = await run('git', ['rev-list', '--count', 'HEAD'], {
      cwd: this.dir,
    });
    return Number(stdout.trim());
  }

  read(file: string): string {
    return fs.readFileSync(path.join(this.dir, file), 'utf8');
  }

  /** Makes the repository's imports resolvable (see the class comment). */
  install(): void {
    const modules = path.join(this.dir, 'node_modules');
    if (!fs.existsSync(modules)) {
      fs.symlinkSync(path.join(repoRoot, 'node_modules'), modules, 'dir');
    }
  }

  /** Type-checks the repository with its own tsconfig.json. */
  async typecheck(): Promise<void> {
    await run(
      process.execPath,
      [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', '.'],
      { cwd: this.dir },
    ).catch(error => {
      throw new Error(`tsc failed in ${this.dir}:\n${error.stdout}`);
    });
  }

  /** Runs `node <args>` in the repository to its end. */
  async node(...args: string[]): Promise<{ code: number; output: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, args, {
        cwd: this.dir,
        env: this.stackEnv(),
      });
      return { code: 0, output: stdout + stderr };
    } catch (error: any) {
      return {
        code: error.code ?? 1,
        output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      };
    }
  }

  /** Starts `node <args>` in the repository; stopped by {@link stopAll}. */
  start(...args: string[]): { output(): string } {
    let output = '';
    const child = spawn(process.execPath, args, {
      cwd: this.dir,
      env: this.stackEnv(),
    });
    child.stdout.on('data', d => (output += d));
    child.stderr.on('data', d => (output += d));
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return { output: () => output };
  }

  /** Stops what {@link start} started, letting it shut down cleanly. */
  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.children].map(
        child =>
          new Promise(resolve => {
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
      ),
    );
    if (this.tmpDir) fs.rmSync(this.tmpDir, { recursive: true, force: true });
    this.tmpDir = undefined;
  }
}
