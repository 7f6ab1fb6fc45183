/** `npm run teams:package`: the zip Teams accepts — manifest naming the bot, the two icons at their sizes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { cleanEnv, runTs } from '../../helpers/process';

// Each test starts CLI processes that open the embedded engine: generous on a loaded 2-core machine.
jest.setTimeout(120_000);

const APP_ID = '11111111-2222-4333-8444-555555555555';

function pngSize(b: Buffer): [number, number] {
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('teams:package', () => {
  it('writes the app package with the bot id, the publisher and both icons', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'relance-teams-')), 'app.zip');
    const env = cleanEnv({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'secret',
      COMPANY_NAME: 'Tissages Réunis SAS',
    });
    const { code, stdout, stderr } = await runTs('bot/teams/package.ts', ['--out', out], env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(out);
    const zip = new AdmZip(out);
    expect(
      zip
        .getEntries()
        .map((e) => e.entryName)
        .sort(),
    ).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(zip.readAsText('manifest.json'));
    expect(manifest).toMatchObject({
      manifestVersion: '1.17',
      id: APP_ID,
      developer: { name: 'Tissages Réunis SAS' },
    });
    expect(manifest.bots[0]).toMatchObject({ botId: APP_ID, scopes: ['personal'] });
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pngSize(zip.readFile('color.png')!)).toEqual([192, 192]);
    expect(pngSize(zip.readFile('outline.png')!)).toEqual([32, 32]);
  });

  it('refuses to package without MicrosoftAppId, saying why', async () => {
    const { code, stderr } = await runTs(
      'bot/teams/package.ts',
      ['--out', path.join(os.tmpdir(), 'never.zip')],
      cleanEnv(),
    );
    expect(code).not.toBe(0);
    expect(stderr).toContain('MicrosoftAppId is not set');
  });
});
