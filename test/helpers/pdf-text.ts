/**
 * Prints the text of a PDF (pdf-parse). Run as a child process by tests: pdf.js loads its
 * worker with a dynamic import, which jest's module sandbox does not allow.
 */
import fs from 'node:fs';
import { PDFParse } from 'pdf-parse';

async function main(): Promise<void> {
  const parser = new PDFParse({ data: fs.readFileSync(process.argv[2]!) });
  process.stdout.write((await parser.getText()).text);
  await parser.destroy();
}
void main();
