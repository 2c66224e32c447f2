import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import type { SimHostAnswer, SimHostRequest } from '../simHost';

type Request = SimHostRequest extends infer R
	? R extends { id: number }
		? Omit<R, 'id'>
		: never
	: never;

/** The simulator host process of the bench (one for the whole run). */
class SimHost {
	private child?: ChildProcess;
	private next = 1;
	private readonly pending = new Map<
		number,
		{ resolve(value: unknown): void; reject(error: Error): void }
	>();

	private process(): ChildProcess {
		if (this.child) return this.child;
		// The bench is not part of the package; the simulators run beside the measured process.
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions
		const child = fork(path.join(__dirname, '..', 'simHost.js'), [], { stdio: 'inherit' });
		child.on('message', (answer: SimHostAnswer) => {
			const waiting = this.pending.get(answer.id);
			if (!waiting) return;
			this.pending.delete(answer.id);
			if (answer.ok) waiting.resolve(answer.value);
			else waiting.reject(new Error(answer.error));
		});
		child.once('exit', (code) => {
			for (const waiting of this.pending.values())
				waiting.reject(new Error(`the simulator host exited with code ${code}`));
			this.pending.clear();
			this.child = undefined;
		});
		this.child = child;
		return child;
	}

	ask<T>(request: Request): Promise<T> {
		const id = this.next++;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			this.process().send({ ...request, id });
		});
	}

	stop(): void {
		this.child?.disconnect();
	}
}

const host = new SimHost();

/** A transport's simulator running in the simulator host. */
export class RemoteSim {
	private constructor(
		private readonly handle: number,
		readonly url: string,
		readonly keys: string[],
	) {}

	static async start(transport: string, tls: boolean): Promise<RemoteSim> {
		const started = await host.ask<{ handle: number; url: string; keys: string[] }>({
			op: 'start',
			transport,
			tls,
		});
		return new RemoteSim(started.handle, started.url, started.keys);
	}

	/** TCP connections the simulator accepted so far. */
	connections(): Promise<number> {
		return host.ask({ op: 'connections', sim: this.handle });
	}

	counter(index: number): Promise<number> {
		return host.ask({ op: 'counter', sim: this.handle, index });
	}

	/** Hold every answer back `ms` milliseconds until cleared. */
	delayAnswers(ms: number): Promise<boolean> {
		return host.ask({ op: 'delay', sim: this.handle, ms });
	}

	clearFaults(): Promise<number> {
		return host.ask({ op: 'clearFaults', sim: this.handle });
	}

	seed(count: number): Promise<number> {
		return host.ask({ op: 'seed', sim: this.handle, count });
	}

	close(): Promise<boolean> {
		return host.ask({ op: 'close', sim: this.handle });
	}
}

/** Ends the simulator host once every simulator is closed. */
export function stopSimHost(): void {
	host.stop();
}
