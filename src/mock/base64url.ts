// Base64url of UTF-8 text both ways without node:* (mock/ runs in browsers and msw too): btoa/atob only speak Latin-1.

const CHUNK = 0x8000;

/** Encodes text as base64url (no padding) of its UTF-8 bytes; any Unicode string is accepted. */
export function encodeBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  // fromCharCode over a whole large array overflows the argument limit; chunks keep it flat.
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64 or base64url to UTF-8 text; undefined when it is not base64 or not valid UTF-8. */
export function decodeBase64Url(encoded: string): string | undefined {
  try {
    const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
