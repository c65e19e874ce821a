import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from './CliError';
import { checkBackendUrl, connectPortal } from './connectPortal';

describe('connectPortal', () => {
  let dir: string;
  let config: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mesh-cli-connect-'));
    config = join(dir, 'app-config.yaml');
    await writeFile(
      config,
      'backend:\n  baseUrl: http://portal.example.com:7007/\n',
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses to go on without a token, naming both ways to pass one', async () => {
    const attempt = connectPortal({ backend: 'http://x', env: {} });
    await expect(attempt).rejects.toThrow(CliError);
    await expect(attempt).rejects.toThrow(
      'a Backstage token is required to change data products: pass --token <token> or set BACKSTAGE_TOKEN',
    );
    await expect(
      connectPortal({ backend: 'http://x', token: '  ', env: {} }),
    ).rejects.toThrow('a Backstage token is required');
  });

  it('takes the backend from --backend, else the environment, else backend.baseUrl', async () => {
    const env = {
      BACKSTAGE_TOKEN: 't',
      BACKSTAGE_BACKEND_URL: 'http://env:1/',
    };
    expect(
      (await connectPortal({ backend: 'https://flag:2', env })).baseUrl,
    ).toBe('https://flag:2');
    expect((await connectPortal({ env })).baseUrl).toBe('http://env:1');
    expect(
      (
        await connectPortal({
          env: { BACKSTAGE_TOKEN: 't' },
          configPaths: [config],
        })
      ).baseUrl,
    ).toBe('http://portal.example.com:7007');
  });

  it('accepts only plain http(s) base URLs', () => {
    expect(checkBackendUrl('http://localhost:7007/', '--backend')).toBe(
      'http://localhost:7007',
    );
    expect(checkBackendUrl('https://h.example.com/backstage/', 'x')).toBe(
      'https://h.example.com/backstage',
    );
    expect(() => checkBackendUrl('localhost:7007', '--backend')).toThrow(
      "--backend: 'localhost:7007' is not an http(s) URL",
    );
    expect(() => checkBackendUrl('nope', '--backend')).toThrow(
      "--backend: 'nope' is not a URL",
    );
    expect(() =>
      checkBackendUrl('http://user:pw@h.example.com', '--backend'),
    ).toThrow('without credentials, query or fragment');
  });
});
