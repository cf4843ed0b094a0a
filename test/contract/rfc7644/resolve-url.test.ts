// Where the profile sends a request: the base's paths and the target's own URLs, never another origin.
import { describe, expect, it } from 'vitest';
import { resolveUrl } from '../../../src/contract/profiles/rfc7644/resolve-url.js';

const base = 'https://scim.example.com/scim/v2';

describe('resolveUrl', () => {
  it("puts the profile's own paths under the base URL", () => {
    expect(resolveUrl(base, '/Users?count=1')).toBe('https://scim.example.com/scim/v2/Users?count=1');
  });

  it('follows a relative Location that already carries the base path, and an absolute one on the same origin', () => {
    expect(resolveUrl(base, '/scim/v2/Users/1')).toBe('https://scim.example.com/scim/v2/Users/1');
    expect(resolveUrl(base, 'https://scim.example.com/scim/v2/Groups/9')).toBe('https://scim.example.com/scim/v2/Groups/9');
  });

  it('never follows a URL on another origin (the request would carry the credentials there)', () => {
    expect(resolveUrl(base, 'https://evil.example/steal')).toBeUndefined();
    expect(resolveUrl(base, '//evil.example/steal')).toBeUndefined();
    expect(resolveUrl(base, 'http://scim.example.com/scim/v2/Users/1')).toBeUndefined();
    expect(resolveUrl(base, 'javascript:alert(1)')).toBeUndefined();
  });
});
