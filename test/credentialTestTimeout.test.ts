import { CREDENTIAL_TEST_TIMEOUT_MS, credentialTestTimeout } from '../nodes/shared/operations';

/** Every node's credential Test button waits at most the same time, whatever the credential's own timeout. */
describe('credential test timeout', () => {
	it.each([
		[undefined, CREDENTIAL_TEST_TIMEOUT_MS],
		[0, CREDENTIAL_TEST_TIMEOUT_MS],
		[-1, CREDENTIAL_TEST_TIMEOUT_MS],
		[5000, 5000],
		[CREDENTIAL_TEST_TIMEOUT_MS, CREDENTIAL_TEST_TIMEOUT_MS],
		[120_000, CREDENTIAL_TEST_TIMEOUT_MS],
	])('a credential timeout of %p waits %p ms', (configured, expected) => {
		expect(credentialTestTimeout(configured)).toBe(expected);
	});

	it('the cap is 15 s', () => {
		expect(CREDENTIAL_TEST_TIMEOUT_MS).toBe(15_000);
	});
});
