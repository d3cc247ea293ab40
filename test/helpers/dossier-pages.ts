/**
 * Unit-test fixtures for split/classify/extract/validate: the text of each document kind's
 * first page as OCR would read it, and pages built from text (no image, no OCR). The
 * accuracy benchmark has its own, randomised generator (bench/corpus/); these stay fixed.
 */
import type {AnalysisPage, Document, DocumentPage} from '../../src/core/dossier.js'

export const HEADER = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '---------------']

export const PERSON = {
  name: 'NGUYỄN VĂN AN',
  id: '001090012345',
  dob: '01/05/1990',
  child: 'NGUYỄN MINH KHÔI',
  childDob: '12/03/2024',
}

/** The first page of each kind, header included, values filled. */
export const KIND_PAGES: Record<string, string[]> = {
  cccd: [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'SOCIALIST REPUBLIC OF VIET NAM',
    'CĂN CƯỚC CÔNG DÂN',
    'Citizen Identity Card',
    'Số định danh cá nhân / Personal identification number: 001090012345',
    'Họ và tên / Full name:',
    'NGUYỄN VĂN AN',
    'Ngày sinh / Date of birth: 01/05/1990',
    'Giới tính / Sex: Nam      Quốc tịch / Nationality: Việt Nam',
    'Nơi thường trú / Place of residence: Số 1 phố Huế, Hai Bà Trưng, Hà Nội',
    'Có giá trị đến / Date of expiry: 01/05/2030',
  ],
  'to-khai-khai-sinh': [
    ...HEADER,
    'TỜ KHAI ĐĂNG KÝ KHAI SINH',
    'Kính gửi: Ủy ban nhân dân phường Hàng Bạc',
    `Họ, chữ đệm, tên người yêu cầu: ${PERSON.name}`,
    `Số định danh cá nhân: ${PERSON.id}`,
    'Nơi cư trú: Số 1 phố Huế, Hà Nội',
    'Quan hệ với người được khai sinh: Cha',
    'Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:',
    `Họ, chữ đệm, tên: ${PERSON.child}`,
    `Ngày, tháng, năm sinh: ${PERSON.childDob}`,
    'Giới tính: Nam   Dân tộc: Kinh   Quốc tịch: Việt Nam',
    'Nơi sinh: Bệnh viện Phụ sản Hà Nội',
  ],
  'giay-chung-sinh': [
    'SỞ Y TẾ HÀ NỘI', 'BỆNH VIỆN PHỤ SẢN', ...HEADER.slice(0, 2), 'GIẤY CHỨNG SINH',
    'Họ và tên mẹ: TRẦN THỊ BÌNH', 'Đã sinh con vào lúc: 08 giờ 30 phút', 'Sinh ngày: 12/03/2024',
    'Số con trong lần sinh: 01', 'Giới tính của con: Nam', 'Cân nặng: 3200 gram', `Dự định đặt tên con: ${PERSON.child}`,
  ],
  'giay-khai-sinh': [
    'ỦY BAN NHÂN DÂN PHƯỜNG HÀNG BẠC', ...HEADER.slice(0, 2), 'GIẤY KHAI SINH',
    `Họ, chữ đệm, tên: ${PERSON.child}`, `Ngày, tháng, năm sinh: ${PERSON.childDob}`, 'ghi bằng chữ: Ngày mười hai, tháng ba, năm hai nghìn không trăm hai mươi bốn',
    'Giới tính: Nam   Dân tộc: Kinh', 'Nơi đăng ký khai sinh: UBND phường Hàng Bạc', 'Sổ đăng ký khai sinh số 12',
  ],
  'to-khai-ket-hon': [
    ...HEADER, 'TỜ KHAI ĐĂNG KÝ KẾT HÔN', 'Kính gửi: UBND phường Hàng Bạc', 'Thông tin Bên nữ Bên nam',
    `Họ, chữ đệm, tên: ${PERSON.name}`, 'Ngày, tháng, năm sinh: 01/05/1990', `Số định danh cá nhân: ${PERSON.id}`, 'Kết hôn lần thứ: Một', 'Chúng tôi cam đoan những lời khai trên đây là đúng sự thật',
  ],
  'xac-nhan-tinh-trang-hon-nhan': [
    'ỦY BAN NHÂN DÂN XÃ AN BÌNH', ...HEADER.slice(0, 2), 'GIẤY XÁC NHẬN', 'TÌNH TRẠNG HÔN NHÂN',
    'Xét đề nghị của ông Nguyễn Văn An', `Họ, chữ đệm, tên: ${PERSON.name}`, 'Ngày, tháng, năm sinh: 01/05/1990', `Số định danh cá nhân: ${PERSON.id}`,
    'Tình trạng hôn nhân: Chưa đăng ký kết hôn với ai', 'Giấy này được cấp để: đăng ký kết hôn',
  ],
  'giay-chung-nhan-ket-hon': [
    'ỦY BAN NHÂN DÂN PHƯỜNG HÀNG BẠC', ...HEADER.slice(0, 2), 'GIẤY CHỨNG NHẬN KẾT HÔN',
    'Họ, chữ đệm, tên chồng: NGUYỄN VĂN AN', 'Họ, chữ đệm, tên vợ: TRẦN THỊ BÌNH', 'Ngày đăng ký: 20/10/2023',
  ],
  'to-khai-khai-tu': [
    ...HEADER, 'TỜ KHAI ĐĂNG KÝ KHAI TỬ', 'Kính gửi: UBND xã An Bình', `Họ, chữ đệm, tên người yêu cầu: ${PERSON.name}`, `Số định danh cá nhân: ${PERSON.id}`,
    'Quan hệ với người đã chết: Con', 'Đề nghị cơ quan đăng ký khai tử cho người có tên dưới đây:', 'Thông tin người đã chết:', 'Họ, chữ đệm, tên: NGUYỄN VĂN BA',
    'Đã chết vào lúc: 10 giờ ngày 02/01/2025', 'Nơi chết: Bệnh viện Bạch Mai', 'Nguyên nhân chết: Bệnh',
  ],
  'giay-bao-tu': [
    'BỆNH VIỆN BẠCH MAI', ...HEADER.slice(0, 2), 'GIẤY BÁO TỬ', 'Họ, chữ đệm, tên người chết: NGUYỄN VĂN BA',
    'Đã chết vào lúc: 10 giờ ngày 02/01/2025', 'Nơi chết: Bệnh viện Bạch Mai', 'Nguyên nhân chết: Bệnh',
  ],
  ct01: [
    ...HEADER, 'Mẫu CT01', 'TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ', 'Kính gửi: Công an phường Hàng Bạc', `1. Họ, chữ đệm và tên: ${PERSON.name}`,
    '2. Ngày, tháng, năm sinh: 01/05/1990   3. Giới tính: Nam', `4. Số định danh cá nhân: ${PERSON.id}`, '7. Nội dung đề nghị: Đăng ký thường trú', '8. Những thành viên trong hộ gia đình cùng thay đổi',
  ],
  ct07: [
    'CÔNG AN PHƯỜNG HÀNG BẠC', ...HEADER.slice(0, 2), 'Mẫu CT07', 'XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ', `1. Họ, chữ đệm và tên: ${PERSON.name}`,
    '2. Ngày, tháng, năm sinh: 01/05/1990', `3. Số định danh cá nhân: ${PERSON.id}`, '4. Nơi thường trú: Số 1 phố Huế, Hà Nội', '5. Thời hạn sử dụng: 30 ngày',
  ],
  'hop-dong-thue-nha': [
    ...HEADER, 'HỢP ĐỒNG THUÊ NHÀ Ở', 'Hôm nay, tại Hà Nội, chúng tôi gồm:', 'Bên cho thuê (Bên A): Ông Lê Văn Cường', 'Bên thuê (Bên B): Ông Nguyễn Văn An',
    'Điều 1. Nhà cho thuê', 'Địa chỉ nhà: Số 5 ngõ 10 phố Huế', 'Điều 2. Giá thuê và thời hạn thuê',
  ],
  'van-ban-uy-quyen': [
    ...HEADER, 'GIẤY ỦY QUYỀN', 'Bên ủy quyền:', `Họ, chữ đệm, tên: ${PERSON.name}`, `Số định danh cá nhân: ${PERSON.id}`, 'Bên được ủy quyền:', 'Họ, chữ đệm, tên: TRẦN THỊ BÌNH',
    'Nội dung ủy quyền: Đăng ký khai sinh cho con', 'Thời hạn ủy quyền: 30 ngày',
  ],
  'to-khai-lltp': [
    ...HEADER, 'Mẫu số 03/2013/TT-LLTP', 'TỜ KHAI YÊU CẦU CẤP PHIẾU', 'LÝ LỊCH TƯ PHÁP', `1. Họ và tên: ${PERSON.name}`, '2. Giới tính: Nam', '3. Ngày, tháng, năm sinh: 01/05/1990',
    `5. Số định danh cá nhân: ${PERSON.id}`, '7. Nơi thường trú: Số 1 phố Huế, Hà Nội', '9. Quá trình cư trú', 'Số lượng Phiếu: 01',
  ],
}

