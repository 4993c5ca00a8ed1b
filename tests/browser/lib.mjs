// lib.mjs: what the browser tests share: a temporary database filled
// with the real CLI, `vigil serve` on a free loopback port, Debian's
// Chromium driven by playwright-core, and the pass/fail count. With
// VIGIL_TEST_BACKEND=postgresql the database is one of a throwaway
// PostgreSQL cluster (tests/pg/cluster.sh): VIGIL_TEST_PG_DIR's, or one
// started for the test and destroyed when it ends.
import { spawn, spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const artifacts = join(root, "tests/artifacts");
const vigilBin = resolve(root, process.env.VIGIL || "build/asan/vigil");
const env = { ...process.env, VIGIL_NOW: "2019-12-28T12:00:00Z",
              VIGIL_GAZETTEER: join(root, "data/gazetteer/test.tsv"),
              ASAN_OPTIONS: "exitcode=86:detect_leaks=1", USER: "tester" };

// Every process a test starts ends with it, however it ends: a failed
// check, an exception, SIGTERM from the runner's timeout. A server left
// running would hold the runner's output pipe open. "exit" handlers run
// on process.exit and on an uncaught error; the signals are turned into
// an exit (playwright-core also closes its browser on them).
const children = new Set();
let ownCluster = null; // a PostgreSQL cluster this test started
const cluster = join(root, "tests/pg/cluster.sh");
process.on("exit", () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  if (ownCluster) spawnSync("bash", [cluster, "destroy", ownCluster], { timeout: 60000 });
});
for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"])
  process.on(sig, () => process.exit(128 + (sig === "SIGHUP" ? 1 : sig === "SIGINT" ? 2 : 15)));

// A test run: its database, the CLI on it, the server, the browser.
export async function setup(name) {
  mkdirSync(artifacts, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), `vigil-${name}.`));
  const db = process.env.VIGIL_TEST_BACKEND === "postgresql"
    ? pgDatabase(name, tmp) : join(tmp, `${name}.db`);
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

// A new database in the PostgreSQL cluster of the run (or of this test);
// the keys a file database keeps beside it go into tmp.
function pgDatabase(name, tmp) {
  const pg = (...args) => {
    const r = spawnSync("bash", [cluster, ...args], { timeout: 120000 });
    if (r.status !== 0) throw new Error(`cluster.sh ${args[0]}: ${r.stderr}`);
    return String(r.stdout).split("\n")[0];
  };
  let dir = process.env.VIGIL_TEST_PG_DIR;
  if (!dir) {
    dir = ownCluster = mkdtempSync("/tmp/vigil-pg.");
    pg("start", dir);
  }
  env.VIGIL_MASTER_KEY = join(tmp, "master.key");
  env.VIGIL_SIGNING_KEY = join(tmp, "signing.key");
  return pg("newdb", dir, `${name.replace(/\W/g, "_")}_${process.pid}`);
}

// The time every test runs at (VIGIL_NOW above), in Unix seconds.
export const NOW = Date.parse(env.VIGIL_NOW) / 1000;
export const PASSWORD = "a long enough passphrase";

// Adds an editor account with the CLI; returns its TOTP secret.
export function addUser(t, login, roles) {
  const out = t.vigil(["user", "add", login, "--roles", roles], PASSWORD + "\n");
  return base32(/secret: ([A-Z2-7]+)/.exec(out)[1]);
}

// The bytes of a base32 text (a TOTP secret as the desk shows it).
export function base32(s) {
  const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0;
  const out = [];
  for (const ch of s) {
    value = (value << 5) | abc.indexOf(ch);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 255); bits -= 8; }
  }
  return Buffer.from(out);
}

// The RFC 6238 code of a secret at NOW, `step` 30-second steps off (each
// code is accepted once, so each sign-in takes the next step).
export function totp(secret, step = 0) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(NOW / 30) + step));
  const mac = createHmac("sha1", secret).update(counter).digest();
  const o = mac[19] & 15;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, "0");
}

// Starts the server and the browser; sets t.base and t.browser. The
// server's clock is t.now when set (a later time, for a restart), else
// NOW's.
async function serve(t, port, extra) {
  const clock = t.now ? { ...env, VIGIL_NOW: t.now } : env;
  // No access log: its line per request would bury the test's own
  // messages (a sanitizer's report still comes through stderr).
  t.server = spawn(vigilBin, ["--db", t.db, "serve", "--listen", `127.0.0.1:${port}`,
                              "--access-log", "off", ...extra],
                   { env: clock, stdio: ["ignore", "pipe", "inherit"] });
  children.add(t.server);
  return new Promise((ok, fail) => {
    t.server.stdout.once("data", (d) => {
      // The site's address (a PostgreSQL record's URI comes before it).
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(String(d));
      m ? ok(m[1]) : fail(new Error(String(d)));
    });
  });
}

// Stops the server, runs meanwhile() (the server is down), and starts it
// again on the same port: every open connection is cut.
export async function restart(t, meanwhile) {
  t.server.kill("SIGTERM");
  await new Promise((ok) => t.server.once("exit", ok));
  await meanwhile();
  await serve(t, new URL(t.base).port, t.extra);
}

export async function start(t, ...extra) {
  t.extra = extra;
  const port = await serve(t, 0, extra);
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
