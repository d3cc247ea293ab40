/**
 * The dossier-code port (SPEC §3.1): hands out `<agency>-<YYMMDD>-<NNNN>`, never the same
 * code twice. The local sequence file implements it (src/tools/dossier-code-allocator.ts);
 * a batch wraps it so that a resumed dossier keeps the code its journal already holds.
 */
import type {CalendarDay} from './calendar.js'

export interface CodeAllocator {
  allocate(agency: string, day: CalendarDay): Promise<string>
}
