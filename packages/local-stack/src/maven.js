'use strict';

// Server binaries come from Maven Central through maven/pom.xml, so they are
// cached in ~/.m2 like any other Java dependency (and by CI's ~/.m2 cache).

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');

const markerFile = cfg => path.join(cfg.libDir, '.installed');

const pomHash = cfg =>
  crypto.createHash('sha256').update(fs.readFileSync(cfg.pom)).digest('hex');

/** True when lib/ holds the jars for the current pom (a version bump re-resolves). */
function isInstalled(cfg) {
  try {
    return fs.readFileSync(markerFile(cfg), 'utf8').trim() === pomHash(cfg);
  } catch {
    return false;
  }
}

// Maven itself is on Maven Central, so a machine with only Java and Node can
// still resolve the stack: when `mvn` is not on PATH we fetch this release.
const MAVEN_VERSION = '3.9.11';
const MAVEN_URL = `https://repo1.maven.org/maven2/org/apache/maven/apache-maven/${MAVEN_VERSION}/apache-maven-${MAVEN_VERSION}-bin.tar.gz`;

function mavenCommand(cfg, log) {
  if (spawnSync('mvn', ['-v'], { stdio: 'ignore' }).status === 0) return 'mvn';
  const home = path.join(cfg.home, 'tools', `apache-maven-${MAVEN_VERSION}`);
  const mvn = path.join(home, 'bin', 'mvn');
  if (fs.existsSync(mvn)) return mvn;
  log(
    `mvn is not on PATH; fetching Apache Maven ${MAVEN_VERSION} from Maven Central…`,
  );
  fs.mkdirSync(path.dirname(home), { recursive: true });
  const archive = `${home}.tar.gz`;
  // A child process keeps install() synchronous while using Node's fetch.
  const download = spawnSync(
    process.execPath,
    [
      '-e',
      `fetch(process.argv[1]).then(async r => {
         if (!r.ok) throw new Error('HTTP ' + r.status);
         require('fs').writeFileSync(process.argv[2], Buffer.from(await r.arrayBuffer()));
       }).catch(e => { console.error(e.message); process.exit(1); })`,
      MAVEN_URL,
      archive,
    ],
    { stdio: 'inherit' },
  );
  if (download.status !== 0) throw new Error(`could not download ${MAVEN_URL}`);
  const untar = spawnSync('tar', ['-xzf', archive, '-C', path.dirname(home)], {
    stdio: 'inherit',
  });
  fs.rmSync(archive, { force: true });
  if (untar.status !== 0) throw new Error(`could not unpack ${archive}`);
  return mvn;
}

/** Resolves Kafka jars and the Apicurio app into lib/, replacing what is there. */
function install(cfg, log) {
  log(
    'resolving Kafka jars and Apicurio Registry with Maven (the first run downloads ~160 MB into ~/.m2)…',
  );
  const started = Date.now();
  // copy-dependencies only adds files: clear old versions so they never share a classpath.
  fs.rmSync(cfg.libDir, { recursive: true, force: true });
  fs.mkdirSync(cfg.libDir, { recursive: true });
  const result = spawnSync(
    mavenCommand(cfg, log),
    [
      '-q',
      '-B',
      '--no-transfer-progress',
      '-f',
      cfg.pom,
      'generate-resources',
      `-Dstack.lib=${cfg.libDir}`,
    ],
    { stdio: 'inherit' },
  );
  if (result.error) {
    throw new Error(`could not run Maven (${result.error.message})`);
  }
  if (result.status !== 0) {
    throw new Error(
      `Maven failed (exit ${result.status}) resolving ${cfg.pom}; see its output above`,
    );
  }
  fs.writeFileSync(markerFile(cfg), `${pomHash(cfg)}\n`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`resolved into ${cfg.libDir} in ${seconds}s`);
}

module.exports = { install, isInstalled };
