// The key directory in MongoDB. Without multi-document transactions (a standalone server has
// none), `commit` appends the log entries first: their unique `_id` (seq) and
// `address`+`addressSeq` make a concurrent writer fail instead of forking the chain. Records
// follow; if the process dies in between, the next sync of that address rewrites them.
import type { DirectorySignerRecord, KeyLogEntry, KeyRecord, KeyRefusalRecord } from '../records.ts';
import { DuplicateKeyError, type KeyQuery, type KeyRepository } from '../store.ts';
import {
  escapeRegex,
  isDuplicateKey,
  type DirectoryKeyDoc,
  type DirectoryLogDoc,
  type DirectoryRefusalDoc,
  type DirectorySignerDoc,
  type Models,
} from './models.ts';

const MAX_REFUSALS_PER_ADDRESS = 32;

const keyId = (address: string, fingerprint: string) => `${address} ${fingerprint}`;

const toKey = ({ _id: _ignored, keyData, ...r }: DirectoryKeyDoc): KeyRecord => {
  const bytes = keyData as unknown as Buffer | { buffer: Buffer };
  const buf = Buffer.isBuffer(bytes) ? bytes : bytes.buffer; // lean() may hand out a BSON Binary
  return {
    address: r.address,
    fingerprint: r.fingerprint,
    keyData: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength),
    keyHash: r.keyHash,
    createdAt: r.createdAt,
    firstSeenAt: r.firstSeenAt,
    lastSeenAt: r.lastSeenAt,
    source: r.source,
    wkdHash: r.wkdHash ?? null,
    removedAt: r.removedAt ?? null,
    compromisedAt: r.compromisedAt ?? null,
    compromisedReason: r.compromisedReason ?? null,
  };
};

const toEntry = ({ _id, ...r }: DirectoryLogDoc): KeyLogEntry => ({
  seq: _id,
  address: r.address,
  addressSeq: r.addressSeq,
  at: r.at,
  action: r.action,
  fingerprint: r.fingerprint,
  previousFingerprint: r.previousFingerprint ?? null,
  keyHash: r.keyHash ?? null,
  reason: r.reason ?? null,
  prevHash: r.prevHash,
  prevGlobalHash: r.prevGlobalHash,
  hash: r.hash,
  signer: r.signer,
  signature: r.signature,
});

const toRefusal = ({ _id: _ignored, ...r }: DirectoryRefusalDoc): KeyRefusalRecord => ({ ...r });
const toSigner = ({ _id, ...r }: DirectorySignerDoc): DirectorySignerRecord => ({ id: _id, ...r });

