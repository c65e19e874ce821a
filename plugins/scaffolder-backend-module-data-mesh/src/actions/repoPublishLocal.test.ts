import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConflictError, InputError, ResponseError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import {
  exampleInput,
  runAction,
  unique,
} from '../__testUtils__/testEnvironment';
import { createRepoPublishLocalAction } from './repoPublishLocal';
import { examples } from './repoPublishLocal.examples';

const author = { name: 'Portal Bot', email: 'portal@example.com' };

const catalogInfo = yaml.stringify({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders-consumer',
    annotations: {
      'kafka.apache.org/consumer-groups': 'local/orders-consumer',
    },
  },
  spec: { type: 'service', lifecycle: 'experimental', owner: 'checkout-team' },
});

// A catalog file as a template renders it when a raw value carries a
// second document: the component, and a Group making the caller an admin.
const planted = `${catalogInfo}---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: planted
spec:
  type: team
  children: []
  members: [guest]
`;

const group = yaml.stringify({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'planted' },
  spec: { type: 'team', children: [] },
});

const skeleton = {
  'catalog-info.yaml': catalogInfo,
  'README.md': '# Orders consumer\n',
  'docs/index.md': '# Docs\n',
};

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], {
    encoding: 'utf8',
  }).trim();
}

describe('dataMesh:repo:publishLocal', () => {
  const root = createMockDirectory();
  const workspaces = createMockDirectory();

  /** A workspace holding the skeleton (plus `extra` files). */
  function workspace(extra: Record<string, string> = {}): string {
    const dir = workspaces.resolve(unique());
    for (const [file, content] of Object.entries({ ...skeleton, ...extra })) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    return dir;
  }

  function publisher() {
    const catalog = catalogServiceMock.mock({
      addLocation: jest.fn().mockResolvedValue({
        location: { id: 'id', type: 'file', target: 't' },
        entities: [],
      }),
    });
    const action = createRepoPublishLocalAction({
      catalog,
      repositories: { root: root.path, author },
    });
    return { action, catalog };
  }

  it('commits the workspace to a new repository and registers its catalog-info.yaml (example 1)', async () => {
    const { action, catalog } = publisher();
    const repoName = `orders-consumer-${unique()}`;
    const workspacePath = workspace();
    const input = { ...exampleInput(examples, 0), repoName };
    const repoPath = path.join(root.path, repoName);

    const output = await runAction(action, input, { workspacePath });
    expect(output).toEqual({
      repoPath,
      remoteUrl: `file://${repoPath}`,
      catalogInfoPath: path.join(repoPath, 'catalog-info.yaml'),
      entityRefs: ['component:default/orders-consumer'],
    });
    expect(git(repoPath, 'log', '--format=%an <%ae>|%s')).toBe(
      'Portal Bot <portal@example.com>|Initial commit from the scaffolder',
    );
    expect(git(repoPath, 'ls-files').split('\n')).toEqual([
      'README.md',
      'catalog-info.yaml',
      'docs/index.md',
    ]);
    expect(git(repoPath, 'status', '--porcelain')).toBe('');
    expect(git(repoPath, 'branch', '--show-current')).toBe('main');
    expect(catalog.addLocation).toHaveBeenCalledWith(
      {
        type: 'file',
        target: path.join(repoPath, 'catalog-info.yaml'),
        onConflict: 'refresh',
      },
      { credentials: expect.anything() },
    );

    // A re-run with the same content changes nothing.
    expect(await runAction(action, input, { workspacePath })).toEqual(output);
    expect(git(repoPath, 'rev-list', '--count', 'HEAD')).toBe('1');
  });

  it('commits a folder of the workspace without registering (example 2)', async () => {
    const { action, catalog } = publisher();
    const repoName = `orders-docs-${unique()}`;
    const output = await runAction(
      action,
      { ...exampleInput(examples, 1), repoName },
      { workspacePath: workspace() },
    );
    expect(output.entityRefs).toEqual([]);
    expect(git(output.repoPath, 'ls-files')).toBe('index.md');
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('refuses to overwrite a repository with other content', async () => {
    const { action } = publisher();
    const repoName = `orders-consumer-${unique()}`;
    await runAction(action, { repoName }, { workspacePath: workspace() });
    const repoPath = path.join(root.path, repoName);
    const head = git(repoPath, 'rev-parse', 'HEAD');

    const attempt = runAction(
      action,
      { repoName },
      { workspacePath: workspace({ 'README.md': '# Something else\n' }) },
    );
    await expect(attempt).rejects.toThrow(ConflictError);
    await expect(attempt).rejects.toThrow(
      `The repository ${repoPath} exists already with other content; choose another repository name`,
    );
    expect(git(repoPath, 'rev-parse', 'HEAD')).toBe(head);
    expect(fs.readFileSync(path.join(repoPath, 'README.md'), 'utf8')).toBe(
      '# Orders consumer\n',
    );
  });

  it.each([
    [
      'a repository name that leaves the root',
      { repoName: '../escape' },
      "repoName '../escape' must be 1-100 letters",
    ],
    [
      'a missing catalog-info.yaml',
      { catalogInfoPath: '/missing.yaml' },
      '/missing.yaml does not exist in the skeleton; set catalogInfoPath, or registerCatalogInfo: false',
    ],
    [
      'a catalog file that is not an entity',
      { catalogInfoPath: '/bad.yaml' },
      '/bad.yaml is not an entity; it needs kind and metadata.name',
    ],
    [
      'a catalog file with a second, planted entity',
      { catalogInfoPath: '/planted.yaml' },
      '/planted.yaml holds 2 YAML documents; a generated catalog file must describe exactly one entity',
    ],
    [
      'a catalog file describing a Group',
      { catalogInfoPath: '/group.yaml' },
      '/group.yaml describes a Group; this step registers only Component (allowedKinds)',
    ],
    [
      'a catalog file of a kind the step does not allow',
      { allowedKinds: ['DataProduct' as const] },
      '/catalog-info.yaml describes a Component; this step registers only DataProduct (allowedKinds)',
    ],
    [
      'a catalog file whose owner is not an entity ref',
      { catalogInfoPath: '/bad-owner.yaml' },
      '/bad-owner.yaml: spec.owner "x y" is not an entity reference',
    ],
    [
      'a catalog file that describes nothing',
      { catalogInfoPath: '/README.md' },
      '/README.md describes no entities',
    ],
    [
      'a catalog file that is not YAML',
      { catalogInfoPath: '/broken.yaml' },
      '/broken.yaml is not valid YAML',
    ],
  ])('refuses %s, creating nothing', async (_, input, message) => {
    const { action, catalog } = publisher();
    const repoName = `orders-consumer-${unique()}`;
    const attempt = runAction(
      action,
      { repoName, ...input },
      {
        workspacePath: workspace({
          'bad.yaml': 'foo: bar\n',
          'broken.yaml': 'kind: [Component\n',
          'planted.yaml': planted,
          'group.yaml': group,
          'bad-owner.yaml': catalogInfo.replace(
            'owner: checkout-team',
            'owner: x y',
          ),
        }),
      },
    );
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(message);
    expect(fs.existsSync(path.join(root.path, repoName))).toBe(false);
    expect(
      fs.readdirSync(root.path).filter(f => f.startsWith('.staging')),
    ).toEqual([]);
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('registers another kind when the step allows it (example 3)', async () => {
    const { action, catalog } = publisher();
    const repoName = `orders-placed-api-${unique()}`;
    const api = yaml.stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'orders-placed-api' },
      spec: {
        type: 'asyncapi',
        lifecycle: 'production',
        owner: 'group:default/checkout-team',
        definition: 'asyncapi: 3.0.0',
      },
    });
    const input = { ...exampleInput(examples, 2), repoName };
    const output = await runAction(action, input, {
      workspacePath: workspace({ 'catalog-info.yaml': api }),
    });
    expect(output.entityRefs).toEqual(['api:default/orders-placed-api']);
    expect(catalog.addLocation).toHaveBeenCalledTimes(1);

    // The same step refuses the Component the other templates generate.
    await expect(
      runAction(
        action,
        { ...input, repoName: `orders-consumer-${unique()}` },
        { workspacePath: workspace() },
      ),
    ).rejects.toThrow(
      '/catalog-info.yaml describes a Component; this step registers only API (allowedKinds)',
    );
  });

  it('never lets a step allow Group, User or Location', async () => {
    const { action, catalog } = publisher();
    const repoName = `orders-consumer-${unique()}`;
    for (const kind of ['Group', 'User', 'Location']) {
      await expect(
        runAction(
          action,
          {
            repoName,
            catalogInfoPath: '/group.yaml',
            // What a template could write; runAction skips the engine's
            // input schema, so the handler's own check is what refuses it.
            allowedKinds: [kind] as any,
          },
          { workspacePath: workspace({ 'group.yaml': group }) },
        ),
      ).rejects.toThrow(
        new InputError(
          `allowedKinds may list only Component, API, Resource, DataProduct, not ${kind}: a generated repository never registers who may do what, nor more locations`,
        ),
      );
    }
    expect(fs.existsSync(path.join(root.path, repoName))).toBe(false);
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('refuses a source path outside the workspace', async () => {
    const { action } = publisher();
    await expect(
      runAction(
        action,
        { repoName: `x-${unique()}`, sourcePath: '../..' },
        { workspacePath: workspace() },
      ),
    ).rejects.toThrow(/outside/);
  });

  it('refuses a source path that is not a folder of the workspace', async () => {
    const { action } = publisher();
    await expect(
      runAction(
        action,
        { repoName: `x-${unique()}`, sourcePath: 'nowhere' },
        { workspacePath: workspace() },
      ),
    ).rejects.toThrow("sourcePath 'nowhere' is not a folder of the workspace");
  });

  const refusal = 'Registered locations must be of an allowed type ["url"]';
  it.each([
    ['an InputError', async () => new InputError(refusal)],
    // What the catalog client throws for the catalog's 400 answer.
    [
      "the catalog client's ResponseError",
      () =>
        ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: { name: 'InputError', message: refusal },
              request: { method: 'POST', url: '/locations' },
              response: { statusCode: 400 },
            }),
            {
              status: 400,
              statusText: 'Bad Request',
              headers: { 'content-type': 'application/json' },
            },
          ),
        ),
    ],
  ])(
    'says what to enable when the catalog refuses file locations (%s)',
    async (_, refuse) => {
      const catalog = catalogServiceMock.mock({
        addLocation: jest.fn().mockRejectedValue(await refuse()),
      });
      const action = createRepoPublishLocalAction({
        catalog,
        repositories: { root: root.path, author },
      });
      await expect(
        runAction(
          action,
          { repoName: `orders-consumer-${unique()}` },
          { workspacePath: workspace() },
        ),
      ).rejects.toThrow(
        'the catalog refuses file locations: set dataMesh.scaffolder.localRepositories.enabled (the data mesh catalog module then allows the file location type), or set registerCatalogInfo: false',
      );
    },
  );

  it('checks everything but creates and registers nothing in a dry run', async () => {
    const { action, catalog } = publisher();
    const repoName = `orders-consumer-${unique()}`;
    const output = await runAction(
      action,
      { repoName },
      { workspacePath: workspace(), isDryRun: true },
    );
    expect(output.entityRefs).toEqual(['component:default/orders-consumer']);
    expect(fs.existsSync(path.join(root.path, repoName))).toBe(false);
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });
});
