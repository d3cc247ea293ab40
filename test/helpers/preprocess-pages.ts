/** Generated pages at analysis resolution, as plain grey pixels, for the preprocessing tests. */
import sharp from 'sharp'

import {type PageSpec, renderPage} from '../../scripts/lib/page-render.js'
import type {GreyImage} from '../../src/core/page/raster.js'

export const ANALYSIS_DPI = 150

export async function greyPage(spec: PageSpec): Promise<GreyImage> {
  const {data, info} = await sharp(await renderPage({dpi: ANALYSIS_DPI, ...spec}))
    .greyscale()
    .raw()
    .toBuffer({resolveWithObject: true})
  return {data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height}
}
