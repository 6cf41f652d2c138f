// Small promise helpers over IndexedDB (no library): open with numbered migrations, and
// request/transaction completion as promises.

export type Migration = (db: IDBDatabase, tx: IDBTransaction) => void;

/** Opens `name`, running migrations[oldVersion..] in order (migration i brings version i+1). */
export function openDatabase(name: string, migrations: readonly Migration[], factory: IDBFactory = indexedDB): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, migrations.length);
    request.onupgradeneeded = (event) => {
      const db = request.result;
      const tx = request.transaction!;
      for (let v = event.oldVersion; v < migrations.length; v++) migrations[v]!(db, tx);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the schema: let it proceed.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error(`database ${name} is blocked by another tab`));
  });
}

export function req<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

export function deleteDatabase(name: string, factory: IDBFactory = indexedDB): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}
