import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../repoPaths';

const run = promisify(execFile);

/** The Kafka and registry the generated code should use: jest's stack. */
function stackEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    KAFKA_BROKERS: process.env.DATA_MESH_KAFKA_BROKERS ?? 'localhost:9092',
    SCHEMA_REGISTRY_URL:
      process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
      'http://localhost:8081/apis/ccompat/v7',
  };
}

/**
 * A repository a template generated, to run its code as its owner would
 * after `npm install`; the monorepo's node_modules stand in for the install
 * (the machine has no registry access in tests).
 */
export class GeneratedRepo {
  private readonly children = new Set<ChildProcess>();

  constructor(readonly dir: string) {}

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
        env: stackEnv(),
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
      env: stackEnv(),
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
  }
}
