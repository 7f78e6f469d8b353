// Standalone stand-in Vercel API for the demo and manual testing:
//   node out/test/fake-vercel/main.js [--port N] [--empty]     (or env FAKE_VERCEL_PORT)
// Logs one line per request; never the Authorization header or a token value.
import { seedDemoData, startFakeVercel, type RequestLogEntry } from './server';

function parsePort(args: string[]): number {
  const index = args.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  const raw = index === -1 ? process.env.FAKE_VERCEL_PORT : args[index].includes('=') ? args[index].split('=')[1] : args[index + 1];
  const port = Number(raw ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${raw}`);
  return port;
}

function logRequest({ method, path, query, status, durationMs }: RequestLogEntry): void {
  const search = new URLSearchParams(query).toString();
  console.log(`${method} ${path}${search ? `?${search}` : ''} ${status ?? 'no-answer'} ${durationMs ?? '-'}ms`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const server = await startFakeVercel({ port: parsePort(args), onRequest: logRequest });
  if (!args.includes('--empty')) seedDemoData(server);
  console.log(`Stand-in Vercel API: ${server.url}`);
  console.log(`Account token: ${server.accountToken}`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
