/**
 * Every temporary file of a jest run lives under one folder, removed when the run ends: the
 * tests (and the servers and CLIs they start, which inherit TMPDIR) make their data
 * directories, CSV files, PDFs, outboxes and browser profiles with `os.tmpdir()`, and none of
 * them is left behind in /tmp. Used as jest's globalSetup (`setup`) and globalTeardown
 * (`teardown`); they run in jest's parent process, before the workers start and after they end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const KEY = 'RELANCE_TEST_TMPDIR';

export function setup(): void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-test-run-'));
  process.env[KEY] = root;
  process.env.TMPDIR = root;
}

export function teardown(): void {
  const root = process.env[KEY];
  if (!root) return;
  try {
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // A mount left behind by a failed test (tmpfs): leave it to the operator rather than fail the run.
  }
}
