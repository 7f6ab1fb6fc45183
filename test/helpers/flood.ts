/**
 * A hostile client in its own process (so its own writing does not slow the server's event
 * loop in the test): POSTs `size` bytes to each target at once, prints "sending" when every
 * request is under way, then one JSON line with the statuses (0 = the server closed first).
 * argv: base URL, size in bytes, JSON array of [path, headers].
 */
import http from 'node:http';

const [base, sizeText, targetsJson] = process.argv.slice(2);
const size = Number(sizeText);
const targets = JSON.parse(targetsJson!) as Array<[string, Record<string, string>]>;

function post(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      new URL(path, base),
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': size, ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    const chunk = Buffer.alloc(Math.min(size, 1024 * 1024), 'x');
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        const n = Math.min(chunk.length, size - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

const all = Promise.all(targets.map(([p, h]) => post(p, h)));
process.stdout.write('sending\n');
all.then((statuses) => process.stdout.write(`${JSON.stringify(statuses)}\n`));
