// cosmjs, unchanged, against the app in Speculos, the way a dApp uses it: LedgerSigner
// (@cosmjs/ledger-amino) with only ledgerAppName, prefix and hdPaths set (so its default
// minLedgerAppVersion 1.5.3 applies), getAccounts, showAddress, then three transactions
// signed through SigningStargateClient / SigningCosmWasmClient `sign` (offline, explicit
// signer data): a MilkyWay restake, a liquid stake on the milkTIA contract (Osmosis) and
// a gov vote. The clients turn the messages into Amino JSON with AminoTypes, sign with
// the LedgerSigner (SIGN_MODE_LEGACY_AMINO_JSON) and encode the TxRaw with
// makeAuthInfoBytes. Each result is checked here: the signature verifies with
// @cosmjs/crypto over the sign doc, and the TxRaw decodes back to the same messages.
import { makeCosmoshubPath, makeSignDoc, serializeSignDoc } from "@cosmjs/amino";
import { Secp256k1, Secp256k1Signature, sha256 } from "@cosmjs/crypto";
import { toUtf8 } from "@cosmjs/encoding";
import { LedgerSigner } from "@cosmjs/ledger-amino";
import { decodeTxRaw, Registry } from "@cosmjs/proto-signing";
import { AminoTypes, createDefaultAminoConverters, defaultRegistryTypes, SigningStargateClient } from "@cosmjs/stargate";
import { createWasmAminoConverters, SigningCosmWasmClient, wasmTypes } from "@cosmjs/cosmwasm";
import { BinaryReader, BinaryWriter } from "cosmjs-types/binary";
import { Coin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { check, emit, hex, input, openTransport, reviewed, run } from "./lib.mjs";

// What a MilkyWay dApp registers for its own message: the protobuf type
// (milkyway.restaking.v1.MsgDelegateOperator: 1 delegator string, 2 operator_id uint32,
// 3 amount repeated Coin) and its amino converter ("milkyway/MsgDelegateOperator",
// operator_id a JSON number).
const DELEGATE_OPERATOR = "/milkyway.restaking.v1.MsgDelegateOperator";
const MsgDelegateOperator = {
  encode(m, w = BinaryWriter.create()) {
    if (m.delegator !== "") w.uint32(10).string(m.delegator);
    if (m.operatorId !== 0) w.uint32(16).uint32(m.operatorId);
    for (const c of m.amount) Coin.encode(c, w.uint32(26).fork()).ldelim();
    return w;
  },
  decode(bytes, length) {
    const r = bytes instanceof BinaryReader ? bytes : new BinaryReader(bytes);
    const end = length === undefined ? r.len : r.pos + length;
    const m = { delegator: "", operatorId: 0, amount: [] };
    while (r.pos < end) {
      const tag = r.uint32();
      switch (tag >>> 3) {
        case 1: m.delegator = r.string(); break;
        case 2: m.operatorId = r.uint32(); break;
        case 3: m.amount.push(Coin.decode(r, r.uint32())); break;
        default: r.skipType(tag & 7);
      }
    }
    return m;
  },
  fromPartial(o) {
    return { delegator: o.delegator ?? "", operatorId: o.operatorId ?? 0, amount: (o.amount ?? []).map((c) => Coin.fromPartial(c)) };
  },
};
const milkywayAminoConverters = {
  [DELEGATE_OPERATOR]: {
    aminoType: "milkyway/MsgDelegateOperator",
    toAmino: ({ delegator, operatorId, amount }) => ({ delegator, operator_id: operatorId, amount }),
    fromAmino: ({ delegator, operator_id, amount }) => ({ delegator, operatorId: operator_id, amount: [...amount] }),
  },
};

const registry = new Registry([...defaultRegistryTypes, ...wasmTypes, [DELEGATE_OPERATOR, MsgDelegateOperator]]);
const aminoTypes = new AminoTypes({ ...createDefaultAminoConverters(), ...createWasmAminoConverters(), ...milkywayAminoConverters });

// JSON with BigInt and bytes, for comparing decoded messages with the originals.
const canon = (v) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x instanceof Uint8Array ? hex(x) : x));

