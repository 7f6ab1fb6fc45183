/**
 * `npm run teams:package [-- --out FILE]`: the Teams app package to upload (Teams admin
 * centre, or "Upload a custom app"): manifest.json with the bot's MicrosoftAppId, and the two
 * icons Teams requires (192×192 colour, 32×32 white outline on transparent), drawn here so no
 * binary lives in the repository.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import AdmZip from 'adm-zip';
import { Command } from 'commander';
import { loadConfig } from '../../integrations/config';
import { exitWithError } from '../commands/shared';

/** A PNG of size×size RGBA pixels from a function of (x, y). */
export function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // no filter
    for (let x = 0; x < size; x++) Buffer.from(pixel(x, y)).copy(raw, y * (size * 4 + 1) + 1 + x * 4);
  }
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(zlib.crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A ring (the "R" of a reminder bell, kept simple): inside radius r1..r2 of the centre. */
function ring(size: number, x: number, y: number): boolean {
  const d = Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2) / (size / 2);
  return d > 0.45 && d < 0.7;
}

export function buildTeamsPackage(
  appId: string,
  company: string,
  websiteUrl: string,
  version: string,
): Buffer {
  const template = fs.readFileSync(path.join(__dirname, 'app', 'manifest.json'), 'utf8');
  const manifest = template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    const v = { appId, company, websiteUrl, version }[k];
    if (v === undefined) throw new Error(`manifest.json needs {{${k}}}`);
    return v;
  });
  JSON.parse(manifest); // a broken template fails here, not in the Teams admin centre
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(manifest));
  zip.addFile(
    'color.png',
    png(192, (x, y) => (ring(192, x, y) ? [255, 255, 255, 255] : [31, 59, 87, 255])),
  );
  zip.addFile(
    'outline.png',
    png(32, (x, y) => (ring(32, x, y) ? [255, 255, 255, 255] : [0, 0, 0, 0])),
  );
  return zip.toBuffer();
}

if (require.main === module) {
  const program = new Command('teams:package')
    .option('--out <FILE>', 'where to write the zip', 'dist/relance-teams.zip')
    .option(
      '--website <URL>',
      "the publisher's website (privacy and terms pages under it)",
      'https://example.com',
    )
    .parse();
  const opts = program.opts<{ out: string; website: string }>();
  try {
    const config = loadConfig();
    if (!config.teams.appId)
      throw new Error(
        'MicrosoftAppId is not set: the package names the bot by its Azure app id (see README, Teams)',
      );
    const version = (
      JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string }
    ).version;
    fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
    fs.writeFileSync(
      opts.out,
      buildTeamsPackage(config.teams.appId, config.company.name, opts.website, version),
    );
    process.stdout.write(`${opts.out}\n`);
  } catch (err) {
    exitWithError(err);
  }
}
