/**
 * An HTTP proxy in front of the emulator that answers the first `count` calls of one operation with
 * a 200 whose body cannot be read, after the emulator has acted on them: the fault of a response lost
 * or cut after the service accepted the request.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GarbleProxy {
  readonly url: string;
  /** How many answers were garbled so far. */
  garbled(): number;
  close(): Promise<void>;
}

export async function garbleProxy(target: string, operation: string, count: number): Promise<GarbleProxy> {
  let garbled = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', target);
      const forward = request(url, { method: req.method, headers: req.headers }, (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (c: Buffer) => body.push(c));
        answer.on('end', () => {
          const hit = String(req.headers['x-amz-target'] ?? '').endsWith(`.${operation}`) && answer.statusCode === 200 && garbled < count;
          if (hit) garbled += 1;
          const text = hit ? Buffer.from('{"ProgressEvent": {"TypeName": "AWS::') : Buffer.concat(body);
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
    garbled: () => garbled,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
