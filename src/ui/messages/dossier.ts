import type {MessageTable} from './types.js'

/**
 * Split, classify, extract and validate (SPEC §2 steps 4–8), and `id read`. Validation
 * issue codes are keys here; `<code>.hint` says how to fix what `<code>` reports.
 */
export const dossierMessages = {
  'dossier.empty': {vi: 'Hồ sơ không có giấy tờ nào', en: 'The dossier has no documents'},
  'dossier.empty.hint': {vi: 'Quét hoặc nhập các trang của hồ sơ', en: 'Scan or import the pages of the dossier'},
  'dossier.procedure-mismatch': {
    vi: 'Hồ sơ ghi thủ tục {procedure} nhưng được kiểm tra theo thủ tục {schema}',
    en: 'The dossier is for procedure {procedure} but is checked against {schema}',
  },
  'dossier.procedure-mismatch.hint': {vi: 'Chọn đúng thủ tục bằng --procedure', en: 'Choose the right procedure with --procedure'},
  'dossier.component-missing': {vi: 'Thiếu thành phần hồ sơ bắt buộc: {name} ({component})', en: 'Required component missing: {name} ({component})'},
  'dossier.component-missing.hint': {
    vi: 'Bổ sung giấy tờ loại: {kinds}',
    en: 'Add a document of kind: {kinds}',
  },
  'dossier.component-not-shown': {
    vi: 'Chưa có bản quét giấy tờ phải xuất trình: {name} ({component})',
    en: 'No scan of a paper that must be shown: {name} ({component})',
  },
  'dossier.component-not-shown.hint': {
    vi: 'Đối chiếu bản chính và quét lưu nếu cần ({kinds})',
    en: 'Check the original and scan it if it is to be kept ({kinds})',
  },
  'dossier.component-count': {
    vi: 'Thành phần {name} có {found} giấy tờ, quy định {expected} (bản chính và bản sao)',
    en: 'Component {name} has {found} documents where {expected} are asked for (originals and copies)',
  },
  'dossier.component-count.hint': {vi: 'Kiểm tra lại việc tách giấy tờ hoặc bỏ bản thừa', en: 'Check the split, or remove the extra copies'},
  'document.unknown-kind': {
    vi: 'Giấy tờ {document} (trang {pages}) không nhận diện được loại',
    en: 'Document {document} (pages {pages}) is of an unknown kind',
  },
  'document.unknown-kind.hint': {vi: 'Cán bộ xem lại và chọn loại giấy tờ', en: 'A clerk should look at it and set its kind'},
  'document.unexpected-kind': {
    vi: 'Giấy tờ {document} ({kind}) không thuộc thành phần hồ sơ của thủ tục {procedure}',
    en: 'Document {document} ({kind}) is not a component of procedure {procedure}',
  },
  'document.unexpected-kind.hint': {vi: 'Bỏ giấy tờ thừa hoặc chọn đúng thủ tục', en: 'Remove it, or choose the right procedure'},
  'document.low-confidence': {
    vi: 'Giấy tờ {document} được nhận diện là {kind} với độ tin cậy thấp ({confidence})',
    en: 'Document {document} was taken for {kind} with low confidence ({confidence})',
  },
  'document.low-confidence.hint': {vi: 'Cán bộ xem lại loại giấy tờ', en: 'A clerk should confirm its kind'},
  'document.field-conflict': {
    vi: 'Giấy tờ {document}: thông tin đọc từ mã QR khác với chữ in trên thẻ',
    en: 'Document {document}: the QR code and the printed text disagree',
  },
  'document.field-conflict.hint': {vi: 'Đối chiếu với bản chính', en: 'Compare with the original'},
  'page.low-resolution': {
    vi: 'Trang {page} của {file} (giấy tờ {document}) chỉ có {dpi} dpi, cần tối thiểu {minDpi} dpi',
    en: 'Page {page} of {file} (document {document}) is {dpi} dpi; at least {minDpi} dpi is required',
  },
  'page.low-resolution.hint': {
    vi: 'Quét lại với độ phân giải từ {minDpi} dpi (Thông tư 01/2023/TT-VPCP Điều 8)',
    en: 'Scan it again at {minDpi} dpi or more (Thông tư 01/2023/TT-VPCP art. 8)',
  },
  'page.not-colour': {
    vi: 'Trang {page} của {file} (giấy tờ {document}) là ảnh đen trắng/xám',
    en: 'Page {page} of {file} (document {document}) is greyscale',
  },
  'page.not-colour.hint': {vi: 'Bản số hóa phải giữ màu sắc của bản giấy: quét ở chế độ màu', en: 'The digitised copy must keep the colours: scan in colour mode'},
  'field.invalid-id-number': {
    vi: 'Giấy tờ {document}: số định danh {value} ({field}) không hợp lệ',
    en: 'Document {document}: personal ID {value} ({field}) is not valid',
  },
  'field.invalid-id-number.hint': {
    vi: 'Số định danh cá nhân gồm 12 chữ số, bắt đầu bằng mã tỉnh nơi đăng ký khai sinh',
    en: 'A personal ID has 12 digits and starts with the birth-registration province code',
  },
  'field.invalid-date': {vi: 'Giấy tờ {document}: ngày {value} ({field}) không hợp lệ', en: 'Document {document}: {value} ({field}) is not a valid date'},
  'field.invalid-date.hint': {vi: 'Ngày ghi theo dạng YYYY-MM-DD', en: 'Dates are written YYYY-MM-DD'},
  'field.invalid-gender': {vi: 'Giấy tờ {document}: giới tính "{value}" không hợp lệ', en: 'Document {document}: gender "{value}" is not valid'},
  'field.invalid-gender.hint': {vi: 'Giới tính là male hoặc female', en: 'Gender is male or female'},
  'field.id-birth-year-mismatch': {
    vi: 'Giấy tờ {document}: số định danh {value} ứng với năm sinh {idBirthYear}, nhưng ngày sinh là {dateOfBirth}',
    en: 'Document {document}: personal ID {value} says born in {idBirthYear}, but the date of birth is {dateOfBirth}',
  },
  'field.id-birth-year-mismatch.hint': {
    vi: 'Chữ số thứ 5–6 của số định danh là hai số cuối năm sinh; kiểm tra lại số hoặc ngày sinh',
    en: 'Digits 5–6 of the ID are the birth year; check the number or the date of birth',
  },
  'field.id-gender-mismatch': {
    vi: 'Giấy tờ {document}: số định danh {value} ứng với giới tính {idGender}, nhưng giấy tờ ghi {gender}',
    en: 'Document {document}: personal ID {value} says {idGender}, but the paper says {gender}',
  },
  'field.id-gender-mismatch.hint': {
    vi: 'Chữ số thứ 4 của số định danh cho biết thế kỷ và giới tính; kiểm tra lại',
    en: 'Digit 4 of the ID gives the century and gender; check both',
  },
  'dossier.requester-name-mismatch': {
    vi: 'Họ tên người yêu cầu trên giấy tờ {document} ({formName}) khác với thẻ căn cước ở giấy tờ {card} ({cardName})',
    en: 'The requester on document {document} ({formName}) is not the person on the ID card, document {card} ({cardName})',
  },
  'dossier.requester-name-mismatch.hint': {
    vi: 'Đối chiếu tờ khai với giấy tờ tùy thân; sửa tờ khai hoặc bổ sung giấy tờ tùy thân đúng người',
    en: 'Compare the form with the ID card; correct the form or add the right ID card',
  },
  'dossier.requester-name-near': {
    vi: 'Họ tên người yêu cầu trên giấy tờ {document} ({formName}) gần giống thẻ căn cước ({cardName})',
    en: 'The requester on document {document} ({formName}) almost matches the ID card ({cardName})',
  },
  'dossier.requester-name-near.hint': {vi: 'Có thể do lỗi nhận dạng chữ; kiểm tra lại', en: 'Possibly an OCR slip; check it'},
  'dossier.requester-id-mismatch': {
    vi: 'Số định danh người yêu cầu trên giấy tờ {document} ({formId}) khác với thẻ căn cước ở giấy tờ {card} ({cardId})',
    en: 'The requester ID on document {document} ({formId}) differs from the ID card, document {card} ({cardId})',
  },
  'dossier.requester-id-mismatch.hint': {vi: 'Đối chiếu số định danh trên tờ khai với thẻ căn cước', en: 'Compare the ID number on the form with the card'},
  'dossier.requester-name-uncertain': {
    vi: 'Họ tên đọc được trên giấy tờ {document} ({formName}) khác thẻ căn cước ở giấy tờ {card} ({cardName}); có thể do nhận dạng chữ',
    en: 'The name read on document {document} ({formName}) differs from the ID card, document {card} ({cardName}); possibly misread',
  },
  'dossier.requester-name-uncertain.hint': {
    vi: 'Cán bộ đối chiếu họ tên trên bản giấy với thẻ căn cước',
    en: 'Check the name on the paper against the ID card',
  },
  'dossier.requester-id-uncertain': {
    vi: 'Số định danh đọc được trên giấy tờ {document} ({formId}) khác thẻ căn cước ở giấy tờ {card} ({cardId}); có thể do nhận dạng chữ',
    en: 'The ID number read on document {document} ({formId}) differs from the ID card, document {card} ({cardId}); possibly misread',
  },
  'dossier.requester-id-uncertain.hint': {
    vi: 'Cán bộ đối chiếu số định danh trên bản giấy với thẻ căn cước',
    en: 'Check the number on the paper against the ID card',
  },
  'dossier.requester-no-card': {
    vi: 'Không tìm thấy thẻ căn cước của người yêu cầu trên giấy tờ {document} ({name})',
    en: 'No ID card in the dossier matches the requester on document {document} ({name})',
  },
  'dossier.requester-no-card.hint': {vi: 'Bổ sung bản chụp giấy tờ tùy thân của người yêu cầu', en: "Add a copy of the requester's ID card"},
  'validate.valid': {vi: 'Hồ sơ hợp lệ ({documents} giấy tờ)', en: 'Dossier is valid ({documents} documents)'},
  'validate.invalid': {vi: 'Hồ sơ chưa hợp lệ: {errors} lỗi, {warnings} cảnh báo', en: 'Dossier is not valid: {errors} errors, {warnings} warnings'},
  'validate.with-warnings': {vi: 'Hồ sơ hợp lệ, {warnings} cảnh báo', en: 'Dossier is valid, with {warnings} warnings'},
  'validate.case': {vi: 'Trường hợp: {name}', en: 'Case: {name}'},
  'classify.progress': {vi: 'Nhận dạng', en: 'Reading'},
  'classify.document': {
    vi: 'Giấy tờ {index}: {kind} (độ tin cậy {confidence}), trang {pages}',
    en: 'Document {index}: {kind} (confidence {confidence}), pages {pages}',
  },
  'classify.review': {vi: 'cần xem lại: {reasons}', en: 'needs review: {reasons}'},
  'classify.dropped': {vi: 'Trang trắng bỏ qua: {pages}', en: 'Blank pages left out: {pages}'},
  'classify.failed': {vi: '{file}: {detail}', en: '{file}: {detail}'},
  'qr.reader-missing': {
    vi: 'Không tải được bộ đọc mã QR (zxing-wasm): {detail}',
    en: 'The QR reader (zxing-wasm) could not be loaded: {detail}',
  },
  'id-read.no-qr': {vi: 'Không tìm thấy mã QR căn cước trong {file}', en: 'No ID-card QR code found in {file}'},
  'id-read.found': {vi: 'Đã đọc mã QR trong {file}', en: 'Read the QR code in {file}'},

  'dossier.component-not-checkable': {
    vi: 'Không tự kiểm tra được thành phần: {name} ({component}); chưa có loại giấy tờ nào ứng với nó',
    en: 'Could not check this component automatically: {name} ({component}); no document kind stands for it',
  },
  'dossier.component-not-checkable.hint': {
    vi: 'Cán bộ kiểm tra bằng mắt; giấy tờ không ứng với thành phần nào mang mã KHAC',
    en: 'Check it by eye; documents that match no component are coded KHAC',
  },
  'hoso.holidays-not-covered': {
    vi:
      'Lịch nghỉ lễ năm {years} chưa có trong templates/vietnam-holidays.json (đến năm {last}): ' +
      'ngày hẹn trả chỉ trừ thứ Bảy, Chủ nhật và các ngày lễ dương lịch',
    en:
      'The holidays of {years} are not in templates/vietnam-holidays.json (last year {last}): ' +
      'the due date skips only weekends and the solar-calendar holidays',
  },
  'hoso.holidays-not-covered.hint': {
    vi: 'Bổ sung lịch nghỉ của năm đó khi được công bố; kiểm tra lại ngày hẹn trả',
    en: 'Add that year\'s schedule once published; check the due date by hand',
  },
  'hoso.no-processing-time': {
    vi: 'Thủ tục {procedure} không công bố thời hạn giải quyết khi nộp trực tiếp: NgayHenTra để trống',
    en: 'Procedure {procedure} publishes no processing time for the desk: NgayHenTra left empty',
  },
} satisfies MessageTable