// Signs `messages` with `client` as a dApp does and checks what comes back.
async function signTx(label, client, account, messages, tx) {
  const fee = { amount: tx.fee, gas: String(tx.gas) };
  const signerData = { accountNumber: tx.accountNumber, sequence: tx.sequence, chainId: tx.chainId };
  const txRaw = await reviewed(label, () => client.sign(account.address, messages, fee, tx.memo, signerData));
  const txBytes = TxRaw.encode(txRaw).finish();

  // The sign doc the client signed: the same messages through the same AminoTypes.
  const doc = makeSignDoc(messages.map((m) => aminoTypes.toAmino(m)), fee, tx.chainId, tx.memo, tx.accountNumber, tx.sequence);
  const docBytes = serializeSignDoc(doc);
  check(txRaw.signatures.length === 1 && txRaw.signatures[0].length === 64, `${label}: one 64-byte signature`);
  const sig = Secp256k1Signature.fromFixedLength(txRaw.signatures[0]);
  const verified = await Secp256k1.verifySignature(sig, sha256(docBytes), account.pubkey);
  check(verified, `${label}: the signature does not verify over the Amino JSON sign doc (@cosmjs/crypto)`);

  // The bytes decode back to the same messages, the signer's key and LEGACY_AMINO_JSON.
  const decoded = decodeTxRaw(txBytes);
  check(decoded.body.messages.length === messages.length, `${label}: message count`);
  decoded.body.messages.forEach((any, i) => {
    check(any.typeUrl === messages[i].typeUrl, `${label}: type URL of message ${i}`);
    check(canon(registry.decode(any)) === canon(registry.decode(registry.encodeAsAny(messages[i]))), `${label}: message ${i} decodes to what was signed`);
  });
  check(decoded.body.memo === tx.memo, `${label}: memo`);
  const auth = AuthInfo.decode(txRaw.authInfoBytes);
  check(auth.signerInfos.length === 1 && auth.signerInfos[0].modeInfo.single.mode === SignMode.SIGN_MODE_LEGACY_AMINO_JSON, `${label}: sign mode`);
  check(auth.signerInfos[0].sequence === BigInt(tx.sequence), `${label}: sequence`);
  emit({ step: label, signer: account.address, signDocHex: hex(docBytes), txRawHex: hex(txBytes), signatureHex: hex(txRaw.signatures[0]), verified });
}

run(async () => {
  const inp = input();
  const transport = await openTransport(inp.apduPort);
  const hdPaths = [makeCosmoshubPath(0)];
  const milk = new LedgerSigner(transport, { ledgerAppName: "MilkyWay", prefix: "milk", hdPaths });
  const osmo = new LedgerSigner(transport, { ledgerAppName: "MilkyWay", prefix: "osmo", hdPaths });

  const [milkAccount] = await milk.getAccounts();
  emit({ step: "accounts_milk", address: milkAccount.address, publicKey: hex(milkAccount.pubkey), algo: milkAccount.algo });
  const [osmoAccount] = await osmo.getAccounts();
  emit({ step: "accounts_osmo", address: osmoAccount.address, publicKey: hex(osmoAccount.pubkey) });

  const shown = await reviewed("show_address", () => milk.showAddress());
  check(shown.address === milkAccount.address, "showAddress and getAccounts disagree");
  emit({ step: "show_address", address: shown.address, publicKey: Buffer.from(shown.pubkey.value, "base64").toString("hex") });

  const stargate = await SigningStargateClient.offline(milk, { registry, aminoTypes });
  const cosmwasm = await SigningCosmWasmClient.offline(osmo, { registry, aminoTypes });

  const r = inp.restake;
  await signTx("sign_restake", stargate, milkAccount, [
    { typeUrl: DELEGATE_OPERATOR, value: MsgDelegateOperator.fromPartial({ delegator: milkAccount.address, operatorId: r.operatorId, amount: [r.amount] }) },
  ], r.tx);

  const l = inp.liquidStake;
  await signTx("sign_liquid_stake", cosmwasm, osmoAccount, [
    {
      typeUrl: "/cosmwasm.wasm.v1.MsgExecuteContract",
      value: { sender: osmoAccount.address, contract: l.contract, msg: toUtf8(JSON.stringify({ liquid_stake: { mint_to: milkAccount.address } })), funds: [l.amount] },
    },
  ], l.tx);

  const v = inp.vote;
  await signTx("sign_vote", stargate, milkAccount, [
    { typeUrl: "/cosmos.gov.v1beta1.MsgVote", value: { proposalId: BigInt(v.proposalId), voter: milkAccount.address, option: v.option } },
  ], v.tx);
  await transport.close();
});
