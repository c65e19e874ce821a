#!/usr/bin/env node
/*
 * Pins every @backstage/* package, direct and transitive, to one release.
 *
 * Why: without a lock seed, caret ranges let yarn mix a Backstage release with
 * newer patches of its transitive packages (e.g. a signals backend that calls
 * `httpRouter.addWebSocketHandler`, which the pinned backend-defaults lacks).
 *
 * How: Backstage publishes each package's @backstage dependencies as
 * `^<version at release time>`, so the release's version of a package is the
 * highest lower bound any package in the release asks for (minimal version
 * selection). Starting from the exact versions in our workspace package.json
 * files, we walk the registry and raise each package to that bound, then write
 * the result as root `resolutions`.
 *
 * Ranges keep their form: the plugins, which other apps install, ask for
 * `^<version>` of the release; the monorepo's own apps ask for it exactly.
 * The root `resolutions` keep the monorepo itself on the one set.
 *
 * Usage: node scripts/pin-backstage-versions.mjs [--latest] [dir]
 *   --latest  first raises every direct dependency to the newest version the
 *             registry serves (its `latest` tag), i.e. moves to the newest
 *             release; without it the workspaces' own versions are the start.
 *   dir       the repository to pin (default: this one), e.g. a fresh app.
 * Then run `yarn install`.
 */
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const toLatest = args.includes('--latest');
const root = path.resolve(
  args.find(a => !a.startsWith('--')) ?? path.join(import.meta.dirname, '..'),
);
const registry =
  process.env.npm_config_registry ?? 'https://registry.npmjs.org';
const depFields = ['dependencies', 'devDependencies', 'optionalDependencies'];

function workspaceManifests() {
  const dirs = ['packages', 'plugins'].flatMap(d =>
    fs.existsSync(path.join(root, d))
      ? fs.readdirSync(path.join(root, d)).map(n => path.join(root, d, n))
      : [],
  );
  return [root, ...dirs]
    .map(d => path.join(d, 'package.json'))
    .filter(f => fs.existsSync(f));
}

const lowerBound = range => range.replace(/^[\^~=]/, '').trim();
const rangePrefix = range => /^[\^~]/.exec(range)?.[0] ?? '';

function compare(a, b) {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

// A hundred-odd requests: a few at a time, each tried again after a
// network failure or a 5xx/429 (one failed fetch once failed a CI run).
const MAX_IN_FLIGHT = 8;
const ATTEMPTS = 4;
let inFlight = 0;
const waiting = [];

async function registryJson(path, what, headers = {}) {
  if (inFlight >= MAX_IN_FLIGHT) await new Promise(r => waiting.push(r));
  else inFlight += 1;
  try {
    for (let attempt = 1; ; attempt++) {
      let retryable;
      try {
        const res = await fetch(`${registry}/${path}`, {
          headers,
          signal: AbortSignal.timeout(30_000),
        });
        if (res.ok) return await res.json();
        retryable = res.status >= 500 || res.status === 429;
        await res.body?.cancel();
        if (!retryable || attempt === ATTEMPTS) {
          throw new Error(`${what}: registry answered ${res.status}`);
        }
      } catch (error) {
        if (retryable === false || attempt === ATTEMPTS) throw error;
      }
      await new Promise(r => setTimeout(r, 500 * 2 ** attempt));
    }
  } finally {
    const next = waiting.shift();
    if (next) next();
    else inFlight -= 1;
  }
}

function manifestOf(name, version) {
  return registryJson(
    `${name.replace('/', '%2f')}/${version}`,
    `${name}@${version}`,
  );
}

async function latestVersionOf(name) {
  const packument = await registryJson(name.replace('/', '%2f'), name, {
    accept: 'application/vnd.npm.install-v1+json',
  });
  return packument['dist-tags'].latest;
}

const selected = new Map();
for (const file of workspaceManifests()) {
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const field of depFields) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      if (!name.startsWith('@backstage/')) continue;
      const v = lowerBound(range);
      if (!selected.has(name) || compare(v, selected.get(name)) > 0)
        selected.set(name, v);
    }
  }
}

if (toLatest) {
  const names = [...selected.keys()];
  const versions = await Promise.all(names.map(latestVersionOf));
  names.forEach((name, i) => selected.set(name, versions[i]));
}

// Fixpoint: re-read a package whenever its selected version rises.
const visited = new Set();
for (;;) {
  const pending = [...selected].filter(([n, v]) => !visited.has(`${n}@${v}`));
  if (pending.length === 0) break;
  const manifests = await Promise.all(
    pending.map(([n, v]) => {
      visited.add(`${n}@${v}`);
      return manifestOf(n, v);
    }),
  );
  for (const m of manifests) {
    for (const field of ['dependencies', 'optionalDependencies']) {
      for (const [name, range] of Object.entries(m[field] ?? {})) {
        if (!name.startsWith('@backstage/')) continue;
        const v = lowerBound(range);
        if (!selected.has(name) || compare(v, selected.get(name)) > 0)
          selected.set(name, v);
      }
    }
  }
}

const pins = Object.fromEntries(
  [...selected].sort(([a], [b]) => a.localeCompare(b)),
);
for (const file of workspaceManifests()) {
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const field of depFields) {
    for (const name of Object.keys(pkg[field] ?? {})) {
      if (pins[name]) {
        pkg[field][name] = rangePrefix(pkg[field][name]) + pins[name];
      }
    }
  }
  if (file === path.join(root, 'package.json')) {
    const others = Object.fromEntries(
      Object.entries(pkg.resolutions ?? {}).filter(
        ([n]) => !n.startsWith('@backstage/'),
      ),
    );
    pkg.resolutions = { ...others, ...pins };
  }
  fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}
console.log(`pinned ${Object.keys(pins).length} @backstage packages`);
