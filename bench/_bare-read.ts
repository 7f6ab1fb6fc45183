/**
 * The worklist benchmark's baseline, in its own process: reads every open invoice through the
 * bare driver `runs` times, streamed (not kept), and prints the count and each run's time as
 * JSON. A separate process, as another instance of the app would be: its decoding of a million
 * documents does not run on the engine's event loop, so the probe measures the engine.
 */
import { MongoClient } from 'mongodb';

async function main() {
  const [uri, dbName, runs] = [process.argv[2]!, process.argv[3]!, Number(process.argv[4] ?? 3)];
  const client = await new MongoClient(uri, { maxPoolSize: 1 }).connect();
  const invoices = client.db(dbName).collection('invoices');
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    count = 0;
    for await (const _ of invoices.find({ status: { $in: ['open', 'partially_paid'] } })) count++;
    times.push(performance.now() - start);
  }
  await client.close();
  process.stdout.write(`${JSON.stringify({ count, times })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
