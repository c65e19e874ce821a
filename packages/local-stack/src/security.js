'use strict';

// The secured broker's principals, their passwords, the TLS material and the
// ACLs the stack itself grants. Everything secret lives in <home>/secrets
// (mode 0700/0600), generated on a stack's first start and never printed.

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');

/** The broker's super user: the broker itself (inter-broker, controller) and the stack's tooling. */
const ADMIN = 'admin';

/**
 * SCRAM users of every stack. `portal` is the Backstage backend, `registry`
 * Apicurio; the demo mesh runs each of its apps as its own principal; the
 * `consumer-app-*` principals are for tests and the consumer-app template
 * (service accounts a team asks access for).
 */
const PRINCIPALS = [
  'portal',
  'registry',
  'demo-generators',
  'demo-recent-sales-by-product',
  'demo-high-value-orders',
  'demo-inventory-shrinkage',
  'demo-eu-customer-profiles',
  'demo-sales-dashboard',
  'consumer-app-1',
  'consumer-app-2',
  'consumer-app-3',
  'consumer-app-4',
];

/** The prefix of every consumer group the portal uses (PORTAL_CONSUMER_GROUP_PREFIX). */
const PORTAL_GROUP_PREFIX = 'backstage-data-mesh-';

/**
 * The portal's ACLs: exactly what the suite does, and no super user.
 * [resource type, name, pattern, operations]; README lists them with the why.
 */
const PORTAL_ACLS = [
  // Describe the cluster; list and change ACLs (access grants).
  ['CLUSTER', 'kafka-cluster', 'LITERAL', ['DESCRIBE', 'ALTER']],
  // Discover streams, read health and samples, create a product's topic,
  // write descriptors to the registry topic and synthetic records.
  [
    'TOPIC',
    '*',
    'LITERAL',
    ['DESCRIBE', 'DESCRIBE_CONFIGS', 'READ', 'CREATE', 'WRITE'],
  ],
  // Consumers and their lag: every group's offsets.
  ['GROUP', '*', 'LITERAL', ['DESCRIBE']],
  // Its own short-lived reader groups.
  ['GROUP', PORTAL_GROUP_PREFIX, 'PREFIXED', ['READ', 'DELETE']],
];

/** Apicurio's storage: its kafkasql topics and consumer groups. */
const REGISTRY_ACLS = [
  ['TOPIC', 'kafkasql-', 'PREFIXED', ['ALL']],
  ['TOPIC', 'registry-events', 'LITERAL', ['ALL']],
  ['GROUP', 'apicurio-', 'PREFIXED', ['ALL']],
  ['CLUSTER', 'kafka-cluster', 'LITERAL', ['DESCRIBE']],
];

function aclLines(principal, acls) {
  return acls.flatMap(([type, name, pattern, operations]) =>
    operations.map(op => `acl User:${principal} ${type} ${name} ${pattern} ${op}`),
  );
}

function newPassword() {
  // base64url: nothing a JAAS string or a properties file would need to quote.
  return crypto.randomBytes(24).toString('base64url');
}

function writeSecret(file, content) {
  fs.writeFileSync(file, content, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

function openssl(args, what) {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `kafka: ${what} failed (openssl ${args[0]}): ${
        result.error?.message ?? result.stderr
      }`,
    );
  }
}

/** A CA and a broker certificate for localhost signed by it. */
function generateTls(dir) {
  const caKey = path.join(dir, 'ca.key');
  const ca = path.join(dir, 'ca.pem');
  const key = path.join(dir, 'broker.key');
  const csr = path.join(dir, 'broker.csr');
  const cert = path.join(dir, 'broker.crt');
  const ext = path.join(dir, 'broker.ext');
  openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', caKey,
      '-out', ca, '-days', '3650', '-subj', '/CN=data mesh local stack CA'],
    'creating the CA',
  );
  openssl(
    ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr,
      '-subj', '/CN=localhost'],
    'creating the broker key',
  );
  fs.writeFileSync(ext, 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl(
    ['x509', '-req', '-in', csr, '-CA', ca, '-CAkey', caKey,
      '-CAcreateserial', '-out', cert, '-days', '825', '-extfile', ext],
    'signing the broker certificate',
  );
  // Kafka's PEM key store: the PKCS#8 key (unencrypted, -nodes) and its chain.
  writeSecret(
    path.join(dir, 'broker.pem'),
    fs.readFileSync(key, 'utf8') + fs.readFileSync(cert, 'utf8'),
  );
  for (const file of [caKey, key, csr, ext, cert]) fs.rmSync(file, { force: true });
  fs.rmSync(path.join(dir, 'ca.srl'), { force: true });
}

/**
 * The stack's secrets, created on first use: passwords of the admin and of
 * every principal, and the TLS material. Returns their paths and passwords.
 */
