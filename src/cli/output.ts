/**
 * Where the command line writes: plain write functions (so tests capture
 * output in memory), a buffer that hands them large chunks, and the adapter
 * from a Node stream that waits when the stream is full and stops quietly
 * when the reader has gone (`fundledger export | head`).
 *
 * @module
 */

/** Writes text; may return a promise that settles when the text is taken. */
export type Write = (text: string) => void | Promise<void>;

/** Thrown by a stream writer when the stream's reader has gone. */
export class OutputClosedError extends Error {
  override readonly name = "OutputClosedError";
}

/** The least a stream writer needs of a Node writable stream. */
export interface WritableLike {
  write(chunk: string): boolean;
  once(event: "drain" | "error", listener: (error?: unknown) => void): unknown;
  on(event: "error", listener: (error: unknown) => void): unknown;
  removeListener(event: "drain" | "error", listener: (error?: unknown) => void): unknown;
}

/**
 * A {@link Write} to a Node stream (`process.stdout`): resolves at once while
 * the stream takes data, waits for `drain` when it is full, and throws
 * {@link OutputClosedError} once the stream has failed (a closed pipe).
 *
 * @param stream - a writable stream
 * @returns the write function
 */
export function streamWriter(stream: WritableLike): Write {
  let failed = false;
  stream.on("error", () => {
    failed = true;
  });
  return (text) => {
    if (failed) throw new OutputClosedError("the output stream is closed");
    if (stream.write(text)) return undefined;
    return new Promise<void>((resolve, reject) => {
      const onDrain = (): void => {
        stream.removeListener("error", onError);
        resolve();
      };
      const onError = (): void => {
        stream.removeListener("drain", onDrain);
        reject(new OutputClosedError("the output stream is closed"));
      };
      stream.once("drain", onDrain);
      stream.once("error", onError);
    });
  };
}

/** Collects small writes into chunks of about this many characters. */
const CHUNK_CHARACTERS = 1 << 16;

/** A buffer in front of a {@link Write}: many lines, few writes. */
export interface BufferedOutput {
  /** Appends text, writing a chunk when enough has gathered. */
  write(text: string): Promise<void>;
  /** Writes what is gathered. */
  flush(): Promise<void>;
}

/**
 * Buffers writes into chunks.
 *
 * @param write - where the chunks go
 * @returns the buffer; call `flush` at the end
 */
export function bufferedOutput(write: Write): BufferedOutput {
  let pending: string[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    if (size === 0) return;
    const chunk = pending.join("");
    pending = [];
    size = 0;
    await write(chunk);
  };
  return {
    async write(text) {
      pending.push(text);
      size += text.length;
      if (size >= CHUNK_CHARACTERS) await flush();
    },
    flush,
  };
}