export function mongoKeys({ DirectoryKey, DirectoryAddress, DirectoryLog, DirectoryRefusal, DirectorySigner }: Models): KeyRepository {
  return {
    async commit(change) {
      if (change.entries.length > 0) {
        const last = await DirectoryLog.findOne().sort({ _id: -1 }).lean<DirectoryLogDoc>().exec();
        let expected = (last?._id ?? 0) + 1;
        for (const { seq, ...rest } of change.entries) {
          if (seq !== expected) throw new DuplicateKeyError(`log entry ${seq} (the head moved)`);
          expected++;
          try {
            await DirectoryLog.create({ _id: seq, ...rest });
          } catch (err) {
            if (isDuplicateKey(err)) throw new DuplicateKeyError(`log entry ${seq}`);
            throw err;
          }
        }
      }
      if (change.records.length > 0) {
        await DirectoryKey.bulkWrite(
          change.records.map((k) => ({
            replaceOne: {
              filter: { _id: keyId(k.address, k.fingerprint) },
              replacement: { ...k, _id: keyId(k.address, k.fingerprint), keyData: Buffer.from(k.keyData) },
              upsert: true,
            },
          })),
        );
      }
      if (change.checkedAt) {
        await DirectoryAddress.updateOne({ _id: change.address }, { $set: { checkedAt: change.checkedAt } }, { upsert: true }).exec();
      }
    },
    async current(address) {
      const docs = await DirectoryKey.find({ address, removedAt: null }).sort({ firstSeenAt: 1, fingerprint: 1 }).lean<DirectoryKeyDoc[]>().exec();
      return docs.map(toKey);
    },
    async history(address) {
      const docs = await DirectoryKey.find({ address }).sort({ firstSeenAt: 1, fingerprint: 1 }).lean<DirectoryKeyDoc[]>().exec();
      return docs.map(toKey);
    },
    async byFingerprint(fingerprint) {
      const docs = await DirectoryKey.find({ fingerprint, removedAt: null }).sort({ address: 1 }).lean<DirectoryKeyDoc[]>().exec();
      return docs.map(toKey);
    },
    async byWkdHash(hash) {
      const docs = await DirectoryKey.find({ wkdHash: hash, removedAt: null }).sort({ address: 1, firstSeenAt: 1 }).lean<DirectoryKeyDoc[]>().exec();
      return docs.map(toKey);
    },
    async list(q: KeyQuery) {
      const filter: Record<string, unknown> = {
        removedAt: null,
        ...(q.search ? { address: { $regex: escapeRegex(q.search.toLowerCase()) } } : {}),
        ...(q.compromised === undefined ? {} : { compromisedAt: q.compromised ? { $ne: null } : null }),
      };
      const [docs, total] = await Promise.all([
        DirectoryKey.find(filter).sort({ address: 1, fingerprint: 1 }).skip(q.offset).limit(q.limit).lean<DirectoryKeyDoc[]>().exec(),
        DirectoryKey.countDocuments(filter).exec(),
      ]);
      return { items: docs.map(toKey), total };
    },
    async checkedAt(address) {
      const doc = await DirectoryAddress.findById(address).lean<{ checkedAt: Date }>().exec();
      return doc?.checkedAt;
    },
    async log(address, options = {}) {
      const docs = await DirectoryLog.find({ address, addressSeq: { $gt: options.afterAddressSeq ?? 0 } })
        .sort({ addressSeq: 1 })
        .limit(options.limit ?? 10_000)
        .lean<DirectoryLogDoc[]>()
        .exec();
      return docs.map(toEntry);
    },
    async addressHead(address) {
      const doc = await DirectoryLog.findOne({ address }).sort({ addressSeq: -1 }).lean<DirectoryLogDoc>().exec();
      return doc ? toEntry(doc) : undefined;
    },
    async head() {
      const doc = await DirectoryLog.findOne().sort({ _id: -1 }).lean<DirectoryLogDoc>().exec();
      return doc ? toEntry(doc) : undefined;
    },
    async logRange(q) {
      const docs = await DirectoryLog.find({ _id: { $gt: q.afterSeq } }).sort({ _id: 1 }).limit(q.limit).lean<DirectoryLogDoc[]>().exec();
      return docs.map(toEntry);
    },
    async recordRefusal(r) {
      await DirectoryRefusal.replaceOne({ _id: keyId(r.address, r.fingerprint) }, { ...r, _id: keyId(r.address, r.fingerprint) }, { upsert: true }).exec();
      const stale = await DirectoryRefusal.find({ address: r.address }).sort({ at: -1, fingerprint: 1 }).skip(MAX_REFUSALS_PER_ADDRESS).select({ _id: 1 }).lean<Array<{ _id: string }>>().exec();
      if (stale.length > 0) await DirectoryRefusal.deleteMany({ _id: { $in: stale.map((d) => d._id) } }).exec();
    },
    async refusals(address) {
      const docs = await DirectoryRefusal.find({ address }).sort({ at: -1, fingerprint: 1 }).lean<DirectoryRefusalDoc[]>().exec();
      return docs.map(toRefusal);
    },
    async addSigner(s) {
      const { id, ...rest } = s;
      await DirectorySigner.updateOne({ _id: id }, { $setOnInsert: rest }, { upsert: true }).exec();
    },
    async signers() {
      const docs = await DirectorySigner.find().sort({ createdAt: 1, _id: 1 }).lean<DirectorySignerDoc[]>().exec();
      return docs.map(toSigner);
    },
  };
}
