import type { IncomingMessage } from "node:http";
import { Transform, type TransformCallback } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { FastifyRequest } from "fastify";
import { HttpProblem } from "../errors/http-errors.ts";

const DECODERS = {
  gzip: createGunzip,
  "x-gzip": createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
} as const;

/** A decoded body stream that also reports how many encoded bytes came in (fastify checks both). */
type Decoded = NodeJS.ReadableStream & { receivedEncodedLength: number };

/**
 * `preParsing`: decodes a compressed body (RudderStack's SDK gzips by default). The body limit
 * applies to the decoded size, so a small bomb still gets 413.
 */
export async function decodeContentEncoding(
  request: FastifyRequest,
  _reply: unknown,
  payload: IncomingMessage | NodeJS.ReadableStream,
): Promise<NodeJS.ReadableStream> {
  const encoding = (request.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") return payload;
  if (!Object.hasOwn(DECODERS, encoding)) {
    throw new HttpProblem(
      "unsupported-media-type",
      `content-encoding ${encoding} is not supported (use gzip, deflate, br or none)`,
    );
  }
  const counter = new EncodedCounter();
  const decoded = payload
    .pipe(counter)
    .pipe(DECODERS[encoding as keyof typeof DECODERS]()) as unknown as Decoded;
  decoded.receivedEncodedLength = 0;
  counter.onBytes = (n) => {
    decoded.receivedEncodedLength += n;
  };
  return decoded;
}

class EncodedCounter extends Transform {
  onBytes: (n: number) => void = () => {};

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.onBytes(chunk.length);
    done(null, chunk);
  }
}
