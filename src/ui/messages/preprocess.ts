import type {MessageTable} from './types.js'

/** Messages about what preprocessing did to pages: turns, straightening, borders, blank pages. */
export const preprocessMessages = {
  'preprocess.page-dropped': {
    vi: '{file} trang {page}: trang trắng, đã bỏ khỏi tài liệu (dùng --keep-blank để giữ)',
    en: '{file} page {page}: blank, left out of the document (use --keep-blank to keep it)',
  },
  'preprocess.all-blank': {
    vi: '{file}: mọi trang đều trắng; giữ nguyên các trang, không có chữ',
    en: '{file}: every page is blank; pages kept as they are, no text',
  },
  'preprocess.page-rotated': {
    vi: '{file} trang {page}: đã xoay {rotation}° cho đúng chiều',
    en: '{file} page {page}: turned {rotation}° to stand upright',
  },
  'preprocess.page-deskewed': {
    vi: '{file} trang {page}: trang nghiêng {skew}°, đã làm thẳng',
    en: '{file} page {page}: skewed {skew}°, straightened',
  },
  'preprocess.page-cropped': {
    vi: '{file} trang {page}: đã cắt viền tối của máy quét',
    en: '{file} page {page}: dark scanner border cut off',
  },
  'preprocess.orientation-uncertain': {
    vi: '{file} trang {page}: không chắc chiều trang (độ tin cậy {confidence}); để nguyên, cần kiểm tra',
    en: '{file} page {page}: orientation unclear (confidence {confidence}); left as scanned, please check',
  },
} satisfies MessageTable
