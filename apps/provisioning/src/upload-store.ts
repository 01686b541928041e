import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

export type UploadOutcome = 'stored' | 'too-large';

class TooLarge extends Error {}

/**
 * The phones' uploads (`<mac>-phone.cfg`, `<mac>-web.cfg`, `<mac>-<kind>.log`) in a folder, one
 * sub-folder per MAC. Names reach this class only after parseUploadName accepted them, so they are
 * one safe path segment each. A file is written beside its final name and renamed into place, so a
 * reader never sees half an upload and an aborted upload leaves nothing. With several server
 * replicas the folder must be shared storage.
 */
export class DirectoryUploadStore {
  constructor(
    private readonly dir: string,
    readonly maxBytes: number,
  ) {}

  private pathOf(mac: string, fileName: string): string {
    return join(this.dir, mac, fileName);
  }

  /** Stores the body unless it grows past `maxBytes` (then nothing is kept). */
  async save(mac: string, fileName: string, body: Readable): Promise<UploadOutcome> {
    await mkdir(join(this.dir, mac), { recursive: true, mode: 0o700 });
    const target = this.pathOf(mac, fileName);
    const partial = `${target}.${randomBytes(6).toString('hex')}.part`;
    let size = 0;
    const limit = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        size += chunk.length;
        done(size > this.maxBytes ? new TooLarge() : null, chunk);
      },
    });
    try {
      await pipeline(body, limit, createWriteStream(partial, { mode: 0o600 }));
      await rename(partial, target);
      return 'stored';
    } catch (error) {
      await rm(partial, { force: true });
      if (error instanceof TooLarge) return 'too-large';
      throw error;
    }
  }

  /** The stored upload, or null when the phone has not uploaded that file. */
  async read(mac: string, fileName: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(mac, fileName));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
