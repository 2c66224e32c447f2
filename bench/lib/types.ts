import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	ICredentialType,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

/** What the bench needs from a running simulator. */
export interface BenchSim {
	readonly url: string;
	/** TCP connections accepted so far. */
	readonly connections: number;
	readonly faults: {
		add(fault: { kind: 'delay'; ms: number }, options: { times: number }): unknown;
		clear(): number;
	};
	close(): Promise<void>;
}

/** Where the node and the other clients send their requests. */
export interface Target {
	url: string;
	tls: boolean;
	/** The per-item values, used in turn (e.g. IDs of seeded records). */
	keys: readonly string[];
}

/** One HTTP request as it goes on the wire (for n8n's request helper and for the raw client). */
export interface WireRequest {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	url: string;
	headers: Record<string, string>;
	body?: string;
}

/** A Return All list the bench can make large by seeding the simulator's state. */
export interface BenchList {
	/** Adds `count` entries that the list parameters below return. */
	seed(sim: BenchSim, count: number): void;
	/** Node parameters of the list operation with Return All on. */
	parameters: INodeParameters;
}

/** A count kept by the simulator that a run of 1,000 items must keep small, e.g. WSDL downloads. */
export interface BenchCounter {
	name: string;
	read(sim: BenchSim): number;
	/** Drops what the node caches, so that the next run starts cold. */
	coldStart(): void;
	max: number;
}

/**
 * One row of the bench: a transport of a node, measured through one representative operation.
 * Adding a transport is adding one of these to `transports/index.ts`.
 */
export interface BenchTransport {
	/** Short name used in every output line, e.g. `akixi-xml`. */
	name: string;
	/** The operation measured, for the README table. */
	operation: string;
	/**
	 * Starts a fresh simulator, seeded for the operation. With `tls` it serves HTTPS with a
	 * generated certificate; a simulator that cannot answers on http:// and the HTTPS figures
	 * of the transport are left out.
	 */
	start(options: { tls: boolean }): Promise<BenchSim>;
	/** The per-item values the operation reads (used in turn), e.g. IDs the simulator was seeded with. */
	keys(sim: BenchSim): string[];
	node: {
		type(): INodeType;
		credentialTypes(): ICredentialType[];
		/** Credentials by type name for a simulator URL (Ignore SSL Issues on when `tls`). */
		credentials(url: string, tls: boolean): Record<string, ICredentialDataDecryptedObject>;
		/** Parameters of the operation; the per-item value comes from `$json.key`. */
		parameters: INodeParameters;
	};
	/** The request the node makes for one item, built by hand (n8n's request helper and the raw client send it). */
	request(url: string, key: string, index: number): WireRequest;
	/** Whether the answer is JSON (n8n's request helper parses it, like the HTTP Request node). */
	json: boolean;
	/**
	 * XML rows: the same call as a user makes it without the pack, with n8n's HTTP Request node
	 * (its body written by an expression from the item: `{{ $json.key }}`), whose answer n8n's XML
	 * node then turns into JSON. The HTTP Request node's parameters for a simulator URL (the bench
	 * adds Ignore SSL Issues over HTTPS).
	 */
	httpRequestNode?(url: string): INodeParameters;
	/** Whether the XML node's output for an item is the operation's successful answer for `key`. */
	httpRequestAnswered?(json: IDataObject, key: string): boolean;
	list?: BenchList;
	counters?: BenchCounter[];
	/**
	 * Whether this row runs the scenarios that measure the node rather than the transport
	 * (concurrency and 10,000 items); default true, false where a sibling row of the same node does.
	 */
	nodeScenarios?: boolean;
}
