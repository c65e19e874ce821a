import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  checkCompatibility,
  checkSchemaFormat,
  COMPATIBILITY_LEVELS,
  CompatibilityLevel,
  formatViolations,
  MAX_SCHEMA_TEXT_LENGTH,
  OUTPUT_FORMATS,
  SLA_TIERS,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  DataProductWriter,
  incompatibilities,
  parseOrExplain,
  readSubject,
} from '@kafka-mesh/plugin-data-mesh-node';
import { untilAvailable } from '../lib/untilAvailable';
import { examples } from './schemaRegister.examples';

/**
 * `schemaRegistry:schema:register`: registers a product's schema after
 * checking its syntax, the governance rules and its compatibility with the
 * subject's newest version. Registering the same schema again changes
 * nothing.
 *
 * The compatibility level is set only after a successful register, so a
 * refused schema never leaves a changed level behind; the stricter of the
 * two levels is checked up front so the change cannot let an incompatible
 * schema in. A new subject whose level cannot be set is removed again.
 */
export function createSchemaRegisterAction(options: {
  writer: DataProductWriter;
}) {
  const { writer } = options;
  const { clients } = writer;
  return createTemplateAction({
    id: 'schemaRegistry:schema:register',
    description:
      'Registers a schema under a subject of the configured schema registry, after checking its syntax (with the position of an error), the governance rules and its compatibility with the newest version (each incompatibility in words). Sets the subject compatibility level. Does nothing for a schema registered already.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        subject: z =>
          z.string().min(1).describe('The subject, usually <topic>-value'),
        format: z => z.enum(OUTPUT_FORMATS),
        schema: z =>
          z.string().max(MAX_SCHEMA_TEXT_LENGTH).describe('The schema text'),
        compatibility: z =>
          z
            .enum(COMPATIBILITY_LEVELS)
            .optional()
            .describe(
              "Level for the subject; defaults to the current level, or the tier's minimum for a new subject",
            ),
        slaTier: z =>
          z
            .enum(SLA_TIERS)
            .optional()
            .describe('The tier of the product; sets the minimum level'),
      },
      output: {
        subject: z => z.string(),
        id: z => z.number().describe('The schema id'),
        version: z => z.number().describe('The version under the subject'),
        created: z =>
          z.boolean().describe('false when the schema was registered already'),
      },
    },
    async handler(ctx) {
      const { subject, format, slaTier } = ctx.input;
      const { registry, rules } = clients;
      // Someone else's product's schema is theirs to evolve.
      await writer.assertMayWriteSubject(
        subject,
        await ctx.getInitiatorCredentials(),
      );

      // Registering again is harmless (a schema registered already is
      // "nothing to do"), so a registry outage is waited out rather than
      // failing the task half-way.
      const result = await untilAvailable(
        async () => {
          const problems: string[] = [];
          const parsing = parseOrExplain(format, ctx.input.schema);
          if ('problem' in parsing) problems.push(parsing.problem);
          const state = await readSubject(clients, subject);
          const level: CompatibilityLevel | undefined =
            ctx.input.compatibility ??
            (state.latest
              ? state.level
              : (slaTier && rules.minCompatibility[slaTier]) ?? state.level);
          const violations = [
            ...checkSchemaFormat(format, rules),
            ...(slaTier && level
              ? checkCompatibility(slaTier, level, rules)
              : []),
          ];
          problems.push(...violations.map(v => formatViolations([v])));
          // A schema registered already needs no compatibility check: re-running
          // a template after a later version was added must still succeed.
          const candidate =
            'parsed' in parsing
              ? {
                  schema: parsing.parsed.text,
                  schemaType: parsing.parsed.schemaType,
                }
              : undefined;
          const existing =
            candidate && state.latest
              ? await registry.lookup(subject, candidate)
              : undefined;
          if ('parsed' in parsing && !existing) {
            problems.push(
              ...(await incompatibilities(
                clients,
                subject,
                state,
                parsing.parsed,
                level,
              )),
            );
          }
          if (problems.length > 0 || !candidate) {
            throw new InputError(
              `The schema cannot be registered under '${subject}':\n${problems
                .map(p => `  - ${p}`)
                .join('\n')}`,
            );
          }

          if (ctx.isDryRun) {
            ctx.logger.info(
              existing
                ? `Dry run: the schema is version ${existing.version} of '${subject}' already`
                : `Dry run: would register the schema under '${subject}'`,
            );
            return {
              id: existing?.id ?? 0,
              version: existing?.version ?? 0,
              created: false,
            };
          }

          let registered = existing;
          if (!registered) {
            await registry.register(subject, candidate);
            registered = await registry.lookup(subject, candidate);
            if (!registered) {
              throw new Error(
                `The registry accepted the schema under '${subject}' but cannot find it again`,
              );
            }
            ctx.logger.info(
              `Registered version ${registered.version} of '${subject}' (schema id ${registered.id})`,
            );
          } else {
            ctx.logger.info(
              `The schema is version ${registered.version} of '${subject}' already; nothing registered`,
            );
          }

          // A new subject always gets its own level, never the global default's.
          if (level && (!state.latest || level !== state.level)) {
            try {
              await registry.setCompatibility(subject, level);
            } catch (error) {
              if (!state.latest) {
                // A new subject without its level would accept any evolution.
                await registry.deleteSubject(subject).catch(() => undefined);
              }
              throw error;
            }
            ctx.logger.info(`Compatibility of '${subject}' set to ${level}`);
          }

          return {
            id: registered.id,
            version: registered.version,
            created: !existing,
          };
        },
        {
          signal: ctx.signal,
          onRetry: error => ctx.logger.warn(`${error.message}; trying again`),
        },
      );
      ctx.output('subject', subject);
      ctx.output('id', result.id);
      ctx.output('version', result.version);
      ctx.output('created', result.created);
    },
  });
}
