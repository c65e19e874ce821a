import type { LoadMeshConfigOptions } from '../lib/loadMeshConfig';

/** Options every command accepts: `--config`, `--cluster` and the environment. */
export type GlobalOptions = Omit<LoadMeshConfigOptions, 'rootDir'>;

/** Where a command writes its result lines. */
export type Output = (line: string) => void;
