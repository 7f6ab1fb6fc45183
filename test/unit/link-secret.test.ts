/**
 * Without LINK_SECRET the signed links (PDFs, case files) must outlive a restart: the secret is
 * made once and kept in the data directory, readable by its owner only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LINK_SECRET_FILE, linkSecretFor, linkSigner } from '../../integrations/links';

const base = () => 'http://relance.test';

describe('the link secret', () => {
  it('is made once in the data directory (0600), and links signed before a restart still verify', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'relance-link-secret-')), 'data');
    const first = linkSecretFor(undefined, dir);
    const file = path.join(dir, LINK_SECRET_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(linkSecretFor(undefined, dir)).toBe(first);

    const url = new URL(linkSigner(first, base).sign('/files/drafts/d1.pdf'));
    const restarted = linkSigner(linkSecretFor(undefined, dir), base);
    expect(
      restarted.verify('/files/drafts/d1.pdf', url.searchParams.get('exp')!, url.searchParams.get('sig')!),
    ).toBe(true);
    // Leftovers of the write are gone: the secret file alone.
    expect(fs.readdirSync(dir)).toEqual([LINK_SECRET_FILE]);
  });

  it('LINK_SECRET wins; in memory each process has its own', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-link-secret-'));
    expect(linkSecretFor('configured-secret-0123456789', dir)).toBe('configured-secret-0123456789');
    expect(fs.existsSync(path.join(dir, LINK_SECRET_FILE))).toBe(false);
    expect(linkSecretFor(undefined, undefined)).not.toBe(linkSecretFor(undefined, undefined));
  });

  it('a damaged secret file stops with a message naming it, never a silent new secret', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-link-secret-'));
    fs.writeFileSync(path.join(dir, LINK_SECRET_FILE), 'short\n');
    expect(() => linkSecretFor(undefined, dir)).toThrow(/link-secret holds no link secret.*LINK_SECRET/);
  });
});
