// Creates a small real git repository for tests and `npm start`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function git(cwd, ...args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function createSampleRepo(dir) {
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Sample Engineer');
  git(dir, 'config', 'user.email', 'engineer@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  const files = {
    'README.md': '# Sample service\n\nA small repository to try AI Provenance on.\n',
    'src/app.js': "'use strict';\n\nfunction greet(name) {\n  return `Hello, ${name}!`;\n}\n\nmodule.exports = { greet };\n",
    'db/migrate/0001_create_users.sql': 'CREATE TABLE users (\n  id SERIAL PRIMARY KEY,\n  email TEXT NOT NULL\n);\n',
    'infra/prod/main.tf': 'resource "aws_s3_bucket" "assets" {\n  bucket = "sample-assets"\n\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Initial commit');
  return dir;
}
