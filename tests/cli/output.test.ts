// Checks the output plumbing with in-memory Node streams: buffering into chunks, waiting for drain, and a quiet stop when the reader has gone.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { bufferedOutput, OutputClosedError, streamWriter } from "../../src/cli/output.js";

describe("bufferedOutput", () => {
  it("gathers small writes into few large ones, losing nothing", async () => {
    const writes: string[] = [];
    const output = bufferedOutput((text) => {
      writes.push(text);
    });
    for (let index = 0; index < 20_000; index++) await output.write(`line ${index}\n`);
    await output.flush();
    expect(writes.length).toBeLessThan(10);
    expect(writes.join("").split("\n")).toHaveLength(20_001);
  });
});

describe("streamWriter", () => {
  it("waits for the stream to drain when it is full", async () => {
    const chunks: string[] = [];
    const slow = new Writable({
      highWaterMark: 4,
      decodeStrings: false,
      write(chunk: string, _encoding, callback) {
        chunks.push(chunk);
        setTimeout(callback, 1);
      },
    });
    const write = streamWriter(slow);
    const pending = write("more than four characters");
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    await write("again");
    expect(chunks.join("")).toBe("more than four charactersagain");
  });

  it("throws OutputClosedError once the stream has failed", async () => {
    const broken = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
      },
    });
    const write = streamWriter(broken);
    await Promise.resolve(write("x")).catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(() => write("y")).toThrow(OutputClosedError);
  });

  it("lets the command stop quietly with status 0 when stdout is closed", async () => {
    const status = await main(["--help"], {
      stdout: () => {
        throw new OutputClosedError("closed");
      },
      stderr: () => {
        throw new Error("nothing should be written to stderr");
      },
    });
    expect(status).toBe(0);
  });
});
