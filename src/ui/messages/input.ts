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
} satisfies MessageTable
