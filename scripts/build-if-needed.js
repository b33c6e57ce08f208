// `npm start` builds first when dist/ is missing or older than the sources, so one command runs the service.
'use strict';
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const entry = join(root, 'dist/src/main.js');

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name);
    newest = Math.max(newest, name.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(entry) ||
  Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'migrations'))) > statSync(entry).mtimeMs;
if (stale) execSync('npm run build', { cwd: root, stdio: 'inherit' });
