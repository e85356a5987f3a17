import { isAdministratorLabel, isPlainMapping, liveObjectId, objectIdAmongWords, plainLabel, readPlainLabel, writtenObjectId } from '../../../lib/private/pgaadauth-label';

// The pgaadauth label's writer and its readers: each reader keeps the spellings its caller accepted, and they differ on purpose.

const GUID = '00000000-0000-0000-0000-0000000000aa';

test('plainLabel writes the form Azure maps a principal with', () => {
  expect(plainLabel(GUID, 'service')).toBe(`aadauth,oid=${GUID},type=service`);
  expect(plainLabel('${var.oid}', 'group')).toBe('aadauth,oid=${var.oid},type=group');
});

describe('readPlainLabel (the rule pack reads a label DatabaseAccess writes)', () => {
  test('reads the object ID and type, its words in any case, the object ID whatever it holds', () => {
    expect(readPlainLabel(plainLabel(GUID, 'user'))).toEqual({ objectId: GUID, type: 'user' });
    expect(readPlainLabel(`AADAUTH,OID=${GUID},TYPE=Service`)).toEqual({ objectId: GUID, type: 'Service' });
    expect(readPlainLabel('aadauth,oid=a, b,type=x,type=group')).toEqual({ objectId: 'a, b,type=x', type: 'group' });
    expect(readPlainLabel('aadauth,oid=,type=user')).toEqual({ objectId: '', type: 'user' });
  });

  test.each([`aadauth,oid=${GUID},type=user,admin`, `aadauth,oid=${GUID},type=robot`, ` aadauth,oid=${GUID},type=user`, `aadauth, oid=${GUID},type=user`])('reads no plain label in %j', (text) => {
    expect(readPlainLabel(text)).toBeUndefined();
  });
});

describe('isPlainMapping (PGD-IAM-7)', () => {
  test.each([plainLabel(GUID, 'user'), `AadAuth,Oid=${GUID},Type=GROUP`, 'aadauth,oid=${var.oid},type=service', 'aadauth,oid=${join(",", [a])},type=user'])('accepts %j', (text) => {
    expect(isPlainMapping(text)).toBe(true);
  });

  test.each([
    `aadauth,oid=${GUID},type=user,admin`, 'aadauth,oid=,type=user', 'aadauth,oid=a b,type=user', 'aadauth,oid=a,b,type=user', 'aadauth,oid=x${var.oid},type=user',
    'aadauth,oid=${a}${b},type=user', 'aadauth,oid=${},type=user', `aadauth,oid=${GUID},type=robot`, ` aadauth,oid=${GUID},type=user`,
    // P75-2, R76-35: a literal that is not a GUID as Entra writes one.
    `aadauth,oid=${GUID.replace(/-/g, '')},type=user`, `aadauth,oid="${GUID}",type=user`, `aadauth,oid=${GUID}\u200b,type=user`, 'aadauth,oid=a,type=user',
  ])('refuses %j', (text) => {
    expect(isPlainMapping(text)).toBe(false);
  });
});

describe('objectIdAmongWords (PGD-IAM-13)', () => {
  test('reads the object ID wherever it stands, spaces and any case allowed, an expression kept whole, trimmed', () => {
    expect(objectIdAmongWords(`aadauth,type=user,oid=${GUID}`)).toBe(GUID);
    expect(objectIdAmongWords(` AADAUTH , OID = ${GUID} ,type=user`)).toBe(GUID);
    expect(objectIdAmongWords('aadauth,oid=${lookup(m, "a,b")},type=user')).toBe('${lookup(m, "a,b")}');
    expect(objectIdAmongWords(`aadauth,oid=${GUID},type=user,admin`)).toBe(GUID);
  });

  test.each(['aadauth,oid= ,type=user', 'aadauth,type=user', `oid=${GUID},aadauth`, `aad,oid=${GUID}`])('reads none in %j', (text) => {
    expect(objectIdAmongWords(text)).toBeUndefined();
  });
});

describe('writtenObjectId (the audit reads a stack\'s label)', () => {
  test('reads the object ID of the label as Azure and the stack spell it, with words after the type', () => {
    expect(writtenObjectId(plainLabel(GUID, 'user'))).toBe(GUID);
    expect(writtenObjectId(`aadauth,oid=${GUID},type=user,admin`)).toBe(GUID);
    expect(writtenObjectId(`aadauth,oid=${GUID},type=robot`)).toBe(GUID);
  });

  test.each([`AADAUTH,oid=${GUID},type=user`, `aadauth,oid=${GUID},type=User`, `aadauth,type=user,oid=${GUID}`, 'aadauth,oid=,type=user'])('reads none in %j', (text) => {
    expect(writtenObjectId(text)).toBeUndefined();
  });
});

describe('a label a server holds (the audit)', () => {
  test('liveObjectId reads the first "oid=", at the start or after a comma, whatever comes before', () => {
    expect(liveObjectId(`aadauth,oid=${GUID},type=user,admin`)).toBe(GUID);
    expect(liveObjectId(`oid=${GUID}`)).toBe(GUID);
    expect(liveObjectId('x,oid=a,oid=b')).toBe('a');
    expect(liveObjectId(`aadauth,OID=${GUID}`)).toBeUndefined();
    expect(liveObjectId(`aadauth, oid=${GUID}`)).toBeUndefined();
    expect(liveObjectId('aadauth,oid=,type=user')).toBeUndefined();
  });

  test('isAdministratorLabel: one of its words is "admin", exactly', () => {
    expect(isAdministratorLabel(`aadauth,oid=${GUID},type=user,admin`)).toBe(true);
    expect(isAdministratorLabel('admin')).toBe(true);
    expect(isAdministratorLabel(`aadauth,oid=${GUID},type=user,ADMIN`)).toBe(false);
    expect(isAdministratorLabel(`aadauth,oid=${GUID},type=user, admin`)).toBe(false);
    expect(isAdministratorLabel(plainLabel(GUID, 'user'))).toBe(false);
  });
});
