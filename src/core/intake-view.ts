/** What `intake` shows the clerk after each step: plain data, rendered in src/ui/intake-view.ts. */
import type {Checklist} from './checklist.js'
import type {Problem} from './problem.js'
import type {ReviewDocument} from './review-sheet.js'

export interface IntakeView {
  procedure: {code: string; name: string}
  checklist: Checklist
  /** As on the review sheet, without thumbnails. */
  documents: ReviewDocument[]
  issues: Problem[]
  /** Show ID numbers whole (the clerk asked). */
  reveal: boolean
}
