import { randomBytes, randomInt } from 'node:crypto';

/**
 * Identifier formats the Akixi samples show: Java-style unique IDs such as
 * `8789a59d877f5edd:4f6f3fbd:1722c661a1d:-7fad`, 32-hex session IDs and hex nonces.
 */

/** Signed hexadecimal, the way Java's UID prints its parts (`-7fad`, `4f6f3fbd`). */
function signedHex(value: number): string {
	return value < 0 ? `-${(-value).toString(16)}` : value.toString(16);
}

/** Generator of IDs in the Java UID style; one per simulator instance. */
export class UidGenerator {
	private readonly host = randomBytes(8).toString('hex');

	private readonly vm = signedHex(randomInt(-0x7fffffff, 0x7fffffff));

	private counter = -0x8000;

	next(): string {
		this.counter = this.counter >= 0x7fff ? -0x8000 : this.counter + 1;
		return `${this.host}:${this.vm}:${Date.now().toString(16)}:${signedHex(this.counter)}`;
	}
}

/** A session identifier: 32 upper-case hex digits, like the seed's `EFA4902A7F61D03E42BF3222B0A246BF`. */
export function newSessionId(): string {
	return randomBytes(16).toString('hex').toUpperCase();
}

export function newNonce(): string {
	return randomBytes(16).toString('hex');
}
