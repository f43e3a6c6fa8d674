const STORAGE_KEY = "growthos-segments.api-key";

/**
 * The workspace key: from a sign-in link (`/#key=...`, which never reaches the server's logs
 * because fragments are not sent) or from what was entered before.
 */
export function loadKey(): string | undefined {
  const fromLink = new URLSearchParams(window.location.hash.slice(1)).get("key");
  if (fromLink) {
    saveKey(fromLink);
    // Out of the address bar and the history, so the key is not shared with the URL.
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    return fromLink;
  }
  return localStorage.getItem(STORAGE_KEY) ?? undefined;
}

export function saveKey(key: string): void {
  localStorage.setItem(STORAGE_KEY, key);
}

export function forgetKey(): void {
  localStorage.removeItem(STORAGE_KEY);
}
