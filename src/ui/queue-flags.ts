/** The flags of the commands that talk to the queue (`batch --queue`, `worker`, `batch status/retry --queue`, `code reseed`). */
import {Flags} from '@oclif/core'

const queueSummary = 'Redis of the queue and the shared code sequence: redis://host:port/db.'

export const queueFlag = Flags.string({summary: queueSummary, env: 'SOHOA_QUEUE'})

export const requiredQueueFlag = Flags.string({summary: queueSummary, env: 'SOHOA_QUEUE', required: true})

export const shareFlag = Flags.directory({
  summary: 'Shared storage root on this machine (NFS, SMB); inputs and outputs are named relative to it in jobs.',
  env: 'SOHOA_SHARE',
})

export const waitRedisFlag = Flags.integer({
  summary: 'Seconds to wait for Redis (first contact, or while it is away) before giving up with exit 7.',
  min: 1,
  default: 60,
  env: 'SOHOA_WAIT_REDIS',
})
