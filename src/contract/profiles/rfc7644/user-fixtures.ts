// The users and the group the profile creates: names carry the run's tag so filters never match anyone else's data.
import { GROUP_SCHEMA, USER_SCHEMA, type Json } from './answer-helpers.js';

export type FixtureUser = 'alpha' | 'bravo' | 'charlie';

/** The userName of a fixture user; sorted alpha < bravo < charlie, all starting with the tag. */
export function fixtureUserName(tag: string, who: FixtureUser): string {
  return `${tag}-${who}@example.org`;
}

/**
 * A fixture user's creation body. Alpha is the full one (title, two typed emails, a password that must never be
 * returned); bravo and charlie have only a work email, so `pr` and value-path filters can tell them apart.
 */
export function fixtureUserBody(tag: string, who: FixtureUser): Json {
  const userName = fixtureUserName(tag, who);
  const given = who[0]?.toUpperCase() + who.slice(1);
  const body: Json = {
    schemas: [USER_SCHEMA],
    userName,
    externalId: `${tag}-ext-${who}`,
    name: { givenName: given, familyName: 'Profile', formatted: `${given} Profile` },
    displayName: `${given} Profile`,
    active: true,
    emails: [{ value: `${tag}-${who}@work.example`, type: 'work', primary: true }],
  };
  if (who === 'alpha') {
    body.title = 'Conformance tester';
    body.password = 'Pr0file-Secret!';
    body.emails = [
      { value: `${tag}-alpha@work.example`, type: 'work', primary: true },
      { value: `${tag}-alpha@home.example`, type: 'home' },
    ];
  }
  return body;
}

/** The group's creation body: alpha as its first member. */
export function fixtureGroupBody(tag: string, alphaId: string): Json {
  return { schemas: [GROUP_SCHEMA], displayName: `${tag}-group`, members: [{ value: alphaId }] };
}
