import { durationSeconds } from '../../lib/checks/administrator-policies';

// Nineteenth review, A19a-9: a policy's durations are read as ISO 8601 durations; anything else is not read as hardening.

test('reads ISO 8601 durations in days, hours, minutes and seconds, in any case', () => {
  expect(['PT8H', 'pt30m', 'P1D', 'P1DT2H', 'PT90S', ' P365D '].map(durationSeconds)).toEqual([8 * 3600, 1800, 86400, 93600, 90, 365 * 86400]);
});

test('reads no duration in other texts', () => {
  expect(['P', 'PT', '8 hours', 'P1Y', 'P1W', ''].map(durationSeconds)).toEqual(Array(6).fill(undefined));
});
