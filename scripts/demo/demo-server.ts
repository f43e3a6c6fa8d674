import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MAIN = fileURLToPath(new URL("../../packages/server/src/main.ts", import.meta.url));
const START_TIMEOUT_MS = 30_000;

export interface DemoServer {
  url: string;
  child: ChildProcess;
  /** Stops the server (SIGTERM: it finishes in-flight requests and flushes) and waits for it. */
  stop(): Promise<void>;
}

/**
 * `npm start` in a child process with the given environment; resolves once it is serving, then
 * passes its output through. It runs in its own process group, so that Ctrl-C reaches only the
 * demo, which then stops it with a single SIGTERM (a second signal makes the server exit at once).
 */
export async function startDemoServer(env: Record<string, string>): Promise<DemoServer> {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  const kill = () => child.kill("SIGTERM");
  process.once("exit", kill);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await serving(child, exited);
  child.stdout?.pipe(process.stdout);
  return {
    url,
    child,
    async stop() {
      process.off("exit", kill);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

function serving(child: ChildProcess, exited: Promise<void>): Promise<string> {
  let out = "";
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), START_TIMEOUT_MS);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /serving (http:\/\/\S+)/.exec(out);
      if (m === null) return;
      clearTimeout(timer);
      child.stdout?.off("data", read);
      resolve(m[1]);
    };
    child.stdout?.on("data", read);
    void exited.then(() => reject(new Error(`the server exited:\n${out}`)));
  });
}
