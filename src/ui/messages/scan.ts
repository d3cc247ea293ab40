import type {MessageTable} from './types.js'

export const scanMessages = {
  'config.not-a-choice': {
    vi: '{key} nhận một trong các giá trị {choices}, không phải "{value}"',
    en: '{key} takes one of {choices}, not "{value}"',
  },
  'scan.no-scanimage': {
    vi: 'Không tìm thấy chương trình {program} (SANE). Hãy cài gói {package}: apt-get install {package}',
    en: 'The {program} program (SANE) was not found. Install the {package} package: apt-get install {package}',
  },
  'scan.no-device': {
    vi: 'Không tìm thấy máy quét nào. Kiểm tra máy quét đã cắm, đã bật, rồi xem danh sách bằng: sohoa scan --list',
    en: 'No scanner found. Check that it is plugged in and switched on, then list devices with: sohoa scan --list',
  },
  'scan.device-failed': {
    vi: 'Máy quét {device} không dùng được: {detail}',
    en: 'Scanner {device} cannot be used: {detail}',
  },
  'scan.feeder-empty': {
    vi: 'Khay nạp giấy của máy quét {device} đang trống: hãy đặt giấy vào khay rồi quét lại',
    en: 'The document feeder of scanner {device} is empty: put the papers in the feeder and scan again',
  },
  'scan.jammed': {
    vi: 'Máy quét {device} bị kẹt giấy sau {pages} trang: gỡ tờ bị kẹt rồi quét tiếp từ tờ đó',
    en: 'Scanner {device} jammed after {pages} pages: clear the jammed sheet and scan again from it',
  },
  'scan.cover-open': {
    vi: 'Nắp máy quét {device} đang mở: đóng nắp rồi quét lại',
    en: 'The cover of scanner {device} is open: close it and scan again',
  },
  'scan.option-unsupported': {
    vi: 'Máy quét không có {option} "{value}"; máy này có: {values}',
    en: 'The scanner has no {option} "{value}"; it offers: {values}',
  },
  'scan.out-required': {
    vi: 'Cần --out <thư mục> để lưu các trang quét (hoặc --list để xem máy quét)',
    en: '--out <folder> is needed to store the scanned pages (or --list to see the scanners)',
  },
  'scan.bad-setting': {
    vi: 'Thiết lập {key} = "{value}" không hợp lệ: {expected}',
    en: 'Setting {key} = "{value}" is not valid: {expected}',
  },
  'scan.devices-none': {vi: 'Không có máy quét nào.', en: 'No scanners.'},
  'scan.device-line': {vi: '{name}  {vendor} {model} ({type})', en: '{name}  {vendor} {model} ({type})'},
  'scan.done': {
    vi: 'Đã quét {count} trang từ {device} vào {folder}',
    en: 'Scanned {count} pages from {device} into {folder}',
  },
  'scan.page': {vi: '  {file} ({dpi} dpi)', en: '  {file} ({dpi} dpi)'},
} satisfies MessageTable
