import { bindingDeclarer } from '../../shared/operations';
import type { AkixiRequest, AkixiResponse } from '../client';

/** Declares an Akixi operation: its request, the reading of its answer and its paging are stated in place. */
export const declareAkixi = bindingDeclarer<AkixiRequest, AkixiResponse>();
