import { closeSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import { deserialize, serialize } from "node:v8";

/**
 * A file of frames, each a v8-serialized value behind its length (8 bytes), written to a
 * temporary name, fsynced and renamed into place: a reader sees a whole file or none. Frames
 * keep memory bounded on both sides: a snapshot of a million contacts is written and read a
 * chunk at a time.
 */
export class FrameWriter {
  private readonly fd: number;
  private readonly temp: string;

  constructor(private readonly path: string) {
    this.temp = `${path}.tmp`;
    this.fd = openSync(this.temp, "w");
  }

  write(value: unknown): void {
    const body = serialize(value);
    const head = Buffer.alloc(8);
    head.writeBigUInt64LE(BigInt(body.length));
    writeAll(this.fd, head);
    writeAll(this.fd, body);
  }

  /** Makes the file durable under its name. */
  finish(): void {
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.temp, this.path);
  }

  /** Drops the temporary file (after a failure). */
  abandon(): void {
    closeSync(this.fd);
    rmSync(this.temp, { force: true });
  }
}

export class FrameReader {
  private readonly fd: number;

  /** Throws ENOENT when there is no such file. */
  constructor(path: string) {
    this.fd = openSync(path, "r");
  }

  /** The next frame's value; throws at the end of the file or on a cut-off frame. */
  read(): unknown {
    const head = this.readExactly(8);
    const length = Number(head.readBigUInt64LE());
    return deserialize(this.readExactly(length));
  }

  close(): void {
    closeSync(this.fd);
  }

  private readExactly(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) {
      const got = readSync(this.fd, out, at, n - at, null);
      if (got === 0) throw new Error("the snapshot file ends inside a frame");
      at += got;
    }
    return out;
  }
}

function writeAll(fd: number, b: Buffer): void {
  let at = 0;
  while (at < b.length) at += writeSync(fd, b, at, b.length - at);
}
