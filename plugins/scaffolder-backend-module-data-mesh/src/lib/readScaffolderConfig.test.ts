import { ConfigReader } from '@backstage/config';
import { readScaffolderConfig } from './readScaffolderConfig';

describe('readScaffolderConfig', () => {
  it('applies defaults, resolving the root against the working directory', () => {
    expect(
      readScaffolderConfig(
        new ConfigReader({}),
        '/srv/portal/packages/backend',
      ),
    ).toEqual({
      repositories: {
        root: '/srv/portal/.data/repositories',
        author: {
          name: 'Backstage Scaffolder',
          email: 'scaffolder@backstage.local',
        },
      },
      catalogWaitMs: 60_000,
    });
  });

  it('reads every setting', () => {
    const config = new ConfigReader({
      dataMesh: {
        scaffolder: {
          localRepositories: {
            root: '/var/repos',
            author: { name: 'Bot', email: 'bot@example.com' },
          },
          catalogWaitSeconds: 5,
        },
      },
    });
    expect(readScaffolderConfig(config, '/anywhere')).toEqual({
      repositories: {
        root: '/var/repos',
        author: { name: 'Bot', email: 'bot@example.com' },
      },
      catalogWaitMs: 5000,
    });
  });

  it('refuses a negative wait, naming the key', () => {
    const config = new ConfigReader({
      dataMesh: { scaffolder: { catalogWaitSeconds: -1 } },
    });
    expect(() => readScaffolderConfig(config)).toThrow(
      'Invalid config at dataMesh.scaffolder.catalogWaitSeconds: -1 is not a number of seconds',
    );
  });
});
