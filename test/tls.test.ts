import { TRANSPORTS } from '../bench/transports';
import type { BenchSim, BenchTransport } from '../bench/lib/types';
import { resetHttpClients } from '../nodes/shared/transport/http';
import { forgetWsdlClients } from '../nodes/shared/transport/wsdlClient';
import { runNode } from './harness';

/**
 * Every node transport against its simulator serving HTTPS with a self-signed certificate:
 * refused with a plain message and the "Ignore SSL Issues" hint while the credential checks
 * certificates, answered once it ignores them. The bench's transport table names the operation,
 * parameters and seeded keys of each.
 */

describe.each(TRANSPORTS.map((t) => [t.name, t] as const))(
	'%s over HTTPS',
	(_name, transport: BenchTransport) => {
		let sim: BenchSim;
		beforeAll(async () => {
			sim = await transport.start({ tls: true });
		});
		afterAll(async () => {
			await sim?.close();
			resetHttpClients();
			forgetWsdlClients();
		});

		const keys = () => transport.keys(sim).slice(0, 3);
		const run = (ignoreSslIssues: boolean) =>
			runNode({
				nodeType: transport.node.type(),
				parameters: transport.node.parameters,
				credentialTypes: transport.node.credentialTypes(),
				credentials: transport.node.credentials(sim.url, ignoreSslIssues),
				items: keys().map((key) => ({ key })),
			});

		it('the simulator serves https://', () => {
			expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
		});

		it('a self-signed certificate is refused with the Ignore SSL Issues hint', async () => {
			const result = await run(false);
			expect(result.error).toBeDefined();
			const text = `${result.error!.message} ${String(result.error!.description ?? '')}`;
			expect(result.error!.message).toMatch(/certificate|TLS|SSL/i);
			expect(text).toMatch(/Ignore SSL Issues/);
			expect(text).not.toMatch(/\[object Object\]|undefined/);
		});

		it('with Ignore SSL Issues every item is answered', async () => {
			const result = await run(true);
			expect(result.error).toBeUndefined();
			const items = result.items ?? [];
			expect(keys().length).toBeGreaterThan(0);
			expect(items).toHaveLength(keys().length);
			items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
			for (const item of items) expect(item.json.error).toBeUndefined();
		});
	},
);
