/**
 * Split: a page stack → documents (SPEC §2 step 4). Pure. With `auto`, a document ends at a
 * blank separator sheet and a new one starts on a page headed by a document kind's title or
 * on an ID-card page (the front and the back of one card stay together); with `per-file`,
 * each input file is one document. Blank pages never belong to a document: analyse lists
 * them as dropped.
 */
import type {AnalysisPage, PageGroup, SplitMode} from '../dossier.js'
import type {DocumentKind} from '../document-kind.js'
import {cardSide, isIdCardPayload, titleKindOnPage} from './classify.js'

export function splitPages<P extends AnalysisPage>(pages: readonly P[], mode: SplitMode, kinds: readonly DocumentKind[]): PageGroup<P>[] {
  return mode === 'per-file' ? splitPerFile(pages) : splitAuto(pages, kinds)
}

function splitPerFile<P extends AnalysisPage>(pages: readonly P[]): PageGroup<P>[] {
  const groups: PageGroup<P>[] = []
  let file: string | undefined
  for (const page of pages) {
    if (page.blank) continue
    if (groups.length === 0 || page.source.file !== file) groups.push({pages: [], reason: 'file'})
    file = page.source.file
    groups.at(-1)!.pages.push(page)
  }
  return groups
}

type Side = ReturnType<typeof cardSide>

function splitAuto<P extends AnalysisPage>(pages: readonly P[], kinds: readonly DocumentKind[]): PageGroup<P>[] {
  const cardKinds = kinds.filter((kind) => kind.hasQr || kind.sides)
  const groups: PageGroup<P>[] = []
  let afterSeparator = false
  // The side of the card the current document holds, while it is a one-page card.
  let openCard: Side | 'unknown' | undefined
  for (const page of pages) {
    if (page.blank) {
      afterSeparator = groups.length > 0
      openCard = undefined
      continue
    }
    const title = titleKindOnPage(page, kinds)
    const cardKind = title && cardKinds.includes(title.kind) ? title.kind : cardKinds.find((kind) => looksLikeCard(page, kind))
    const side: Side | 'unknown' | undefined = cardKind ? (cardSide(page, cardKind) ?? 'unknown') : undefined
    let reason: PageGroup<P>['reason'] | undefined
    if (groups.length === 0) reason = 'first-page'
    else if (afterSeparator) reason = 'separator'
    else if (side) reason = completesCard(openCard, side) ? undefined : 'id-card'
    else if (title) reason = 'title'
    if (reason) {
      groups.push({pages: [page], reason})
      openCard = side
    } else {
      groups.at(-1)!.pages.push(page)
      openCard = undefined
    }
    afterSeparator = false
  }
  return groups
}

/** A card page: its QR payload, its title at the top, or words of one of its sides. */
function looksLikeCard(page: AnalysisPage, kind: DocumentKind): boolean {
  if (kind.hasQr && (page.qr ?? []).some(isIdCardPayload)) return true
  return cardSide(page, kind) !== undefined
}

/** The page is the other side of the one-page card just before it: a front then a back, or a back then a front. */
function completesCard(open: Side | 'unknown' | undefined, side: Side | 'unknown'): boolean {
  return (open === 'front' && side === 'back') || (open === 'back' && side === 'front')
}
