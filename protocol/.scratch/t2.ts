import { generateOxKey } from '../src/keys/generate.ts';
import { readPublicKey } from '../src/keys/read.ts';
const t0 = performance.now();
const k = await generateOxKey({ jid: 'Alice@Localhost' });
console.log(performance.now() - t0, k.fingerprint, k.publicKey.getUserIDs(), k.publicKey.getAlgorithmInfo(), k.publicKey.subkeys.map(s => s.getAlgorithmInfo()), k.publicKey.keyPacket.version);
const p = await readPublicKey(k.publicKey.write(), { jid: 'alice@localhost' });
console.log('ok', p.getFingerprint());
try { await readPublicKey(k.privateKey.write()); } catch (e) { console.log(e.code, e.message); }
try { await readPublicKey(k.publicKey.write(), { jid: 'bob@localhost' }); } catch (e) { console.log(e.code, e.message); }
console.log(k.privateKey.armor().length, k.publicKey.write().length);
