/** The sequence-file allocator lives in tools (it implements the core CodeAllocator port). */
export {
  allocateDossierCodes,
  type AllocateOptions,
  type AllocationResult,
  sequenceCodeAllocator,
  sequenceFile,
} from '../tools/dossier-code-allocator.js'
