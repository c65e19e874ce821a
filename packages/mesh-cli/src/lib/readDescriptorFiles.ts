import { readFile } from 'node:fs/promises';
import { CliError } from './CliError';
import {
  findDuplicateIds,
  LoadedDescriptor,
  loadDescriptors,
} from './loadDescriptors';

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
 * Every descriptor of every file, checked locally before anything is sent:
 * YAML, the DataProduct schema, the size limit and one id defined twice.
 * These need no portal; the rules of the organisation are the backend's.
 */
export async function readDescriptorFiles(
  files: string[],
): Promise<{ descriptors: LoadedDescriptor[]; problems: string[] }> {
  const problems: string[] = [];
  const descriptors: LoadedDescriptor[] = [];
  for (const file of files) {
    const result = loadDescriptors(await readText(file), file);
    if (result.valid) descriptors.push(...result.descriptors);
    else problems.push(...result.problems);
  }
  problems.push(...findDuplicateIds(descriptors));
  return { descriptors, problems };
}