/** The back of a chip ID card. */
export const CARD_BACK = [
  'Đặc điểm nhân dạng / Personal identification: Nốt ruồi cách 2cm trên đầu lông mày phải',
  'Ngày, tháng, năm / Date, month, year: 10/10/2022',
  'CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI',
  'Ngón trỏ trái  Ngón trỏ phải',
  'IDVNM0900123458001090012345<<5',
]

export const CONTINUATION = ['Điều 3. Quyền và nghĩa vụ của các bên', 'Bên A có trách nhiệm bàn giao nhà đúng thời hạn', 'Bên B thanh toán đủ tiền thuê hằng tháng']

let counter = 0

export function textPage(lines: readonly string[], overrides: Partial<AnalysisPage> = {}): AnalysisPage {
  counter += 1
  return {
    source: {file: `p${counter}.png`, page: 1},
    text: lines.join('\n'),
    lines: lines.map((text) => ({text})),
    confidence: 90,
    blank: lines.length === 0,
    dpi: 300,
    width: 2480,
    height: 3508,
    rotation: 0,
    skew: 0,
    colour: 'colour',
    ...overrides,
  }
}

export const blankPage = (overrides: Partial<AnalysisPage> = {}): AnalysisPage => textPage([], {blank: true, ...overrides})

export function recordPage(overrides: Partial<DocumentPage> = {}): DocumentPage {
  return {source: {file: 'scan.png', page: 1}, text: '', confidence: 90, rotation: 0, skew: 0, dpi: 300, colour: 'colour', ...overrides}
}

/** A document as classification leaves it, with plain field values turned into OCR fields. */
export function doc(kind: string, fields: Record<string, string> = {}, overrides: Partial<Document> = {}): Document {
  return {
    kind,
    confidence: 0.9,
    evidence: [],
    pages: [recordPage()],
    fields: Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, {value, source: 'ocr', page: 1, sourcePage: {file: 'scan.png', page: 1}, confidence: 0.9}])),
    ...overrides,
  }
}
