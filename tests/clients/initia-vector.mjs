// The reference vector of tests/tests/device_initia.rs: the test seed's keys for `init`
// addresses, computed with cosmjs (@cosmjs/crypto: BIP-39, SLIP-10 secp256k1, Keccak256,
// SHA-256, RIPEMD-160; @cosmjs/encoding: bech32), independently of the device's and the
// host's code. Run by hand after `npm ci` here: `node tests/clients/initia-vector.mjs`.
//
// For each path it prints the compressed public key and two `init` addresses of it: the
// Ethereum-style one (Initia's ethsecp256k1: last 20 bytes of Keccak-256 of the
// uncompressed key without its 0x04 byte) and the Cosmos one (RIPEMD160(SHA256(key))).
import { Bip39, EnglishMnemonic, Keccak256, Ripemd160, Secp256k1, Sha256, Slip10, Slip10Curve, stringToPath } from "@cosmjs/crypto";
import { toBech32, toHex } from "@cosmjs/encoding";

// TEST_MNEMONIC of tests/src/speculos.rs (a throwaway seed, never funded).
const mnemonic = new EnglishMnemonic("equip will roof matter pink blind book anxiety banner elbow sun young");
const seed = await Bip39.mnemonicToSeed(mnemonic);
for (const path of ["m/44'/60'/0'/0/0", "m/44'/118'/0'/0/0"]) {
  const { privkey } = Slip10.derivePath(Slip10Curve.Secp256k1, seed, stringToPath(path));
  const { pubkey } = await Secp256k1.makeKeypair(privkey);
  const compressed = Secp256k1.compressPubkey(pubkey);
  const eth = new Keccak256(pubkey.slice(1)).digest().slice(12);
  const cosmos = new Ripemd160(new Sha256(compressed).digest()).digest();
  console.log(JSON.stringify({
    path,
    public_key: toHex(compressed),
    init_eth_style: toBech32("init", eth),
    init_cosmos: toBech32("init", cosmos),
  }));
}
