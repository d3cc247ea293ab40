import type {MessageTable} from './types.js'

/**
 * Codes (SPEC §3.1–3.4, §3.7), the personal ID and the ID-card QR payload (§3.5–3.6),
 * the dossier-code sequence. A key ending in `.hint` says how to fix what its key reports.
 */
export const standardsMessages = {
  'code.procedure.format': {
    vi: 'Mã thủ tục không đúng dạng d.dddddd: {value}',
    en: 'Procedure code is not of the form d.dddddd: {value}',
  },
  'code.procedure.format.hint': {vi: 'Ví dụ: 1.001193', en: 'For example 1.001193'},
  'code.procedure.agency': {
    vi: 'Phần mã cơ quan sau mã thủ tục không hợp lệ: {value}',
    en: 'The agency suffix of the procedure code is not an agency code: {value}',
  },
  'code.procedure.agency.hint': {vi: 'Ví dụ: 1.001193.000.00.00.H56', en: 'For example 1.001193.000.00.00.H56'},
  'code.agency.format': {
    vi: 'Mã cơ quan không hợp lệ: {value}',
    en: 'Not an agency code: {value}',
  },
  'code.agency.format.hint': {
    vi: 'Dùng dạng 000.00.00.H56 (QCVN 102:2016) hoặc H56.24 (QĐ 20/2020/QĐ-TTg)',
    en: 'Use 000.00.00.H56 (QCVN 102:2016) or H56.24 (QĐ 20/2020/QĐ-TTg)',
  },
  'code.dossier.format': {
    vi: 'Mã hồ sơ không đúng dạng <mã cơ quan>-<YYMMDD>-<NNNN>: {value}',
    en: 'Dossier code is not of the form <agency>-<YYMMDD>-<NNNN>: {value}',
  },
  'code.dossier.format.hint': {vi: 'Ví dụ: 000.00.00.H56-240315-0001', en: 'For example 000.00.00.H56-240315-0001'},
  'code.dossier.date': {vi: 'Ngày tiếp nhận trong mã hồ sơ không có thật: {value}', en: 'The reception date in the dossier code does not exist: {value}'},
  'code.dossier.date.hint': {vi: 'Ngày viết YYMMDD, ví dụ 240315', en: 'Write the date as YYMMDD, e.g. 240315'},
  'code.sequence.range': {vi: 'Số thứ tự {value} nằm ngoài khoảng 1–{max}', en: 'Sequence number {value} is outside 1–{max}'},
  'code.sequence.exhausted': {
    vi: 'Đã hết số thứ tự hồ sơ ({max}) của {agency} trong ngày {day}',
    en: 'No dossier numbers left ({max}) for {agency} on {day}',
  },
  'code.result.format': {vi: 'Mã kết quả không đúng dạng <mã hồ sơ>-KQ<n>: {value}', en: 'Result code is not of the form <dossier code>-KQ<n>: {value}'},
  'code.result.format.hint': {vi: 'Ví dụ: 000.00.00.H56-240315-0001-KQ1', en: 'For example 000.00.00.H56-240315-0001-KQ1'},
  'code.digitisation.format': {vi: 'Mã số hóa không đúng dạng: {value}', en: 'Digitisation code is malformed: {value}'},
  'code.digitisation.format.hint': {
    vi: '<số định danh>.<mã thủ tục>.<mã thành phần>.<NN> hoặc <số định danh>.<mã loại kết quả>.<số văn bản>.<NN>',
    en: '<owner ID>.<procedure code>.<component code>.<NN> or <owner ID>.<result-type code>.<document number>.<NN>',
  },
  'code.owner.format': {vi: 'Mã chủ sở hữu không hợp lệ: {value}', en: 'Not an owner ID: {value}'},
  'code.owner.format.hint': {
    vi: 'Số định danh cá nhân 12 chữ số, mã số thuế hoặc mã cơ quan',
    en: 'A 12-digit personal ID, a tax code or an agency code',
  },
  'code.component.format': {vi: 'Mã thành phần hồ sơ không hợp lệ: {value}', en: 'Not a component code: {value}'},
  'code.component.format.hint': {
    vi: 'Mã chính thức dạng 000.00.00.G15-KQ004389, hoặc mã nội bộ dạng TP01',
    en: 'An official code like 000.00.00.G15-KQ004389, or a local one like TP01',
  },
  'code.document-number.format': {vi: 'Số văn bản không dùng được trong mã: {value}', en: 'Document number cannot be used in a code: {value}'},
  'code.document-number.format.hint': {vi: 'Chỉ chữ hoa không dấu, chữ số và dấu gạch ngang (125-2024-QD-UBND)', en: 'Upper-case ASCII letters, digits and hyphens only (125-2024-QD-UBND)'},

  'code.unrecognised': {vi: 'Không nhận ra dạng mã: {value}', en: 'Not a code of any known format: {value}'},
  'code.unrecognised.hint': {
    vi: 'Mã hồ sơ 000.00.00.H56-240315-0001, mã kết quả …-KQ1, mã số hóa, mã thủ tục 1.001193, mã loại kết quả KQ.G15.000031 hoặc mã cơ quan',
    en: 'A dossier code 000.00.00.H56-240315-0001, result code …-KQ1, digitisation code, procedure code 1.001193, result-type code KQ.G15.000031 or agency code',
  },
  'code.bad-date': {vi: 'Ngày phải theo dạng YYYY-MM-DD: {value}', en: 'The date must be YYYY-MM-DD: {value}'},
  'code.kind.dossier': {vi: 'Mã hồ sơ', en: 'Dossier code'},
  'code.kind.result': {vi: 'Mã kết quả', en: 'Result code'},
  'code.kind.component-digitisation': {vi: 'Mã số hóa thành phần hồ sơ', en: 'Digitisation code of a component'},
  'code.kind.result-digitisation': {vi: 'Mã số hóa kết quả', en: 'Digitisation code of a result'},
  'code.kind.procedure': {vi: 'Mã thủ tục hành chính', en: 'Procedure code'},
  'code.kind.result-type': {vi: 'Mã loại kết quả', en: 'Result-type code'},
  'code.kind.agency': {vi: 'Mã cơ quan', en: 'Agency code'},

  'citizen-id.not-digits': {vi: 'Số định danh chỉ gồm chữ số: {value}', en: 'An ID number has digits only: {value}'},
  'citizen-id.length': {vi: 'Số định danh cá nhân có 12 chữ số, ở đây có {length}', en: 'A personal ID has 12 digits, this one has {length}'},
  'citizen-id.unknown-province': {vi: 'Mã tỉnh nơi đăng ký khai sinh {province} không có trong bảng mã', en: 'Birth-registration province code {province} is not in the table'},
  'citizen-id.unknown-province.hint': {vi: 'Ba chữ số đầu là mã tỉnh (Thông tư 07/2016/TT-BCA), ví dụ 001 Hà Nội', en: 'The first three digits are the province (Thông tư 07/2016/TT-BCA), e.g. 001 Hà Nội'},
  'citizen-id.future-birth-year': {vi: 'Năm sinh {birthYear} suy ra từ số định danh ở tương lai', en: 'Birth year {birthYear} read from the ID is in the future'},
  'citizen-id.future-birth-year.hint': {vi: 'Chữ số thứ tư: 0/1 thế kỷ 20, 2/3 thế kỷ 21', en: 'The fourth digit: 0/1 for the 1900s, 2/3 for the 2000s'},
  'citizen-id.cmnd-format': {vi: 'Số CMND cũ có 9 chữ số: {value}', en: 'An old ID card (CMND) number has 9 digits: {value}'},
  'citizen-id.birth-year-mismatch': {
    vi: 'Số định danh cho năm sinh {idBirthYear}, nhưng ngày sinh là {dateOfBirth}',
    en: 'The ID says born in {idBirthYear}, but the date of birth is {dateOfBirth}',
  },
  'citizen-id.gender-mismatch': {
    vi: 'Số định danh cho giới tính {idGender}, nhưng giấy tờ ghi {gender}',
    en: 'The ID says {idGender}, but the document says {gender}',
  },
  'citizen-id.unrecognised': {
    vi: 'Không phải số định danh 12 số, CMND 9 số hay nội dung mã QR căn cước: {value}',
    en: 'Neither a 12-digit personal ID, a 9-digit CMND nor an ID-card QR payload: {value}',
  },

  'qr.field-count': {vi: 'Mã QR có {count} trường; cần 6 hoặc 7 trường ngăn bởi "|"', en: 'QR payload has {count} field(s); 6 or 7 separated by "|" are expected'},
  'qr.field-count.hint': {
    vi: 'Dạng: số định danh|CMND cũ|họ tên|ngày sinh|giới tính|nơi thường trú|ngày cấp',
    en: 'Layout: ID|old CMND|full name|date of birth|gender|permanent address|issue date',
  },
  'qr.stray-character': {vi: 'Mã QR có ký tự lạ {character} ở vị trí {position}', en: 'QR payload has a stray character {character} at position {position}'},
  'qr.stray-character.hint': {vi: 'Đọc lại mã QR; máy quét có thể đã chèn ký tự điều khiển', en: 'Read the QR code again; the scanner may have inserted control characters'},
  'qr.missing-field': {vi: 'Mã QR thiếu trường {field}', en: 'QR payload lacks the {field} field'},
  'qr.invalid-id-number': {vi: 'Số định danh trong mã QR có {length} chữ số, cần 12', en: 'The ID in the QR payload has {length} digit(s), 12 are expected'},
  'qr.invalid-old-id-number': {vi: 'Số CMND cũ trong mã QR có {length} ký tự, cần 9 chữ số hoặc để trống', en: 'The old CMND in the QR payload has {length} character(s); 9 digits or empty are expected'},
  'qr.invalid-name': {vi: 'Họ tên trong mã QR có ký tự không phải chữ: {value}', en: 'The name in the QR payload has characters that are not letters: {value}'},
  'qr.invalid-date': {vi: 'Trường {field} không phải ngày hợp lệ (ddMMyyyy hoặc dd/MM/yyyy): {value}', en: 'Field {field} is not a valid date (ddMMyyyy or dd/MM/yyyy): {value}'},
  'qr.invalid-gender': {vi: 'Giới tính phải là "Nam" hoặc "Nữ": {value}', en: 'Gender must be "Nam" or "Nữ": {value}'},
  'qr.issue-before-birth': {vi: 'Ngày cấp {issueDate} trước ngày sinh {dateOfBirth}', en: 'Issue date {issueDate} is before the date of birth {dateOfBirth}'},

  'id.bad-dob': {vi: 'Ngày sinh phải theo dạng YYYY-MM-DD: {value}', en: 'Date of birth must be YYYY-MM-DD: {value}'},
  'id.valid': {vi: 'Hợp lệ', en: 'Valid'},
  'id.invalid': {vi: 'Không hợp lệ', en: 'Invalid'},
  'id.kind.citizen-id': {vi: 'Số định danh cá nhân (12 số)', en: 'Personal ID number (12 digits)'},
  'id.kind.cmnd': {vi: 'Chứng minh nhân dân cũ (9 số)', en: 'Old ID card number (CMND, 9 digits)'},
  'id.kind.qr': {vi: 'Mã QR thẻ căn cước', en: 'ID-card QR payload'},
  'id.gender.male': {vi: 'Nam', en: 'male'},
  'id.gender.female': {vi: 'Nữ', en: 'female'},
  'id.label.kind': {vi: 'Loại', en: 'Kind'},
  'id.label.number': {vi: 'Số', en: 'Number'},
  'id.label.province': {vi: 'Nơi đăng ký khai sinh', en: 'Birth registered in'},
  'id.label.century': {vi: 'Thế kỷ sinh', en: 'Born in'},
  'id.label.gender': {vi: 'Giới tính', en: 'Gender'},
  'id.label.birth-year': {vi: 'Năm sinh', en: 'Birth year'},
  'id.label.full-name': {vi: 'Họ và tên', en: 'Full name'},
  'id.label.date-of-birth': {vi: 'Ngày sinh', en: 'Date of birth'},
  'id.label.old-id': {vi: 'Số CMND cũ', en: 'Old CMND'},
  'id.label.address': {vi: 'Nơi thường trú', en: 'Permanent address'},
  'id.label.issue-date': {vi: 'Ngày cấp', en: 'Issue date'},

  'citizen-id.not-digits.hint': {vi: 'Nhập 12 chữ số, có thể cách nhau bằng dấu cách', en: 'Type the 12 digits, spaces allowed'},
  'citizen-id.length.hint': {vi: 'Số định danh cá nhân có 12 chữ số; CMND cũ có 9', en: 'A personal ID has 12 digits; an old CMND has 9'},
  'citizen-id.birth-year-mismatch.hint': {
    vi: 'Chữ số 5–6 của số định danh là năm sinh; kiểm tra lại số định danh hoặc ngày sinh trên giấy tờ',
    en: 'Digits 5–6 of the ID are the birth year; check the ID or the date of birth on the document',
  },
  'citizen-id.gender-mismatch.hint': {
    vi: 'Chữ số thứ tư chẵn là nam, lẻ là nữ; kiểm tra lại số định danh hoặc giới tính trên giấy tờ',
    en: 'An even fourth digit means male, odd female; check the ID or the gender on the document',
  },
  'qr.missing-field.hint': {vi: 'Đọc lại mã QR; trường này không được để trống', en: 'Read the QR code again; this field cannot be empty'},
  'qr.invalid-id-number.hint': {vi: 'Trường đầu tiên là số định danh 12 chữ số', en: 'The first field is the 12-digit personal ID'},
  'qr.invalid-name.hint': {vi: 'Họ tên chỉ gồm chữ cái và dấu cách', en: 'A name has letters and spaces only'},
  'qr.invalid-date.hint': {vi: 'Ngày theo dạng ddMMyyyy (15031990) hoặc dd/MM/yyyy', en: 'Dates are ddMMyyyy (15031990) or dd/MM/yyyy'},
  'qr.invalid-gender.hint': {vi: 'Mã QR ghi "Nam" hoặc "Nữ"', en: 'The QR payload says "Nam" or "Nữ"'},

  'sequence.unreadable': {vi: 'Không đọc được tệp số thứ tự {file}: {detail}', en: 'Cannot read the sequence file {file}: {detail}'},
  'sequence.damaged': {
    vi: 'Tệp số thứ tự hồ sơ bị hỏng: {file}. Không cấp số để tránh trùng; hãy kiểm tra và sửa tệp.',
    en: 'The dossier sequence file is damaged: {file}. No number is handed out, to avoid reuse; check and repair the file.',
  },
  'lock.unavailable': {vi: 'Không khóa được {file}: {detail}', en: 'Cannot lock {file}: {detail}'},
  'package.data-missing': {vi: 'Thiếu dữ liệu của chương trình {file} ({detail}); cài đặt lại sohoa.', en: 'Program data {file} is missing ({detail}); reinstall sohoa.'},
} satisfies MessageTable
