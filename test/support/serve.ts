// What the serve-mode tests share: a renderer folder to serve, raw HTTP requests (the path sent as
// given, the body as chunks), and the command lines (`npm run serve`, `npm run server`, scripts)
// run as their own processes: to the end, or until they say where they listen.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

/** A renderer folder in `dir` with an index.html (and any other files given, by path), as the build leaves it. */
export function rendererFolder(dir: string, files: Record<string, string> = {}): string {
  const all = { 'index.html': '<!doctype html><title>Support Console</title>', ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request to 127.0.0.1:port with the path exactly as given (no normalising). */
export function send(
  port: number,
  path: string,
  options: {
    method?: string;
    headers?: Record<string, string | number>;
    body?: string;
    chunks?: Buffer[];
  } = {},
): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

/** A TypeScript entry point (a CLI or a script) run to its end: exit code and output. */
export function runScript(
  script: string,
  args: string[],
  options: { input?: string; timeout?: number } = {},
): { code: number | null; out: string; err: string } {
  const result = spawnSync(tsx, [script, ...args], {
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeout ?? 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/**
 * Starts a server's command line as its own process and waits for the line that gives its address
 * (`Serving at http://…`, `Team server at http://…`); `use` gets the address, then the process is
 * stopped (SIGTERM), whatever `use` did. An exit before the line fails with what it printed.
 */
export async function withServerProcess(
  script: string,
  args: string[],
  readyPrefix: string,
  use: (url: URL) => Promise<void>,
  env: NodeJS.ProcessEnv = {},
): Promise<void> {
  const child: ChildProcess = spawn(tsx, [script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith(readyPrefix));
        if (line) resolve(new URL(line.slice(readyPrefix.length).trim()));
      });
      child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('exit', (code) => reject(new Error(`${script} exited ${code}: ${err || out}`)));
    });
    await use(url);
  } finally {
    child.kill('SIGTERM');
  }
}
