import { fromHex, toHex } from '../src/encoding.ts';
const k = await crypto.subtle.importKey('raw', fromHex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308'), 'AES-GCM', false, ['encrypt']);
const out = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: fromHex('cafebabefacedbaddecaf888') }, k, fromHex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255'));
console.log(toHex(new Uint8Array(out)));
const k0 = await crypto.subtle.importKey('raw', new Uint8Array(32), 'AES-GCM', false, ['encrypt']);
console.log(toHex(new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, k0, new Uint8Array(16)))));
