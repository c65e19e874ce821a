import { ConfigReader } from '@backstage/config';
import { allowFileLocations } from './fileLocations';

describe('allowFileLocations', () => {
  function allowedTypes(config: object) {
    const setAllowedLocationTypes = jest.fn();
    allowFileLocations(new ConfigReader(config), { setAllowedLocationTypes });
    return setAllowedLocationTypes.mock.calls;
  }

  it('lets the catalog register file locations where local repositories are enabled', () => {
    expect(
      allowedTypes({
        dataMesh: { scaffolder: { localRepositories: { enabled: true } } },
      }),
    ).toEqual([[['url', 'file']]]);
  });

  it('leaves the catalog at url locations otherwise (production)', () => {
    expect(allowedTypes({})).toEqual([]);
    expect(
      allowedTypes({
        dataMesh: { scaffolder: { localRepositories: { enabled: false } } },
      }),
    ).toEqual([]);
  });
});
