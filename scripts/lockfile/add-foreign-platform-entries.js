#!/usr/bin/env node
// The npm registry mirror this project is developed against serves only the Linux builds of
// packages that ship one native binary per platform (@swc/core-*, @unrs/resolver-binding-*). An
// `npm install` here therefore writes a package-lock.json without the other platforms' optional
// packages, and `npm ci` refuses such a lockfile as "out of sync". This script adds the missing
// optional entries with the os/cpu/libc their names declare, so `npm ci` skips them on every
// platform they are not for. Run it after any `npm install` that changes the lockfile:
//   node scripts/lockfile/add-foreign-platform-entries.js
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS = [
  'darwin',
  'linux',
  'win32',
  'android',
  'freebsd',
  'openharmony',
  'sunos',
  'aix',
  'netbsd',
  'openbsd',
];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];

/** Reads `…-<os>-<cpu>[-<abi>]` from a platform package's name. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const osIndex = parts.findIndex((p) => OS.includes(p));
  if (osIndex < 0 || !CPU.includes(parts[osIndex + 1])) return null;
  const abi = parts[osIndex + 2];
  const platform = { os: [parts[osIndex]], cpu: [parts[osIndex + 1]] };
  if (parts[osIndex] === 'linux' && abi) platform.libc = [abi.startsWith('musl') ? 'musl' : 'glibc'];
  return platform;
}

/** Where Node would find `dep` from the package at `from` (nested folders first). */
function resolves(from, dep) {
  let base = from;
  for (;;) {
    if (packages[base ? `${base}/node_modules/${dep}` : `node_modules/${dep}`]) return true;
    if (!base) return false;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut >= 0 ? base.slice(0, cut) : '';
  }
}

let added = 0;
for (const [location, meta] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    if (resolves(location, dep)) continue;
    const platform = platformOf(dep);
    if (!platform) {
      process.stderr.write(`cannot tell the platform of ${dep} (needed by ${location}); add it by hand\n`);
      process.exitCode = 1;
      continue;
    }
    const entry = { version, ...(meta.dev ? { dev: true } : {}), optional: true, ...platform };
    // Hoisted like npm would place it, unless another version already sits at the top.
    const hoisted = `node_modules/${dep}`;
    packages[packages[hoisted] ? `${location}/node_modules/${dep}` : hoisted] = entry;
    added += 1;
  }
}

// Keep npm's own ordering: entries sorted by location.
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`added ${added} foreign-platform optional entries to package-lock.json\n`);
