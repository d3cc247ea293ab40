import {batchMessages} from './batch.js'
import {commonMessages} from './common.js'
import {dossierMessages} from './dossier.js'
import {inputMessages} from './input.js'
import {intakeMessages} from './intake.js'
import {ocrMessages} from './ocr.js'
import {packageMessages} from './package.js'
import {preprocessMessages} from './preprocess.js'
import {procedureMessages} from './procedures.js'
import {queueMessages} from './queue.js'
import {reviewMessages} from './review.js'
import {scanMessages} from './scan.js'
import {signingMessages} from './signing.js'
import {standardsMessages} from './standards.js'
import type {MessageTable} from './types.js'

export type {Message, MessageTable} from './types.js'

/** Every user-facing message, by key. Each area keeps its own table in this folder. */
export const messages: MessageTable = {
  ...commonMessages,
  ...inputMessages,
  ...ocrMessages,
  ...packageMessages,
  ...preprocessMessages,
  ...standardsMessages,
  ...procedureMessages,
  ...dossierMessages,
  ...batchMessages,
  ...queueMessages,
  ...signingMessages,
  ...scanMessages,
  ...reviewMessages,
  ...intakeMessages,
}
