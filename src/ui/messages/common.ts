import type {MessageTable} from './types.js'

export const commonMessages = {
  'error.internal': {
    vi: 'Lỗi nội bộ: {detail}',
    en: 'Internal error: {detail}',
  },
  'error.unknown-code': {
    vi: 'Lỗi: {code}',
    en: 'Error: {code}',
  },
  'run.interrupted': {
    vi: 'Đã dừng theo yêu cầu (Ctrl-C); phần đã xong được giữ lại.',
    en: 'Interrupted (Ctrl-C); finished work is kept.',
  },
  'output.cannot-write': {
    vi: 'Không ghi được {file}: {reason}',
    en: 'Cannot write {file}: {reason}',
  },
  'output.read-only': {
    vi: 'Không ghi được {file}: thư mục chỉ đọc hoặc không có quyền ghi ({reason})',
    en: 'Cannot write {file}: the folder is read-only or not writable ({reason})',
  },
  'output.not-a-folder': {
    vi: 'Không ghi được {file}: đó (hoặc một thư mục cha) là một tệp, không phải thư mục',
    en: 'Cannot write {file}: it (or a folder above it) is a file, not a folder',
  },
  'usage.invalid': {
    vi: 'Sai cách dùng: {detail}',
    en: 'Usage error: {detail}',
  },
  'label.error': {vi: 'Lỗi', en: 'Error'},
  'label.warning': {vi: 'Cảnh báo', en: 'Warning'},
} satisfies MessageTable
