import { publishDescriptor } from '@kafka-mesh/plugin-data-mesh-node';
import { readFile } from 'node:fs/promises';
import { CliError } from '../lib/CliError';
import { governanceProblems } from '../lib/governanceProblems';
import {
  findDuplicateIds,
  LoadedDescriptor,
  loadDescriptors,
} from '../lib/loadDescriptors';
import { loadMeshConfig } from '../lib/loadMeshConfig';
import { registryLabel, withRegistryProducer } from '../lib/meshKafka';
import type { GlobalOptions, Output } from './types';

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') throw new CliError(`${file}: no such file`);
    if (code === 'EISDIR') throw new CliError(`${file}: is a directory`);
    throw new CliError(`${file}: ${message}`);
  }
}

/**
 * `mesh publish <file...>`: validates every descriptor of every file and
 * checks it against the governance rules of the loaded config first, and
 * produces only when all pass, each under its product id.
 */
export async function publish(
  files: string[],
  options: GlobalOptions,
  out: Output,
): Promise<void> {
  const problems: string[] = [];
  const descriptors: LoadedDescriptor[] = [];
  for (const file of files) {
    const result = loadDescriptors(await readText(file), file);
    if (result.valid) descriptors.push(...result.descriptors);
    else problems.push(...result.problems);
  }
  problems.push(...findDuplicateIds(descriptors));
  const mesh = await loadMeshConfig(options);
  problems.push(...governanceProblems(descriptors, mesh.governance));
  if (problems.length) {
    throw new CliError([
      ...problems,
      `nothing was published: ${problems.length} problem${
        problems.length === 1 ? '' : 's'
      }`,
    ]);
  }

  await withRegistryProducer(mesh, async (producer, topic) => {
    for (const { id, entity } of descriptors) {
      await publishDescriptor(producer, topic, entity);
      out(`published ${id} to ${registryLabel(mesh)}`);
    }
  });
}
