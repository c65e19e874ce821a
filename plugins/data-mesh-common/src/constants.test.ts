import { registryLocation } from './constants';

describe('registryLocation', () => {
  it('names the registry topic of a cluster', () => {
    expect(registryLocation('local', '_data-products')).toBe(
      'kafka-topic:local/_data-products',
    );
  });
});
