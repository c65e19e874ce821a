import type { PublishProductResponse } from '@kafka-mesh/plugin-data-mesh-common';
import { awaitInCatalog } from '../lib/awaitInCatalog';
import { CliError } from '../lib/CliError';
import { connectPortal } from '../lib/connectPortal';
import type { LoadedDescriptor } from '../lib/loadDescriptors';
import { PortalClient, PortalRefusal } from '../lib/portalClient';
import { PlannedDescriptor, planPublish } from '../lib/publishWaves';
import { readDescriptorFiles } from '../lib/readDescriptorFiles';
import type { Output, WriteOptions } from './types';

export interface PublishOptions extends WriteOptions {
  /** `--acknowledge-sla-above-inputs`: publish even where the SLA promises more than the inputs give. */
  acknowledgeSlaAboveInputs?: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The backend's reason, on lines naming the file and the product. */
function refusalLines(d: LoadedDescriptor, refusal: PortalRefusal): string[] {
  const [first, ...rest] = refusal.lines;
  return [
    `${d.file}: ${d.entity.metadata.name}: refused (${refusal.status}): ${first}`,
    ...rest,
  ];
}

function resultLines(
  id: string,
  response: PublishProductResponse,
  dryRun: boolean | undefined,
): string[] {
  const kind = response.updated ? 'update' : 'new';
  return [
    dryRun
      ? `checked ${id}: it may be published (${kind}; dry run, nothing changed)`
      : `published ${id} (${kind})`,
    ...response.slaWarnings.map(warning => `  warning: ${warning}`),
  ];
}

/** Asks the backend to check each descriptor of a wave without writing. */
async function checkWave(
  portal: PortalClient,
  wave: PlannedDescriptor[],
  options: PublishOptions,
): Promise<{ responses: PublishProductResponse[]; refusals: string[][] }> {
  const responses: PublishProductResponse[] = [];
  const refusals: string[][] = [];
  for (const d of wave) {
    try {
      responses.push(
        await portal.publish(d.entity, {
          dryRun: true,
          acknowledgeSlaAboveInputs: options.acknowledgeSlaAboveInputs,
        }),
      );
    } catch (error) {
      // Other descriptors may pass or fail for their own reasons; report all.
      if (!(error instanceof PortalRefusal)) throw error;
      refusals.push(refusalLines(d, error));
    }
  }
  return { responses, refusals };
}

/**
 * `mesh publish <file...>`: through the portal backend, which runs the
 * publish barrier and the ownership checks with the caller's token. As near
 * to all or nothing as the barrier allows: the files are checked locally,
 * then the backend checks every descriptor (dry run), and only when all
 * pass are they published. A product that reads another product of the
 * same run is checked and published after that one shows in the catalog,
 * since the barrier looks inputs up there.
 */
export async function publish(
  files: string[],
  options: PublishOptions,
  out: Output,
): Promise<void> {
  const { descriptors, problems } = await readDescriptorFiles(files);
  const plan = planPublish(descriptors);
  problems.push(...plan.problems);
  if (problems.length) {
    throw new CliError([
      ...problems,
      `nothing was published: ${plural(problems.length, 'problem')}`,
    ]);
  }
  const portal = await connectPortal(options);

  const published: string[] = [];
  let refused = 0;
  let checked = 0;
  const summary = () => {
    if (published.length === 0) {
      if (!refused) return 'nothing was published';
      const unchecked = descriptors.length - checked;
      return `nothing was published: ${
        unchecked
          ? `${refused} refused, ${unchecked} not checked yet (they read products of this run)`
          : `${refused} of ${plural(descriptors.length, 'descriptor')} refused`
      }`;
    }
    const rest = descriptors
      .map(d => d.id)
      .filter(id => !published.includes(id));
    return `published ${published.join(', ')}; not published: ${rest.join(
      ', ',
    )}`;
  };

  try {
    for (const [i, wave] of plan.waves.entries()) {
      if (i > 0 && options.dryRun) {
        for (const d of wave) {
          out(
            `not checked ${d.id}: it reads ${d.readsFromRun.join(
              ', ',
            )} of this run, which the backend looks up in the catalog once published`,
          );
        }
        continue;
      }
      if (i > 0) {
        const inputs = descriptors.filter(d =>
          wave.some(w => w.readsFromRun.includes(d.id)),
        );
        out(
          `waiting for the catalog to show ${inputs
            .map(d => d.id)
            .join(', ')}, read by ${wave.map(d => d.id).join(', ')}`,
        );
        const missing = await awaitInCatalog(portal, inputs);
        if (missing.length > 0) {
          throw new CliError(
            `the catalog does not show ${missing.join(
              ', ',
            )} yet, which the rest of this run reads; run the command again once it does`,
          );
        }
      }

      const { responses, refusals } = await checkWave(portal, wave, options);
      checked += wave.length;
      if (refusals.length > 0) {
        refused = refusals.length;
        throw new CliError(refusals.flat());
      }
      if (options.dryRun) {
        wave.forEach((d, j) =>
          resultLines(d.id, responses[j], true).forEach(out),
        );
        continue;
      }
      for (const d of wave) {
        let response: PublishProductResponse;
        try {
          response = await portal.publish(d.entity, {
            acknowledgeSlaAboveInputs: options.acknowledgeSlaAboveInputs,
          });
        } catch (error) {
          // Something changed since the check, e.g. someone took the topic.
          if (!(error instanceof PortalRefusal)) throw error;
          refused = 1;
          throw new CliError(refusalLines(d, error));
        }
        published.push(d.id);
        resultLines(d.id, response, false).forEach(out);
      }
    }
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    throw new CliError([...error.lines, summary()]);
  }
}
