// cosmjs' LedgerSigner (@cosmjs/ledger-amino), unchanged, signing a long Amino JSON
// transaction: the claim of restaking rewards from 200 pools, operators and services
// that tests/tests/device_clients.rs builds with the host crate, or a 1 MiB document (its messages, fee,
// chain, account and sequence come in MW_CLIENT_INPUT). The signer is set up as a dApp
// sets it (ledgerAppName "MilkyWay", prefix, hdPaths), the sign doc is made with
// @cosmjs/amino `makeSignDoc` and signed with `signAmino`; the signature is verified here
// with @cosmjs/crypto over the serialized sign doc and checked again on the Rust side.
import { makeCosmoshubPath, makeSignDoc, serializeSignDoc } from "@cosmjs/amino";
import { Secp256k1, Secp256k1Signature, sha256 } from "@cosmjs/crypto";
import { fromBase64 } from "@cosmjs/encoding";
import { LedgerSigner } from "@cosmjs/ledger-amino";
import { check, emit, hex, input, openTransport, reviewed, run } from "./lib.mjs";

run(async () => {
  const inp = input();
  const transport = await openTransport(inp.apduPort);
  const signer = new LedgerSigner(transport, { ledgerAppName: "MilkyWay", prefix: "milk", hdPaths: [makeCosmoshubPath(0)] });
  const [account] = await signer.getAccounts();
  emit({ step: "account", address: account.address, publicKey: hex(account.pubkey) });

  const t = inp.tx;
  // A field too long for the input's environment variable comes as its length: the
  // first message's `fill.field` is that many `a` (the 1 MiB blind document).
  if (inp.fill) t.msgs[0].value[inp.fill.field] = "a".repeat(inp.fill.length);
  const doc = makeSignDoc(t.msgs, t.fee, t.chainId, t.memo, t.accountNumber, t.sequence);
  const started = Date.now();
  const { signed, signature } = await reviewed("sign_claims", () => signer.signAmino(account.address, doc));
  const seconds = (Date.now() - started) / 1000;
  const docBytes = serializeSignDoc(signed);
  const sig = fromBase64(signature.signature);
  check(sig.length === 64, "a 64-byte signature");
  check(Buffer.from(fromBase64(signature.pub_key.value)).equals(Buffer.from(account.pubkey)), "the signature's public key is the account's");
  const verified = await Secp256k1.verifySignature(Secp256k1Signature.fromFixedLength(sig), sha256(docBytes), account.pubkey);
  check(verified, "the signature does not verify over the Amino JSON sign doc (@cosmjs/crypto)");
  // The 34 KB sign doc goes back as its SHA-256: a line that long may be cut when the
  // process exits right after writing it.
  emit({ step: "sign_claims", messages: signed.msgs.length, signDocSha256: hex(sha256(docBytes)), signatureHex: hex(sig), verified, seconds });
  await transport.close();
});
