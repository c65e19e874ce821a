import type { KafkaAcl } from '@kafka-mesh/plugin-data-mesh-common';
import { SALES_DASHBOARD_GROUP } from '../consumers/salesDashboard';
import { DEMO_PRINCIPALS, groupIdOf, processorPrincipal } from '../options';
import type { ProcessorDefinition } from '../processors/runProcessor';
import type { DemoNaming, DemoProduct } from './demoProducts';
import { PRODUCTS } from './productNames';

/** What the ACLs of the demo apps depend on. */
export interface DemoAclInputs extends DemoNaming {
  /** The products, topics renamed with the prefix (loadDemoProducts). */
  products: Pick<DemoProduct, 'name' | 'topic'>[];
  /** The stream processors (demoProcessors). */
  processors: Pick<ProcessorDefinition, 'group' | 'inputs' | 'output'>[];
}

type Operation = 'read' | 'write' | 'describe';

/**
 * Exactly the ACLs each demo app needs, and nothing more:
 *
 * - the generators (`demo-generators`): WRITE and DESCRIBE on the topics of
 *   the source products (every product no processor derives);
 * - a stream processor (`demo-<group without demo-mesh.>`): READ and
 *   DESCRIBE on its inputs' topics, READ on its consumer group (literal,
 *   with the topic prefix like the group id), WRITE and DESCRIBE on its
 *   output's topic;
 * - the sales dashboard (`demo-sales-dashboard`): READ and DESCRIBE on
 *   recent sales by product, READ on its consumer group.
 *
 * All literal, allow, from any host. Nobody gets the registry topic: only
 * the portal writes it. Pure, so that a test says who gets what.
 */
export function demoAcls(inputs: DemoAclInputs): KafkaAcl[] {
  const topicOf = (name: string) => {
    const product = inputs.products.find(p => p.name === name);
    if (!product) throw new Error(`No demo product named '${name}'`);
    return product.topic;
  };
  const acl = (
    principal: string,
    resourceType: 'topic' | 'group',
    resourceName: string,
    operation: Operation,
  ): KafkaAcl => ({
    resourceType,
    resourceName,
    patternType: 'literal',
    principal: `User:${principal}`,
    host: '*',
    operation,
    permission: 'allow',
  });
  const topicAcls = (
    principal: string,
    product: string,
    operations: Operation[],
  ) => operations.map(op => acl(principal, 'topic', topicOf(product), op));
  const groupAcl = (principal: string, group: string) =>
    acl(principal, 'group', groupIdOf(inputs, group), 'read');

  const derived = new Set<string>(inputs.processors.map(p => p.output));
  const sources = inputs.products.filter(p => !derived.has(p.name));
  const { generators, salesDashboard } = DEMO_PRINCIPALS;
  return [
    ...sources.flatMap(p =>
      topicAcls(generators, p.name, ['write', 'describe']),
    ),
    ...inputs.processors.flatMap(processor => {
      const principal = processorPrincipal(processor.group);
      return [
        ...processor.inputs.flatMap(input =>
          topicAcls(principal, input, ['read', 'describe']),
        ),
        groupAcl(principal, processor.group),
        ...topicAcls(principal, processor.output, ['write', 'describe']),
      ];
    }),
    ...topicAcls(salesDashboard, PRODUCTS.recentSales, ['read', 'describe']),
    groupAcl(salesDashboard, SALES_DASHBOARD_GROUP),
  ];
}
