import type { PortalOptions } from '../lib/connectPortal';
import type { LoadAppConfigOptions } from '../lib/loadAppConfig';

/** Options every command accepts: `--config` and the environment. */
export type GlobalOptions = Omit<LoadAppConfigOptions, 'rootDir'>;

/** `mesh export` reads the registry topic of one cluster. */
export interface ExportOptions extends GlobalOptions {
  /** `--cluster`; none → the first configured cluster. */
  cluster?: string;
}

/** The commands that change products, through the portal backend. */
export interface WriteOptions extends GlobalOptions, PortalOptions {
  /** `--dry-run`: the backend checks everything and writes nothing. */
  dryRun?: boolean;
}

/** Where a command writes its result lines. */
export type Output = (line: string) => void;

/** `mesh test` and `mesh impact` read the product's topic and the registry. */
export interface CheckOptions extends ExportOptions {
  /** `--records`: how many of the newest records to check. */
  records?: number;
  /** `--json`: the report as JSON, for CI. */
  json?: boolean;
}
