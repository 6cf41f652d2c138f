// Caps the uploads one client address runs at once: each open upload holds a socket to
// Prosody and a file being written, so a client trickling many uploads cannot hold them all.

export interface UploadLimiter {
  /** A release function when the address is under its cap, else undefined. */
  acquire(address: string): (() => void) | undefined;
  active(address: string): number;
}

export function createUploadLimiter(perAddress: number): UploadLimiter {
  const counts = new Map<string, number>();
  return {
    acquire(address) {
      const n = counts.get(address) ?? 0;
      if (n >= perAddress) return undefined;
      counts.set(address, n + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (counts.get(address) ?? 1) - 1;
        if (left <= 0) counts.delete(address);
        else counts.set(address, left);
      };
    },
    active: (address) => counts.get(address) ?? 0,
  };
}
