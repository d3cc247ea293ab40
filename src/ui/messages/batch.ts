import type {MessageTable} from './types.js'

/** `sohoa batch` and `sohoa batch status`. */
export const batchMessages = {
  'batch.locked': {
    vi: 'Thư mục {file} đang được một lượt batch khác dùng (tiến trình {pid}, từ {since}); chờ lượt đó xong hoặc chọn --out khác',
    en: '{file} is in use by another batch (process {pid}, since {since}); wait for it to finish or choose another --out',
  },
  'batch.out-not-folder': {
    vi: '{file} là một tệp, không phải thư mục; chọn --out khác',
    en: '{file} is a file, not a folder; choose another --out',
  },
  'batch.root-not-folder': {
    vi: '{file} không phải thư mục; batch cần một thư mục chứa các hồ sơ (hoặc dùng --manifest)',
    en: '{file} is not a folder; batch needs a folder of dossiers (or --manifest)',
  },
  'batch.root-required': {vi: 'Cần thư mục gốc <root> hoặc --manifest', en: 'Give the root folder <root> or --manifest'},
  'batch.procedure-required': {
    vi: 'Thiếu mã thủ tục: dùng --procedure (hoặc cột procedure trong --manifest)',
    en: 'The procedure is missing: give --procedure (or a procedure column in --manifest)',
  },
  'batch.no-dossiers': {vi: '{file} không có hồ sơ nào', en: '{file} holds no dossiers'},
  'batch.manifest-invalid': {
    vi: '{file} dòng {line}: không đọc được danh sách CSV ({detail})',
    en: '{file} line {line}: not a readable CSV manifest ({detail})',
  },
  'batch.manifest-row': {vi: '{file} dòng {line}: thiếu hoặc sai {detail}', en: '{file} line {line}: {detail} missing or invalid'},
  'batch.manifest-duplicate': {
    vi: '{file} dòng {line}: hồ sơ {input} đã có ở dòng trước',
    en: '{file} line {line}: {input} is listed twice',
  },
  'batch.link-loop': {vi: '{file}: liên kết tượng trưng vòng lặp', en: '{file}: a symbolic link that loops'},
  'batch.link-broken': {vi: '{file}: liên kết tượng trưng trỏ tới nơi không tồn tại', en: '{file}: a symbolic link to nothing'},
  'batch.link-outside-root': {
    vi: '{file}: liên kết trỏ ra ngoài thư mục gốc ({target}); không xử lý',
    en: '{file}: a link out of the batch root ({target}); not followed',
  },
  'batch.input-changed': {
    vi: '{file}: tệp đầu vào đã thay đổi sau khi đóng gói vào {bag}; kiểm tra lại (gói cũ giữ nguyên)',
    en: '{file}: the input changed after it was packaged into {bag}; check it (the old package is kept)',
  },
  'batch.bag-damaged': {
    vi: 'Gói {file} đã đóng trước đây nhưng không còn nguyên vẹn; chạy sohoa verify',
    en: 'Package {file} was made earlier but is no longer intact; run sohoa verify',
  },
  'batch.dossier-error': {vi: '{file}: lỗi không mong đợi ({detail})', en: '{file}: unexpected error ({detail})'},
  'batch.no-journal': {vi: '{file} không có nhật ký batch (.sohoa-batch)', en: '{file} has no batch journal (.sohoa-batch)'},
  'batch.summary': {
    vi: '{dossiers} hồ sơ: {packaged} hợp lệ, {invalid} chưa hợp lệ (đã đóng gói), {failed} lỗi, {changed} đổi đầu vào; {pages} trang, {seconds} giây ({rate} trang/phút)',
    en: '{dossiers} dossier(s): {packaged} valid, {invalid} invalid (packaged), {failed} failed, {changed} changed; {pages} page(s), {seconds} s ({rate} pages/min)',
  },
  'batch.reports': {vi: 'Báo cáo: {json} và {csv}', en: 'Report: {json} and {csv}'},
  'batch.status-running': {vi: 'Đang chạy (tiến trình {pid}, từ {since})', en: 'Running (process {pid}, since {since})'},
  'batch.status-finished': {vi: 'Đã xong', en: 'Finished'},
  'batch.status-stopped': {
    vi: 'Đã dừng giữa chừng; chạy lại cùng lệnh để tiếp tục',
    en: 'Stopped before the end; rerun the same command to resume',
  },
  'batch.status-counts': {
    vi: '{dossiers} hồ sơ: {packaged} hợp lệ, {invalid} chưa hợp lệ, {failed} lỗi, {pending} đang chờ; lượt chạy thứ {runs}',
    en: '{dossiers} dossier(s): {packaged} valid, {invalid} invalid, {failed} failed, {pending} pending; run {runs}',
  },
  'batch.progress': {vi: 'Hồ sơ', en: 'Dossiers'},
  'batch.column.input': {vi: 'Hồ sơ', en: 'Input'},
  'batch.column.status': {vi: 'Trạng thái', en: 'Status'},
  'batch.column.code': {vi: 'Mã hồ sơ', en: 'Dossier code'},
  'batch.column.pages': {vi: 'Trang', en: 'Pages'},
  'batch.column.reason': {vi: 'Ghi chú', en: 'Note'},
  'batch.status.packaged': {vi: 'hợp lệ', en: 'valid'},
  'batch.status.invalid': {vi: 'chưa hợp lệ', en: 'invalid'},
  'batch.status.failed': {vi: 'lỗi', en: 'failed'},
  'batch.status.changed': {vi: 'đổi đầu vào', en: 'input changed'},
  'batch.status.pending': {vi: 'đang chờ', en: 'pending'},
} satisfies MessageTable
