/**
 * An HTTP proxy in front of the emulator that rewrites the JSON answers of one operation, after the
 * emulator has acted on them: the shape of an answer AWS may give (an optional member left out) that
 * the emulator itself does not.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RewriteProxy {
  readonly url: string;
  close(): Promise<void>;
}

export async function rewriteProxy(target: string, operation: string, rewrite: (answer: Record<string, unknown>) => Record<string, unknown>): Promise<RewriteProxy> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (c: Buffer) => body.push(c));
        answer.on('end', () => {
          const hit = String(req.headers['x-amz-target'] ?? '').endsWith(`.${operation}`) && answer.statusCode === 200;
          const text = hit ? Buffer.from(JSON.stringify(rewrite(JSON.parse(Buffer.concat(body).toString('utf8')) as Record<string, unknown>))) : Buffer.concat(body);
          res.writeHead(answer.statusCode ?? 500, { ...answer.headers, 'content-length': String(text.length) });
          res.end(text);
        });
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
