/**
 * Prompt texts live as files beside this one, reviewed like code. A prompt names its inputs
 * as {{name}}; filling one that is not given is an error, so a renamed input cannot silently
 * leave a hole in what the model reads.
 */
import fs from 'node:fs';
import path from 'node:path';

const cache = new Map<string, string>();

export function promptText(file: string): string {
  let text = cache.get(file);
  if (text === undefined) {
    text = fs.readFileSync(path.join(__dirname, file), 'utf8');
    cache.set(file, text);
  }
  return text;
}

export function fillPrompt(file: string, values: Record<string, string>): string {
  return promptText(file).replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`prompt ${file} needs {{${name}}}`);
    return v;
  });
}
