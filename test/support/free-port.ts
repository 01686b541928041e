import { createServer } from 'node:net';

/**
 * Asks the kernel for an unused TCP port on the loopback interface. Every server a test starts
 * binds to one of these, so parallel test files and parallel CI jobs never collide.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read the bound port'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