function ensureSecrets(cfg) {
  const dir = cfg.kafka.secretsDir;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const passwordsFile = path.join(dir, 'passwords.json');
  let passwords = {};
  if (fs.existsSync(passwordsFile)) {
    passwords = JSON.parse(fs.readFileSync(passwordsFile, 'utf8'));
  }
  let changed = false;
  for (const name of [ADMIN, ...PRINCIPALS]) {
    if (!passwords[name]) {
      passwords[name] = newPassword();
      changed = true;
    }
  }
  if (changed) writeSecret(passwordsFile, `${JSON.stringify(passwords, null, 2)}\n`);
  if (!fs.existsSync(path.join(dir, 'broker.pem'))) generateTls(dir);
  return {
    passwords,
    keyStore: path.join(dir, 'broker.pem'),
    ca: path.join(dir, 'ca.pem'),
  };
}

/**
 * What a client needs to connect as one of the principals, written for the
 * tests and `yarn dev` (clients.json): brokers per listener, the CA and the
 * passwords. Readers: data-mesh-node's localStackCluster, demo-mesh's dev.
 */
function writeClientsFile(cfg, secrets) {
  const k = cfg.kafka;
  const clients = {
    mechanism: 'scram-sha-512',
    brokers: {
      sasl: [`localhost:${k.port}`],
      ssl: [`localhost:${k.sslPort}`],
    },
    ca: fs.readFileSync(secrets.ca, 'utf8'),
    passwords: secrets.passwords,
    registry: {
      url: cfg.registry.url,
      // Set when the registry requires credentials (SCHEMA_REGISTRY_AUTH=basic).
      ...(cfg.registry.basicAuth && {
        auth: { username: 'portal', password: secrets.passwords.portal },
      }),
    },
  };
  writeSecret(k.clientsFile, `${JSON.stringify(clients, null, 2)}\n`);
}

const jaasScram = (user, password) =>
  `org.apache.kafka.common.security.scram.ScramLoginModule required username="${user}" password="${password}";`;

/** Client properties of the stack's admin, for Kafka's own tools. */
function adminClientProperties(cfg, secrets) {
  return [
    `bootstrap.servers=localhost:${cfg.kafka.port}`,
    'security.protocol=SASL_PLAINTEXT',
    'sasl.mechanism=SCRAM-SHA-512',
    `sasl.jaas.config=${jaasScram(ADMIN, secrets.passwords[ADMIN])}`,
    '',
  ].join('\n');
}

/** The spec StackSecurity.java applies: every principal's SCRAM user and the stack's ACLs. */
function securitySpec(secrets) {
  return [
    ...PRINCIPALS.map(name => `user ${name} ${secrets.passwords[name]}`),
    ...aclLines('portal', PORTAL_ACLS),
    ...aclLines('registry', REGISTRY_ACLS),
    '',
  ].join('\n');
}

/**
 * Applies the users and ACLs when the broker does not have this spec yet
 * (recorded, as a hash, in its data directory: a wiped broker gets them
 * again). One JVM, a few seconds, on a stack's first start only.
 */
function applySecurity(cfg, secrets, log = () => {}) {
  const k = cfg.kafka;
  const spec = securitySpec(secrets);
  const hash = crypto.createHash('sha256').update(spec).digest('hex');
  const marker = path.join(k.dataDir, 'stack-security.sha256');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === hash) {
    return false;
  }
  const workDir = fs.mkdtempSync(path.join(k.secretsDir, 'apply-'));
  try {
    const propsFile = path.join(workDir, 'admin.properties');
    const specFile = path.join(workDir, 'spec');
    writeSecret(propsFile, adminClientProperties(cfg, secrets));
    writeSecret(specFile, spec);
    log(`kafka: creating ${PRINCIPALS.length} SCRAM users and the portal's and registry's ACLs…`);
    const result = spawnSync(
      cfg.java,
      [
        '-Xmx256m',
        `-Dlog4j2.configurationFile=${k.toolsLog4jConfig}`,
        '-cp',
        path.join(k.libDir, '*'),
        path.resolve(__dirname, '../java/StackSecurity.java'),
        propsFile,
        specFile,
      ],
      { encoding: 'utf8', timeout: 120000 },
    );
    if (result.status !== 0) {
      throw new Error(
        `kafka: applying users and ACLs failed:\n${result.error?.message ?? ''}${result.stdout}${result.stderr}`,
      );
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  fs.writeFileSync(marker, `${hash}\n`);
  return true;
}

module.exports = {
  ADMIN,
  PRINCIPALS,
  PORTAL_ACLS,
  REGISTRY_ACLS,
  ensureSecrets,
  writeClientsFile,
  applySecurity,
  adminClientProperties,
  jaasScram,
};
