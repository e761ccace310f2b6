// @zondax/ledger-cosmos-js, unchanged, against the app in Speculos: version, silent and
// shown addresses for milk, osmo and celestia, the cosmos public key, and an Amino JSON
// restake (P2 = 0) whose signature is verified with @cosmjs/crypto.
import CosmosAppModule from "@zondax/ledger-cosmos-js";
import { Secp256k1, Secp256k1Signature, sha256 } from "@cosmjs/crypto";
import { check, emit, hex, input, openTransport, reviewed, run } from "./lib.mjs";

const CosmosApp = CosmosAppModule.default ?? CosmosAppModule;
const PATH = "m/44'/118'/0'/0/0";

run(async () => {
  const inp = input();
  const transport = await openTransport(inp.apduPort);
  const app = new CosmosApp(transport);

  const v = await app.getVersion();
  emit({ step: "version", major: v.major, minor: v.minor, patch: v.patch, testMode: v.testMode, deviceLocked: v.deviceLocked, targetId: v.targetId });

  for (const hrp of ["milk", "osmo", "celestia"]) {
    const silent = await app.getAddressAndPubKey(PATH, hrp);
    const shown = await reviewed(`address_${hrp}`, () => app.showAddressAndPubKey(PATH, hrp));
    check(shown.bech32_address === silent.bech32_address, `${hrp}: shown and silent addresses differ`);
    check(hex(shown.compressed_pk) === hex(silent.compressed_pk), `${hrp}: shown and silent keys differ`);
    emit({ step: `address_${hrp}`, address: shown.bech32_address, publicKey: hex(shown.compressed_pk) });
  }

  const pk = await app.publicKey(PATH);
  emit({ step: "public_key", publicKey: hex(pk.compressed_pk) });

  // The restake's Amino JSON sign doc, as the Rust side built it with the host crate.
  const doc = Buffer.from(inp.restakeSignDocHex, "hex");
  const r = await reviewed("sign_restake", () => app.sign(PATH, doc, "milk", 0));
  const sig = Secp256k1Signature.fromDer(r.signature);
  const ok = await Secp256k1.verifySignature(sig, sha256(doc), pk.compressed_pk);
  check(ok, "the restake signature does not verify (@cosmjs/crypto)");
  emit({ step: "sign_restake", signatureDer: hex(r.signature), verified: ok });
  await transport.close();
});
