import {
	bindingDeclarer,
	type OperationBinding,
	type ResourceEntry,
} from '../../shared/operations';
import type { JtelRequest, JtelResponse } from '../client';

/** Declares a jtel operation: its request and the reading of its answer are stated in place. */
export const declareJtel = bindingDeclarer<JtelRequest, JtelResponse>();

/** One operation of a resource module, as {@link declareJtel} takes it (without the resource). */
export type JtelEntry = ResourceEntry<OperationBinding<JtelRequest, JtelResponse>>;
