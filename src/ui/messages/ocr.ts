import type {MessageTable} from './types.js'

export const ocrMessages = {
  'ocr.progress': {vi: 'Nhận dạng chữ (OCR)', en: 'Recognising text (OCR)'},
  'ocr.page-has-text': {
    vi: '{file} trang {page}: đã có lớp chữ, không OCR lại (dùng --force-ocr để OCR)',
    en: '{file} page {page}: already has a text layer, not OCRed again (use --force-ocr)',
  },
  'ocr.file-done': {
    vi: '{file}: {pages} trang, độ tin cậy trung bình {confidence}% → {output}',
    en: '{file}: {pages} page(s), mean confidence {confidence}% → {output}',
  },
  'ocr.file-done-unread': {
    vi: '{file}: {pages} trang, giữ nguyên lớp chữ có sẵn (không OCR) → {output}',
    en: '{file}: {pages} page(s), existing text kept (no OCR) → {output}',
  },
  'ocr.file-blank': {
    vi: '{file}: cả {pages} trang đều trắng (mặt sau để trống) nên bỏ qua, không tạo tệp; dùng --keep-blank để giữ',
    en: '{file}: all {pages} page(s) blank (a blank back), left out with no output; --keep-blank keeps them',
  },
  'ocr.summary': {
    vi: 'Xong {ok}/{total} tệp trong {seconds} giây.',
    en: 'Done {ok}/{total} file(s) in {seconds} s.',
  },
  'ocr.tesseract-missing': {
    vi: 'Thiếu dữ liệu OCR ({detail}); chạy lại "npm ci".',
    en: 'OCR data is missing ({detail}); run "npm ci" again.',
  },
  'ocr.output-is-input': {
    vi: 'Không ghi đè tệp đầu vào {input}: kết quả {file} sẽ thay thế nó; hãy chọn thư mục --out khác',
    en: 'Not writing over the input {input}: the output {file} is also an input; choose another --out folder',
  },
  'ocr.output-exists': {
    vi: 'Đã có {file} (kết quả của {input}); không ghi đè, dùng --force để thay thế',
    en: '{file} already exists (the output of {input}); not overwritten, give --force to replace it',
  },
  'ocr.timeout': {
    vi: '{file} trang {page}: OCR quá {seconds} giây, bỏ qua (tăng --timeout-per-page nếu trang lớn)',
    en: '{file} page {page}: OCR took over {seconds} s and was given up (raise --timeout-per-page for large pages)',
  },
  'ocr.failed': {
    vi: '{file} trang {page}: bộ OCR gặp lỗi ({detail}); đã thay bộ OCR khác',
    en: '{file} page {page}: the OCR worker failed ({detail}); it was replaced',
  },
} satisfies MessageTable
