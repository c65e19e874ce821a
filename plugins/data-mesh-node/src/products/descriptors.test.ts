import { InputError } from '@backstage/errors';
import { fullDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { assertPublishedThroughRegistry, descriptorOf } from './descriptors';

describe('descriptorOf', () => {
  it('strips what the catalog and the provider add', () => {
    const entity = {
      ...fullDataProduct,
      metadata: {
        ...fullDataProduct.metadata,
        uid: 'u',
        etag: 'e',
        annotations: {
          ...fullDataProduct.metadata.annotations,
          'backstage.io/managed-by-location':
            'kafka-topic:local/_data-products',
          'backstage.io/managed-by-origin-location':
            'kafka-topic:local/_data-products',
        },
      },
      spec: {
        ...fullDataProduct.spec,
        observed: {
          topic: { status: 'missing' as const },
          schema: { status: 'missing' as const, subject: 's' },
          effectiveSla: fullDataProduct.spec.sla,
          limitedBy: {},
          slaWarnings: [],
          missingInputs: [],
        },
      },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/x' }],
      status: { items: [] },
    };
    const { namespace: _namespace, ...metadata } = fullDataProduct.metadata;
    expect(descriptorOf(entity)).toEqual({ ...fullDataProduct, metadata });
  });

  it('keeps a namespace other than the default', () => {
    const entity = {
      ...fullDataProduct,
      metadata: { ...fullDataProduct.metadata, namespace: 'payments' },
    };
    expect(descriptorOf(entity).metadata.namespace).toBe('payments');
  });

  it('refuses an entity that is no valid descriptor', () => {
    expect(() =>
      descriptorOf({ ...fullDataProduct, spec: { owner: 'x' } }),
    ).toThrow(InputError);
  });
});

describe('assertPublishedThroughRegistry', () => {
  it('accepts products read from a registry topic only', () => {
    const at = (location: string) => ({
      ...fullDataProduct,
      metadata: {
        ...fullDataProduct.metadata,
        annotations: { 'backstage.io/managed-by-location': location },
      },
    });
    expect(() =>
      assertPublishedThroughRegistry(at('kafka-topic:local/_data-products')),
    ).not.toThrow();
    expect(() =>
      assertPublishedThroughRegistry(at('file:/repo/catalog-info.yaml')),
    ).toThrow(
      'The data product default/orders-placed is not published through a registry topic but comes from file:/repo/catalog-info.yaml; change it there',
    );
  });
});
