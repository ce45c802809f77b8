/**
 * A TCP proxy that holds every chunk it passes for a while in each
 * direction: a PostgreSQL server as a process on another machine would see
 * it, a network's round trip away — where appends in flight are meant to
 * pay, the process checking one batch while the server and the network carry
 * the one before. The proxy runs on a thread of its own, so that the
 * process's own work does not hold the chunks up further.
 *
 * @module
 */
import { Worker } from "node:worker_threads";

/** A running proxy. */
export interface DelayProxy {
  /** The server's URL with the proxy's port. */
  readonly url: string;
  /** Stops the proxy and the connections it carries. */
  close(): Promise<void>;
}

/** The proxy's thread: listens on a free port, posts it, and carries each chunk after the delay. */
const PROXY = `
const net = require("node:net");
const { parentPort, workerData } = require("node:worker_threads");
const proxy = net.createServer((client) => {
  const upstream = net.connect(workerData.port, workerData.host);
  const carry = (from, to) => from.on("data", (chunk) => setTimeout(() => to.write(chunk), workerData.delayMs));
  carry(client, upstream);
  carry(upstream, client);
  const cut = () => { client.destroy(); upstream.destroy(); };
  for (const socket of [client, upstream]) { socket.on("close", cut); socket.on("error", cut); }
});
proxy.listen(0, "127.0.0.1", () => parentPort.postMessage(proxy.address().port));
`;

/**
 * Starts a proxy on a free local port in front of the server of `url`.
 *
 * @param url - a `postgres://` URL of a server on this machine
 * @param delayMs - how long each chunk waits, each way
 * @returns the proxy
 */
export async function startDelayProxy(url: string, delayMs: number): Promise<DelayProxy> {
  const target = new URL(url);
  const thread = new Worker(PROXY, { eval: true, workerData: { host: target.hostname, port: Number(target.port || 5432), delayMs } });
  const port = await new Promise<number>((listening, failed) => {
    thread.once("message", listening);
    thread.once("error", failed);
  });
  const proxied = new URL(url);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(port);
  return {
    url: proxied.href,
    close: async () => {
      await thread.terminate();
    },
  };
}
