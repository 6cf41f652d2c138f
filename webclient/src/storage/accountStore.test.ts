// The account store against an in-memory IndexedDB (fake-indexeddb): migrations, message
// merge rules, conversation summaries, paging, search, outbox, drafts, wrapped secrets.
import 'fake-indexeddb/auto';
import test from 'ava';
import { openAccountStore } from './accountStore.ts';
import { messageKey, type MessageRecord, searchText } from './schema.ts';
import { unwrapSecret, wrapSecret } from './keyVault.ts';

let n = 0;
async function fresh() {
  return openAccountStore(`test${n++}@example.org`);
}

function msg(peer: string, id: string, ts: number, extra: Partial<MessageRecord> = {}): MessageRecord {
  const body = extra.body ?? `body ${id}`;
  return { key: messageKey(peer, id), id, peer, dir: 'in', ts, body, security: 'ox', text: searchText(body, extra.subject), ...extra };
}

test('conversations are ordered by latest activity, with unread counts and previews', async (t) => {
  const s = await fresh();
  await s.putMessage(msg('bob@x', '1', 100));
  await s.putMessage(msg('carol@x', '2', 200, { body: 'hello   carol\nsecond line' }));
  await s.putMessage(msg('bob@x', '3', 300, { subject: 'Re: plans' }));
  const convs = await s.conversations();
  t.deepEqual(convs.map((c) => c.peer), ['bob@x', 'carol@x']);
  t.is(convs[0]!.unread, 2);
  t.is(convs[0]!.subject, 'Re: plans');
  t.is(convs[1]!.preview, 'hello carol second line');
  await s.setUnread('bob@x', 0);
  t.is((await s.conversation('bob@x'))!.unread, 0);
});

test('a message stored twice is counted once; a verified copy replaces a failed one', async (t) => {
  const s = await fresh();
  t.true((await s.putMessage(msg('bob@x', 'a', 10, { security: 'failed', body: '', failure: 'unknown-signer' }))).inserted);
  const again = await s.putMessage(msg('bob@x', 'a', 10, { body: 'now readable', archiveId: 'arch-1' }));
  t.false(again.inserted);
  t.is(again.record.security, 'ox');
  t.is(again.record.body, 'now readable');
  t.is((await s.conversation('bob@x'))!.unread, 1);
  t.true(await s.hasArchiveId('arch-1'));
});

test('delivery states never move backwards (except back to the queue)', async (t) => {
  const s = await fresh();
  await s.putMessage(msg('bob@x', 'o', 10, { dir: 'out', state: 'sending' }), { countUnread: false });
  await s.updateMessage('bob@x', 'o', { state: 'read' });
  await s.updateMessage('bob@x', 'o', { state: 'delivered' });
  t.is((await s.getMessage('bob@x', 'o'))!.state, 'read');
  await s.putMessage(msg('bob@x', 'o', 10, { dir: 'out', state: 'sent' }), { countUnread: false });
  t.is((await s.getMessage('bob@x', 'o'))!.state, 'read');
});

test('pages walk back through one conversation, oldest first within a page', async (t) => {
  const s = await fresh();
  await s.putMessages(Array.from({ length: 250 }, (_, i) => msg('bob@x', `m${i}`, 1000 + i)), { countUnread: false });
  await s.putMessage(msg('carol@x', 'c', 5000));
  const last = await s.page('bob@x', 100);
  t.is(last.length, 100);
  t.is(last[0]!.id, 'm150');
  t.is(last[99]!.id, 'm249');
  const older = await s.page('bob@x', 100, last[0]!.ts);
  t.is(older[99]!.id, 'm149');
  t.is((await s.page('bob@x', 100, 1000)).length, 0);
});

test('search finds decrypted text and subjects, newest first, never failed messages', async (t) => {
  const s = await fresh();
  await s.putMessage(msg('bob@x', '1', 1, { body: 'The Quarterly report' }));
  await s.putMessage(msg('carol@x', '2', 2, { body: 'no', subject: 'quarterly plans' }));
  await s.putMessage(msg('dave@x', '3', 3, { body: '', security: 'failed', text: '' }));
  t.deepEqual((await s.search('QUARTERLY')).map((m) => m.id), ['2', '1']);
  t.deepEqual(await s.search('   '), []);
});

test('outbox keeps order; drafts are saved and an empty draft is removed', async (t) => {
  const s = await fresh();
  await s.addToOutbox({ id: 'b', peer: 'bob@x', createdAt: 2 });
  await s.addToOutbox({ id: 'a', peer: 'bob@x', createdAt: 1 });
  t.deepEqual((await s.outbox()).map((o) => o.id), ['a', 'b']);
  await s.removeFromOutbox('a');
  t.deepEqual((await s.outbox()).map((o) => o.id), ['b']);
  await s.saveDraft({ peer: 'bob@x', to: 'bob@x', subject: '', body: 'half written' });
  t.is((await s.draft('bob@x'))!.body, 'half written');
  await s.saveDraft({ peer: 'bob@x', to: '', subject: '', body: '' });
  t.is(await s.draft('bob@x'), undefined);
});

test('secrets are stored wrapped with a non-extractable key', async (t) => {
  const s = await fresh();
  const secret = new TextEncoder().encode('-----BEGIN PGP PRIVATE KEY BLOCK-----');
  await s.setMeta('privateKey', await wrapSecret(secret));
  const stored = await s.getMeta<Awaited<ReturnType<typeof wrapSecret>>>('privateKey');
  t.false(stored!.wrappingKey.extractable);
  t.false(new Uint8Array(stored!.data).some((_, i, a) => i + 5 < a.length && a[i] === 45 && a[i + 1] === 45 && a[i + 2] === 45 && a[i + 3] === 45 && a[i + 4] === 45));
  t.deepEqual(await unwrapSecret(stored!), secret);
  const exported = await crypto.subtle.exportKey('raw', stored!.wrappingKey).then(() => true, () => false);
  t.false(exported);
});

test('messages sharing a one-second server stamp keep their arrival order, older pages go first', async (t) => {
  const s = await fresh();
  const stamp = 1_700_000_000_000;
  for (const id of ['a', 'b', 'c']) await s.putMessage(msg('bob@x', id, await s.orderedTs('bob@x', stamp, 'append')));
  for (const id of ['z', 'y']) await s.putMessage(msg('bob@x', id, await s.orderedTs('bob@x', stamp, 'prepend')), { countUnread: false });
  t.deepEqual((await s.page('bob@x', 10)).map((m) => m.id), ['y', 'z', 'a', 'b', 'c']);
  t.deepEqual((await s.page('bob@x', 10, (await s.getMessage('bob@x', 'a'))!.ts)).map((m) => m.id), ['y', 'z']);
  // A later stamp is kept as is.
  t.is(await s.orderedTs('bob@x', stamp + 5000, 'append'), stamp + 5000);
});
