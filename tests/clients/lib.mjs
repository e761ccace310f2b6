// What both client scripts share: the input the Rust test gives (MW_CLIENT_INPUT, JSON),
// Ledger's own Speculos transport on the APDU port, and the line protocol on stdout that
// tests/tests/device_clients.rs reads:
//   {"review": "<label>"}            printed just before a call the person must approve;
//                                    the Rust side walks and approves that review, and
//                                    writes one line on stdin once the device is back
//                                    on its home screen (`reviewed` waits for it, so the
//                                    next request never lands on the review's status screen)
//   {"step": "<label>", ...}         a result, checked on the Rust side
//   {"error": "<message>"}           the script failed (exit code 1)
// Every value that goes back is a hex string, a string or a number.
import { createRequire } from "node:module";
import { createInterface } from "node:readline";

// Ledger's packages ship CommonJS (lib/) and an ES build (lib-es/) whose extensionless
// imports Node's ES loader cannot resolve; require() takes the CommonJS build, as any
// Node program using them does.
const require = createRequire(import.meta.url);
const SpeculosTransport = require("@ledgerhq/hw-transport-node-speculos").default;

export function input() {
  const raw = process.env.MW_CLIENT_INPUT;
  if (!raw) throw new Error("MW_CLIENT_INPUT is not set (run through tests/tests/device_clients.rs)");
  return JSON.parse(raw);
}

export function emit(obj) {
  // Writes to a pipe are synchronous on Linux: the line is out before the next APDU.
  process.stdout.write(JSON.stringify(obj) + "\n");
}

const stdinLines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

// Runs `call`, a request the person approves on the device, announced as `label`; returns
// its result once the Rust side says the review is over.
export async function reviewed(label, call) {
  emit({ review: label });
  const result = await call();
  const ack = await stdinLines.next();
  if (ack.done) throw new Error(`no acknowledgement of review ${label} on stdin`);
  return result;
}

export const hex = (bytes) => Buffer.from(bytes).toString("hex");

export function check(cond, what) {
  if (!cond) throw new Error(`check failed: ${what}`);
}

// Ledger's Speculos transport (raw APDUs over Speculos' TCP APDU port), default options.
export async function openTransport(apduPort) {
  return SpeculosTransport.open({ apduPort, host: "127.0.0.1" });
}

export async function run(main) {
  try {
    await main();
    process.exit(0);
  } catch (e) {
    emit({ error: `${e?.name ?? "Error"}: ${e?.message ?? e}` });
    process.exit(1);
  }
}
