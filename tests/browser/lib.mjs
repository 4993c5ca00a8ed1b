// lib.mjs: what the browser tests share: a temporary database filled
// with the real CLI, `vigil serve` on a free loopback port, Debian's
// Chromium driven by playwright-core, and the pass/fail count.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const artifacts = join(root, "tests/artifacts");
const vigilBin = resolve(root, process.env.VIGIL || "build/asan/vigil");
const env = { ...process.env, VIGIL_NOW: "2019-12-28T12:00:00Z",
              ASAN_OPTIONS: "exitcode=86:detect_leaks=1", USER: "tester" };

// A test run: its database, the CLI on it, the server, the browser.
export async function setup(name) {
  mkdirSync(artifacts, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), `vigil-${name}.`));
  const db = join(tmp, `${name}.db`);
  const t = { name, tmp, db, passed: 0, failed: 0 };
  t.check = (ok, what) => {
    if (ok) t.passed++;
    else { t.failed++; console.error(`FAIL ${name}: ${what}`); }
  };
  t.vigil = (args, input) => {
    const r = spawnSync(vigilBin, ["--db", db, ...args], { env, input });
    if (r.status !== 0) throw new Error(`vigil ${args.join(" ")}: ${r.stderr}`);
    return String(r.stdout);
  };
  t.vigil(["init"]);
  t.vigil(["demo"]);
  return t;
}

// Starts the server and the browser; sets t.base and t.browser.
export async function start(t) {
  t.server = spawn(vigilBin, ["--db", t.db, "serve", "--listen", "127.0.0.1:0"],
                   { env, stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise((ok, fail) => {
    t.server.stdout.once("data", (d) => {
      const m = /127\.0\.0\.1:(\d+)\//.exec(String(d));
      m ? ok(m[1]) : fail(new Error(String(d)));
    });
  });
  t.base = `http://127.0.0.1:${port}`;
  t.browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
}

// Stops everything, prints the closing line and exits.
export async function finish(t) {
  if (t.browser) await t.browser.close();
  if (t.server) {
    t.server.kill("SIGTERM");
    await new Promise((ok) => t.server.once("exit", ok));
  }
  rmSync(t.tmp, { recursive: true, force: true });
  console.log(`${t.name}: ${t.passed} passed, ${t.failed} failed`);
  process.exit(t.failed ? 1 : 0);
}
