import { ConfigReader } from '@backstage/config';
import { readAccessConfig } from './readAccessConfig';

const read = (access?: object) =>
  readAccessConfig(new ConfigReader(access ? { dataMesh: { access } } : {}));

describe('readAccessConfig', () => {
  it('defaults', () => {
    expect(read()).toEqual({
      approvalRequired: ['confidential', 'restricted'],
      maxDuration: 'P90D',
      maxDurationMs: 90 * 24 * 3600 * 1000,
      defaultDuration: 'P30D',
    });
  });

  it('reads the keys', () => {
    expect(
      read({
        approvalRequired: ['internal'],
        maxDuration: 'P7D',
        defaultDuration: 'P1D',
      }),
    ).toEqual({
      approvalRequired: ['internal'],
      maxDuration: 'P7D',
      maxDurationMs: 7 * 24 * 3600 * 1000,
      defaultDuration: 'P1D',
    });
  });

  it('names the key of a wrong value', () => {
    expect(() => read({ approvalRequired: ['secret'] })).toThrow(
      "Invalid config at dataMesh.access.approvalRequired: 'secret' is not one of public, internal, confidential, restricted",
    );
    expect(() => read({ maxDuration: 'P1M' })).toThrow(
      'Invalid config at dataMesh.access.maxDuration',
    );
    expect(() => read({ maxDuration: 'PT0S' })).toThrow('not longer than zero');
    expect(() => read({ maxDuration: 'P7D' })).toThrow(
      "defaultDuration: 'P30D' is longer than maxDuration 'P7D'",
    );
  });
});
