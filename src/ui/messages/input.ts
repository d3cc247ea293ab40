import type {MessageTable} from './types.js'

/** Why an input file could not be read (exit 3). Every message names the file. */
export const inputMessages = {
  'input.not-found': {
    vi: 'Không tìm thấy tệp hoặc thư mục: {file}',
    en: 'No such file or folder: {file}',
  },
  'input.empty': {
    vi: 'Tệp rỗng (0 byte): {file}',
    en: 'File is empty (0 bytes): {file}',
  },
  'input.not-a-file': {
    vi: 'Không phải tệp thông thường: {file}',
    en: 'Not a regular file: {file}',
  },
  'input.unsupported-type': {
    vi: 'Không hỗ trợ loại tệp này (chỉ nhận JPEG, PNG, TIFF, PDF): {file}',
    en: 'Unsupported file type (JPEG, PNG, TIFF and PDF are accepted): {file}',
  },
  'input.not-an-image': {
    vi: 'Tệp không phải ảnh {expected} dù có đuôi .{extension}: {file}',
    en: 'Not a {expected} image although it ends in .{extension}: {file}',
  },
  'input.image-corrupt': {
    vi: 'Ảnh bị hỏng hoặc không đầy đủ (có thể bị cắt cụt): {file} ({detail})',
    en: 'Image is corrupt or incomplete (possibly truncated): {file} ({detail})',
  },
  'input.pdf-encrypted': {
    vi: 'PDF được mã hóa hoặc đặt mật khẩu, không đọc được: {file}',
    en: 'PDF is encrypted or password-protected and cannot be read: {file}',
  },
  'input.pdf-broken': {
    vi: 'PDF bị hỏng, không đọc được: {file} ({detail})',
    en: 'PDF is damaged and cannot be read: {file} ({detail})',
  },
  'input.pdf-no-pages': {
    vi: 'PDF không có trang nào: {file}',
    en: 'PDF has no pages: {file}',
  },
  'input.unreadable': {
    vi: 'Không đọc được {file}: {detail}',
    en: 'Cannot read {file}: {detail}',
  },
  'input.no-pages': {
    vi: 'Không có tệp trang nào trong {file} (thư mục rỗng); không có gì để số hóa',
    en: 'No page files in {file} (the folder is empty); nothing to digitise',
  },
  'input.symlink-not-followed': {
    vi: '{file} là liên kết tượng trưng (symbolic link); không đọc liên kết trừ khi dùng --follow-links',
    en: '{file} is a symbolic link; links are not followed unless you give --follow-links',
  },
  'input.symlink-loop': {
    vi: '{file} là liên kết tượng trưng vòng lặp (trỏ về chính nó), không đọc được',
    en: '{file} is a symbolic link loop (it leads back to itself) and cannot be read',
  },
  'input.symlink-broken': {
    vi: '{file} là liên kết tượng trưng trỏ tới tệp không tồn tại ({detail})',
    en: '{file} is a symbolic link to a file that does not exist ({detail})',
  },
  'input.special-file': {
    vi: '{file} không phải tệp trang ({kind}); chỉ đọc tệp thông thường trong thư mục hồ sơ',
    en: '{file} is not a page file ({kind}); only regular files in the dossier folder are read',
  },
  'input.page-undecodable': {
    vi: '{file} trang {page}: ảnh bị hỏng, không giải mã được ({detail}); trang không bị coi là trang trắng',
    en: '{file} page {page}: the image is damaged and cannot be decoded ({detail}); it is not a blank page',
  },
  'input.image-too-large': {
    vi: '{file}: ảnh quá lớn: {width}×{height} điểm ảnh, giới hạn {limit} megapixel',
    en: '{file}: image too large: {width}×{height} pixels, limit {limit} megapixels',
  },
  'input.pdf-page-too-large': {
    vi: '{file} trang {page}: trang quá lớn để dựng hình ({width}×{height} điểm ảnh ở {dpi} dpi, giới hạn {limit} megapixel)',
    en: '{file} page {page}: the page is too large to render ({width}×{height} pixels at {dpi} dpi, limit {limit} megapixels)',
  },
} satisfies MessageTable
