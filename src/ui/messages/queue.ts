import type {MessageTable} from './types.js'

/** `sohoa batch --queue`, `sohoa worker`, `batch status/retry --queue`, `code reseed`. */
export const queueMessages = {
  'queue.bad-url': {vi: '{value} không phải địa chỉ Redis (redis://máy:cổng/số)', en: '{value} is not a Redis URL (redis://host:port/db)'},
  'queue.redis-unreachable': {
    vi: 'Không kết nối được Redis tại {url} ({detail}); hãy khởi động redis-server hoặc kiểm tra --queue',
    en: 'Cannot reach Redis at {url} ({detail}); start redis-server or check --queue',
  },
  'queue.redis-lost': {
    vi: 'Mất kết nối Redis tại {url} quá {seconds} giây; các việc đã xếp hàng vẫn còn: chạy lại cùng lệnh khi Redis hoạt động lại để theo dõi tiếp',
    en: 'Lost Redis at {url} for more than {seconds} s; the queued jobs are kept: run the same command again once Redis is back to follow them',
  },
  'queue.sequence-lost': {
    vi:
      'Redis tại {url} đã mất dãy số mã hồ sơ (khóa đánh dấu không còn, trong khi {evidence} cho thấy đã cấp mã): Redis khởi động lại mà không lưu dữ liệu? ' +
      'Dựng lại bằng `sohoa code reseed --from <thư mục bag> --queue {url}`; không cấp mã nào để tránh trùng',
    en:
      'Redis at {url} has lost the dossier-code sequence (its marker key is gone while {evidence} shows codes were given): restarted without persistence? ' +
      'Rebuild it with `sohoa code reseed --from <bag folder> --queue {url}`; no code was given, so none is reused',
  },
  'queue.outside-share': {
    vi: '{file} không nằm trong thư mục dùng chung {share} (--share)',
    en: '{file} is not inside the shared folder {share} (--share)',
  },
  'queue.sign-on-worker': {
    vi: 'Với --queue, mỗi máy ký trên worker của nó: đưa cờ ký cho `sohoa worker`',
    en: 'With --queue, documents are signed on the workers: give the signing flags to `sohoa worker`',
  },
  'queue.queued': {vi: 'Đã xếp {count} hồ sơ vào hàng đợi {url}; đang chờ các worker…', en: 'Queued {count} dossiers on {url}; waiting for the workers…'},
  'queue.worker-ready': {
    vi: 'Worker {worker} nhận việc từ {url} ({jobs} luồng OCR, {concurrency} hồ sơ cùng lúc); Ctrl-C để trả việc và dừng',
    en: 'Worker {worker} taking jobs from {url} ({jobs} OCR workers, {concurrency} dossiers at once); Ctrl-C returns its jobs and stops',
  },
  'queue.job-done': {
    vi: '{id} → {code}: {pages} trang, {seconds} giây (nhận dạng {recognise}, phân tích {analyse}, đóng gói {finalise})',
    en: '{id} → {code}: {pages} pages, {seconds} s (recognise {recognise}, analyse {analyse}, finalise {finalise})',
  },
  'queue.job-adopted': {vi: '{id} → {code}: gói đã có sẵn, đã kiểm tra', en: '{id} → {code}: bag already in place, checked'},
  'queue.job-failed': {vi: '{id}: lỗi: {reason}', en: '{id}: failed: {reason}'},
  'queue.redis-waiting': {vi: 'Mất kết nối Redis tại {url}; đang chờ…', en: 'Lost Redis at {url}; waiting…'},
  'queue.redis-back': {vi: 'Đã kết nối lại Redis tại {url}', en: 'Redis at {url} is back'},
  'queue.returned': {vi: 'Đã trả {count} việc về hàng đợi', en: 'Returned {count} jobs to the queue'},
  'queue.worker-summary': {
    vi: 'Worker dừng: {done} hồ sơ xong, {failed} lỗi, {pages} trang trong {seconds} giây',
    en: 'Worker stopped: {done} dossiers done, {failed} failed, {pages} pages in {seconds} s',
  },
  'queue.status-counts': {
    vi: 'Hàng đợi {queue}: {waiting} chờ, {active} đang chạy, {completed} xong, {failed} lỗi, {delayed} hoãn',
    en: 'Queue {queue}: {waiting} waiting, {active} active, {completed} done, {failed} failed, {delayed} delayed',
  },
  'queue.retried': {vi: 'Đã xếp lại {count} việc', en: 'Re-enqueued {count} jobs'},
  'queue.status-needs-out': {
    vi: 'Cần <out> (batch cục bộ) hoặc --queue',
    en: 'Give <out> (a local batch) or --queue',
  },
  'code.reseeded': {
    vi: 'Đã dựng lại dãy số từ {bags} gói; số cuối: {counters}',
    en: 'Rebuilt the sequence from {bags} bags; last numbers: {counters}',
  },
} satisfies MessageTable
