import { generateKeyPair, randomBytes, sign, type KeyObject } from 'node:crypto';

/** The self-signed certificate for `tls: true`, written in DER by hand (no openssl binary needed). */

export interface TlsIdentity {
	key: string;
	cert: string;
}

function derLength(length: number): Buffer {
	if (length < 0x80) return Buffer.from([length]);
	const bytes: number[] = [];
	for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
	return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function der(tag: number, ...content: Buffer[]): Buffer {
	const body = Buffer.concat(content);
	return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

const derSequence = (...content: Buffer[]) => der(0x30, ...content);

function derOid(oid: string): Buffer {
	const [first, second, ...rest] = oid.split('.').map(Number);
	const bytes = [first * 40 + second];
	for (const arc of rest) {
		const chunk = [arc & 0x7f];
		for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128))
			chunk.unshift(0x80 | (value & 0x7f));
		bytes.push(...chunk);
	}
	return der(0x06, Buffer.from(bytes));
}

function derUtcTime(date: Date): Buffer {
	const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14);
	return der(0x17, Buffer.from(`${text}Z`, 'ascii'));
}

const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const OID_COMMON_NAME = '2.5.4.3';
const OID_SUBJECT_ALT_NAME = '2.5.29.17';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';

/** A v3 certificate for CN=localhost (SAN localhost, 127.0.0.1, ::1), signed by its own RSA key. */
function selfSignedCertificate(spki: Buffer, privateKey: KeyObject): string {
	const algorithm = derSequence(derOid(OID_SHA256_WITH_RSA), Buffer.from([0x05, 0x00]));
	const name = derSequence(
		der(0x31, derSequence(derOid(OID_COMMON_NAME), der(0x0c, Buffer.from('localhost')))),
	);
	const serial = randomBytes(16);
	serial[0] = (serial[0] & 0x7f) | 0x40;
	const now = Date.now();
	const altNames = derSequence(
		der(0x82, Buffer.from('localhost', 'ascii')),
		der(0x87, Buffer.from([127, 0, 0, 1])),
		der(0x87, Buffer.concat([Buffer.alloc(15), Buffer.from([1])])),
	);
	const extensions = der(
		0xa3,
		derSequence(
			derSequence(
				derOid(OID_BASIC_CONSTRAINTS),
				Buffer.from([0x01, 0x01, 0xff]),
				der(0x04, derSequence()),
			),
			derSequence(derOid(OID_SUBJECT_ALT_NAME), der(0x04, altNames)),
		),
	);
	const tbs = derSequence(
		der(0xa0, der(0x02, Buffer.from([2]))),
		der(0x02, serial),
		algorithm,
		name,
		derSequence(derUtcTime(new Date(now - 3_600_000)), derUtcTime(new Date(now + 7 * 86_400_000))),
		name,
		spki,
		extensions,
	);
	const signature = sign('sha256', tbs, privateKey);
	const certificate = derSequence(tbs, algorithm, der(0x03, Buffer.from([0]), signature));
	const lines = certificate.toString('base64').match(/.{1,64}/g) ?? [];
	return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** One certificate per process, generated on first use. */
let identity: Promise<TlsIdentity> | undefined;

async function generateIdentity(): Promise<TlsIdentity> {
	const { publicKey, privateKey } = await new Promise<{
		publicKey: KeyObject;
		privateKey: KeyObject;
	}>((resolve, reject) =>
		generateKeyPair('rsa', { modulusLength: 2048 }, (error, pub, priv) =>
			error ? reject(error) : resolve({ publicKey: pub, privateKey: priv }),
		),
	);
	const spki = publicKey.export({ type: 'spki', format: 'der' });
	return {
		key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
		cert: selfSignedCertificate(spki, privateKey),
	};
}

/** The self-signed key and certificate the simulators serve HTTPS with (also for test peers such as proxies). */
export function tlsIdentity(): Promise<TlsIdentity> {
	if (!identity) {
		identity = generateIdentity();
		identity.catch(() => {
			identity = undefined;
		});
	}
	return identity;
}
