/**
 * The text of each document kind as filled in by a citizen or issued by an office, with the
 * field values the pipeline should read back. Wording varies (label variants, broken titles,
 * dotted leaders, optional lines) so that rules are not tuned to one layout.
 */
import type {Columns, PageContent} from './layout.js'
import {day, pick, type Person, type Random, titleCase, writtenDate} from './people.js'

export interface GeneratedDocument {
  kind: string
  /** Each page's lines and side-by-side blocks; an ID card is rendered from `card` instead. */
  pages: PageContent[]
  fields: Record<string, string>
  card?: {front: string[]; back: string[]; payload: string; layout: 'one-page' | 'two-pages'}
}

const HEADER = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']

function title(random: Random, text: string): string[] {
  // Long titles are often set on two lines.
  const words = text.split(' ')
  if (words.length >= 6 && random() < 0.4) {
    const cut = Math.ceil(words.length / 2)
    return [words.slice(0, cut).join(' '), words.slice(cut).join(' ')]
  }
  return [text]
}

/** The dotted line a value is typed over: after it, or on both sides of it. */
function leader(random: Random, value: string): string {
  const dots = () => '.'.repeat(6 + Math.floor(random() * 18))
  const roll = random()
  if (roll < 0.3) return `${value} ${dots()}`
  if (roll < 0.45) return `${dots()}${value}${dots()}`
  return value
}

/** The agency block beside the national header, as issued papers set them. */
function agencyHeader(random: Random, agency: string[]): PageContent {
  if (random() < 0.25) return [...agency, ...HEADER]
  return [{columns: [agency, HEADER]}]
}

/** Two signature blocks side by side (or one, at the right). */
function signatures(left: string[], right: string[]): Columns {
  return {columns: [left, right]}
}

const office = (random: Random) => pick(random, ['Ủy ban nhân dân phường Hàng Bạc', 'UBND xã An Bình', 'Ủy ban nhân dân phường Bến Nghé', 'UBND phường Lê Lợi'])
const police = (random: Random) => pick(random, ['Công an phường Hàng Bạc', 'Công an xã An Bình', 'Công an phường Bến Nghé'])
const signPlace = (random: Random) => `${pick(random, ['Hà Nội', 'Thanh Hóa', 'Đà Nẵng', 'Cần Thơ'])}, ngày ${1 + Math.floor(random() * 28)} tháng ${1 + Math.floor(random() * 12)} năm 2025`
const idLabel = (random: Random) => pick(random, ['Số định danh cá nhân', 'Số định danh cá nhân', 'Số định danh cá nhân/Số CCCD'])
const nameLabel = (random: Random) => pick(random, ['Họ, chữ đệm, tên', 'Họ, chữ đệm và tên'])
const closing = (random: Random, name?: string): PageContent => [
  'Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về cam đoan của mình.',
  signatures([], [signPlace(random), 'Người yêu cầu', '(Ký, ghi rõ họ, chữ đệm, tên)', ...(name ? [name] : [])]),
]

export function generateDocument(
  kind: string,
  random: Random,
  requester: Person,
  others: {child: Person; deceased: Person; partner: Person},
): GeneratedDocument {
  const {child, deceased, partner} = others
  switch (kind) {
    case 'cccd':
      return idCard(random, requester)
    case 'to-khai-khai-sinh':
      return {
        kind,
        fields: {requesterName: requester.name, requesterIdNumber: requester.id, childName: child.name, childDateOfBirth: child.dob.iso},
        pages: paged(random, [
          ...HEADER,
          ...title(random, 'TỜ KHAI ĐĂNG KÝ KHAI SINH'),
          `Kính gửi: ${office(random)}`,
          `Họ, chữ đệm, tên người yêu cầu: ${leader(random, requester.name)}`,
          `${idLabel(random)}: ${requester.id}`,
          `Nơi cư trú: ${requester.address}`,
          `Quan hệ với người được khai sinh: ${requester.gender === 'male' ? 'Cha' : 'Mẹ'}`,
          'Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:',
          `${nameLabel(random)}: ${leader(random, child.name)}`,
          `Ngày, tháng, năm sinh: ${writtenDate(random, child.dob.iso)}`,
          `Giới tính: ${child.gender === 'male' ? 'Nam' : 'Nữ'}    Dân tộc: Kinh    Quốc tịch: Việt Nam`,
          `Nơi sinh: Bệnh viện đa khoa ${child.province}`,
          `Quê quán: ${requester.province}`,
          `Họ, chữ đệm, tên người mẹ: ${leader(random, requester.gender === 'female' ? requester.name : partner.name)}`,
          `Họ, chữ đệm, tên người cha: ${requester.gender === 'male' ? requester.name : partner.name}`,
          ...closing(random, requester.name),
        ]),
      }
    case 'giay-chung-sinh':
      return {
        kind,
        fields: {childName: child.name, childDateOfBirth: child.dob.iso},
        pages: [
          [
            ...agencyHeader(random, ['SỞ Y TẾ ' + child.province.toUpperCase(), `BỆNH VIỆN ĐA KHOA ${child.province.toUpperCase()}`]),
            'GIẤY CHỨNG SINH',
            `Họ và tên mẹ: ${requester.gender === 'female' ? requester.name : partner.name}`,
            `Năm sinh: ${(requester.gender === 'female' ? requester : partner).dob.printed.slice(6)}`,
            `Nơi đăng ký thường trú: ${requester.address}`,
            `Đã sinh con vào lúc: ${Math.floor(random() * 24)} giờ ${Math.floor(random() * 60)} phút`,
            `Sinh ngày: ${writtenDate(random, child.dob.iso)}`,
            'Số con trong lần sinh: 01',
            `Giới tính của con: ${child.gender === 'male' ? 'Nam' : 'Nữ'}`,
            `Cân nặng: ${2600 + Math.floor(random() * 1400)} gram`,
            `Dự định đặt tên con: ${child.name}`,
            signPlace(random),
            signatures(['Người đỡ đẻ', '(Ký, ghi rõ họ tên)'], ['Thủ trưởng cơ sở y tế', '(Ký, ghi rõ họ tên, đóng dấu)']),
          ],
        ],
      }
    case 'giay-khai-sinh':
      return {
        kind,
        fields: {childName: child.name, childDateOfBirth: child.dob.iso},
        pages: [
          [
            ...agencyHeader(random, [office(random).toUpperCase()]),
            random() < 0.3 ? 'GIẤY KHAI SINH (BẢN SAO)' : 'GIẤY KHAI SINH',
            `Số: ${1 + Math.floor(random() * 300)}`,
            `${nameLabel(random)}: ${child.name}`,
            `Ngày, tháng, năm sinh: ${writtenDate(random, child.dob.iso)}`,
            `Giới tính: ${child.gender === 'male' ? 'Nam' : 'Nữ'}    Dân tộc: Kinh    Quốc tịch: Việt Nam`,
            `Nơi sinh: Bệnh viện đa khoa ${child.province}`,
            `Số định danh cá nhân: ${child.id}`,
            `Họ, chữ đệm, tên người mẹ: ${partner.name}`,
            `Nơi đăng ký khai sinh: ${office(random)}`,
            `Ngày đăng ký: ${day(random, 2024, 2025).printed}`,
          ],
        ],
      }
    case 'to-khai-ket-hon':
      if (random() < 0.6) return marriageColumns(random, requester, partner)
      return {
        kind,
        fields: {requesterName: requester.name, requesterIdNumber: requester.id},
        pages: paged(random, [
          ...HEADER,
          ...title(random, 'TỜ KHAI ĐĂNG KÝ KẾT HÔN'),
          `Kính gửi: ${office(random)}`,
          'Thông tin của người yêu cầu:',
          `${nameLabel(random)}: ${requester.name}`,
          `Ngày, tháng, năm sinh: ${writtenDate(random, requester.dob.iso)}`,
          `${idLabel(random)}: ${requester.id}`,
          `Nơi cư trú: ${requester.address}`,
          'Kết hôn lần thứ: Một',
          'Thông tin của bên kia:',
          `${nameLabel(random)}: ${partner.name}`,
          `Ngày, tháng, năm sinh: ${writtenDate(random, partner.dob.iso)}`,
          `${idLabel(random)}: ${partner.id}`,
          'Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn của chúng tôi là tự nguyện.',
          signPlace(random),
        ]),
      }
    case 'xac-nhan-tinh-trang-hon-nhan':
      return {
        kind,
        fields: {fullName: requester.name, dateOfBirth: requester.dob.iso, idNumber: requester.id},
        pages: [
          [
            ...agencyHeader(random, [office(random).toUpperCase()]),
            ...(random() < 0.5 ? ['GIẤY XÁC NHẬN', 'TÌNH TRẠNG HÔN NHÂN'] : ['GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN']),
            `Xét đề nghị của ${requester.gender === 'male' ? 'ông' : 'bà'} ${titleCase(requester.name)}`,
            `${nameLabel(random)}: ${requester.name}`,
            `Ngày, tháng, năm sinh: ${writtenDate(random, requester.dob.iso)}`,
            `Số định danh cá nhân: ${requester.id}`,
            `Nơi cư trú: ${requester.address}`,
            'Tình trạng hôn nhân: Chưa đăng ký kết hôn với ai.',
            'Giấy này được cấp để: làm thủ tục đăng ký kết hôn.',
            'Giấy này có giá trị sử dụng 06 tháng kể từ ngày cấp.',
            signPlace(random),
          ],
        ],
      }
    case 'giay-chung-nhan-ket-hon':
      return {
        kind,
        fields: {},
        pages: [
          [
            ...agencyHeader(random, [office(random).toUpperCase()]),
            'GIẤY CHỨNG NHẬN KẾT HÔN',
            `Họ, chữ đệm, tên chồng: ${requester.gender === 'male' ? requester.name : partner.name}`,
            `Họ, chữ đệm, tên vợ: ${requester.gender === 'female' ? requester.name : partner.name}`,
            `Nơi đăng ký kết hôn: ${office(random)}`,
            `Ngày đăng ký: ${day(random, 2010, 2024).printed}`,
          ],
        ],
      }
    case 'to-khai-khai-tu':
      return {
        kind,
        fields: {requesterName: requester.name, requesterIdNumber: requester.id, deceasedName: deceased.name},
        pages: paged(random, [
          ...HEADER,
          ...title(random, 'TỜ KHAI ĐĂNG KÝ KHAI TỬ'),
          `Kính gửi: ${office(random)}`,
          `Họ, chữ đệm, tên người yêu cầu: ${leader(random, requester.name)}`,
          `${idLabel(random)}: ${requester.id}`,
          `Nơi cư trú: ${requester.address}`,
          'Quan hệ với người đã chết: Con',
          'Đề nghị cơ quan đăng ký khai tử cho người có tên dưới đây:',
          `${nameLabel(random)}: ${deceased.name}`,
          `Ngày, tháng, năm sinh: ${writtenDate(random, deceased.dob.iso)}`,
          `Đã chết vào lúc: ${Math.floor(random() * 24)} giờ, ngày ${day(random, 2025, 2025).printed}`,
          `Nơi chết: Bệnh viện đa khoa ${deceased.province}`,
          'Nguyên nhân chết: Bệnh',
          ...closing(random),
        ]),
      }
    case 'giay-bao-tu':
      return {
        kind,
        fields: {deceasedName: deceased.name},
        pages: [
          [
            ...agencyHeader(random, [`SỞ Y TẾ ${deceased.province.toUpperCase()}`, `BỆNH VIỆN ĐA KHOA ${deceased.province.toUpperCase()}`]),
            'GIẤY BÁO TỬ',
            `${pick(random, ['Họ, chữ đệm, tên người chết', 'Họ, chữ đệm, tên'])}: ${deceased.name}`,
            `Ngày, tháng, năm sinh: ${writtenDate(random, deceased.dob.iso)}`,
            `Nơi cư trú: ${deceased.address}`,
            `Đã chết vào lúc: ${Math.floor(random() * 24)} giờ, ngày ${day(random, 2025, 2025).printed}`,
            `Nơi chết: Bệnh viện đa khoa ${deceased.province}`,
            'Nguyên nhân chết: Bệnh',
            signatures(['Người lập', '(Ký, ghi rõ họ tên)'], [signPlace(random), 'Người đứng đầu cơ sở y tế']),
          ],
        ],
      }
    case 'ct01':
      return {
        kind,
        fields: {requesterName: requester.name, requesterIdNumber: requester.id, dateOfBirth: requester.dob.iso, gender: requester.gender},
        pages: paged(random, [
          'Mẫu CT01',
          ...HEADER,
          ...title(random, 'TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ'),
          `Kính gửi: ${police(random)}`,
          `1. Họ, chữ đệm và tên: ${leader(random, requester.name)}`,
          `2. Ngày, tháng, năm sinh: ${writtenDate(
            random,
            requester.dob.iso,
          )}    3. Giới tính: ${requester.gender === 'male' ? 'Nam' : 'Nữ'}`,
          `4. Số định danh cá nhân: ${requester.id}`,
          `5. Số điện thoại liên hệ: 09${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
          `6. Họ, chữ đệm và tên chủ hộ: ${partner.name}    7. Quan hệ với chủ hộ: ${pick(random, ['Vợ', 'Chồng', 'Con', 'Em'])}`,
          `8. Số định danh cá nhân của chủ hộ: ${partner.id}`,
          `9. Nội dung đề nghị: ${pick(random, ['Đăng ký thường trú', 'Đăng ký tạm trú', 'Xác nhận thông tin về cư trú'])} tại ${partner.address}`,
          '10. Những thành viên trong hộ gia đình cùng thay đổi: Không',
          ...closing(random),
        ]),
      }
    case 'ct07':
      return {
        kind,
        fields: {fullName: requester.name, idNumber: requester.id, dateOfBirth: requester.dob.iso},
        pages: [
          [
            ...agencyHeader(random, [police(random).toUpperCase()]),
            'Mẫu CT07',
            ...title(random, 'XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ'),
            `${police(random)} xác nhận thông tin về cư trú của công dân như sau:`,
            `1. Họ, chữ đệm và tên: ${leader(random, requester.name)}`,
            `2. Ngày, tháng, năm sinh: ${writtenDate(
              random,
              requester.dob.iso,
            )}    3. Giới tính: ${requester.gender === 'male' ? 'Nam' : 'Nữ'}`,
            `4. Số định danh cá nhân: ${requester.id}`,
            `5. Nơi thường trú: ${requester.address}`,
            '6. Nơi ở hiện tại: Như trên',
            '7. Thông tin thành viên hộ gia đình: Không',
            '8. Thời hạn sử dụng: 30 ngày kể từ ngày cấp',
            signPlace(random),
          ],
        ],
      }
    case 'hop-dong-thue-nha':
      return {
        kind,
        fields: {},
        pages: paged(
          random,
          [
            ...HEADER,
            pick(random, ['HỢP ĐỒNG THUÊ NHÀ Ở', 'HỢP ĐỒNG THUÊ NHÀ', 'HỢP ĐỒNG CHO MƯỢN NHÀ Ở']),
            `Hôm nay, ${signPlace(random)}, chúng tôi gồm:`,
            `Bên cho thuê (Bên A): ${partner.gender === 'male' ? 'Ông' : 'Bà'} ${titleCase(partner.name)}`,
            `Số định danh cá nhân: ${partner.id}`,
            `Bên thuê (Bên B): ${requester.gender === 'male' ? 'Ông' : 'Bà'} ${titleCase(requester.name)}`,
            `Số định danh cá nhân: ${requester.id}`,
            'Điều 1. Nhà cho thuê',
            `Địa chỉ nhà: ${partner.address}`,
            `Diện tích sử dụng: ${30 + Math.floor(random() * 70)} m2`,
            'Điều 2. Giá thuê và thời hạn thuê',
            `Giá thuê: ${2 + Math.floor(random() * 8)}.000.000 đồng/tháng. Thời hạn thuê: 12 tháng.`,
            'Điều 3. Quyền và nghĩa vụ của các bên',
            'Bên A bàn giao nhà đúng thời hạn; Bên B trả tiền thuê đầy đủ, đúng hạn.',
            signatures(['BÊN A', '(Ký, ghi rõ họ tên)'], ['BÊN B', '(Ký, ghi rõ họ tên)']),
          ],
          0.6,
        ),
      }
    case 'van-ban-uy-quyen':
      return {
        kind,
        fields: {requesterName: requester.name, requesterIdNumber: requester.id},
        pages: [
          [
            ...HEADER,
            pick(random, ['GIẤY ỦY QUYỀN', 'VĂN BẢN ỦY QUYỀN']),
            'I. Bên ủy quyền:',
            `Họ, chữ đệm, tên: ${requester.name}`,
            `Số định danh cá nhân: ${requester.id}`,
            `Nơi cư trú: ${requester.address}`,
            'II. Bên được ủy quyền:',
            `Họ, chữ đệm, tên: ${partner.name}`,
            `Số định danh cá nhân: ${partner.id}`,
            'III. Nội dung ủy quyền: thay mặt tôi nộp hồ sơ và nhận kết quả thủ tục hành chính.',
            'Thời hạn ủy quyền: 30 ngày.',
            signPlace(random),
          ],
        ],
      }
    case 'to-khai-lltp':
      return {
        kind,
        fields: {requesterName: requester.name, requesterIdNumber: requester.id, dateOfBirth: requester.dob.iso, gender: requester.gender},
        pages: paged(random, [
          'Mẫu số 03/2013/TT-LLTP',
          ...HEADER,
          ...title(random, 'TỜ KHAI YÊU CẦU CẤP PHIẾU LÝ LỊCH TƯ PHÁP'),
          'Kính gửi: Sở Tư pháp',
          `1. Họ và tên: ${leader(random, requester.name)}`,
          `2. Giới tính: ${requester.gender === 'male' ? 'Nam' : 'Nữ'}`,
          `3. Ngày, tháng, năm sinh: ${writtenDate(random, requester.dob.iso)}`,
          `4. Nơi sinh: ${requester.province}`,
          `5. Số định danh cá nhân: ${requester.id}`,
          `6. Nơi thường trú: ${requester.address}`,
          '7. Quá trình cư trú: từ năm 18 tuổi đến nay sinh sống tại địa chỉ trên',
          '8. Tình trạng án tích: Không',
          'Số lượng Phiếu lý lịch tư pháp yêu cầu cấp: 01',
          ...closing(random),
        ]),
      }
    default:
      throw new Error(`no generator for ${kind}`)
  }
}

/** A long form sometimes runs onto a second page, which has no title. */
function paged(random: Random, lines: PageContent, chance = 0.3): PageContent[] {
  if (random() >= chance) return [lines]
  const cut = Math.max(8, lines.length - 4)
  return [lines.slice(0, cut), lines.slice(cut)]
}

function idCard(random: Random, who: Person): GeneratedDocument {
  const gender = who.gender === 'male' ? 'Nam' : 'Nữ'
  const front = [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'CĂN CƯỚC CÔNG DÂN',
    `Số / No.: ${who.id}`,
    'Họ và tên / Full name:',
    who.name,
    `Ngày sinh / Date of birth: ${who.dob.printed}`,
    `Giới tính / Sex: ${gender}   Quốc tịch: Việt Nam`,
    'Nơi thường trú / Place of residence:',
    who.address,
    `Có giá trị đến: ${who.dob.printed.slice(0, 6)}${Number(who.dob.printed.slice(6)) + 60}`,
  ]
  const back = [
    'Đặc điểm nhân dạng / Personal identification:',
    `Nốt ruồi C: ${1 + Math.floor(random() * 3)}cm trên sau đầu mày ${pick(random, ['trái', 'phải'])}`,
    `Ngày, tháng, năm / Date, month, year: ${who.issue.printed}`,
    'CỤC TRƯỞNG CỤC CẢNH SÁT',
    'QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI',
    'Ngón trỏ trái        Ngón trỏ phải',
    `IDVNM${who.id.slice(3)}${who.id}<<${Math.floor(random() * 10)}`,
  ]
  const payload = [who.id, who.oldId ?? '', titleCase(who.name), who.dob.compact, gender, who.address, who.issue.compact].join('|')
  const fields: Record<string, string> = {
    idNumber: who.id,
    fullName: who.name,
    dateOfBirth: who.dob.iso,
    gender: who.gender,
    permanentAddress: who.address,
    issueDate: who.issue.iso,
  }
  if (who.oldId) fields.oldIdNumber = who.oldId
  return {kind: 'cccd', pages: [], fields, card: {front, back, payload, layout: random() < 0.75 ? 'one-page' : 'two-pages'}}
}

/**
 * The marriage declaration as the Ministry's form sets it: the bride's and the groom's
 * particulars in two columns (Bên nữ, Bên nam), one signature block under each. The first
 * party on the form (the bride) is the requester the fields name.
 */
function marriageColumns(random: Random, requester: Person, partner: Person): GeneratedDocument {
  const bride = requester.gender === 'female' ? requester : partner
  const groom = requester.gender === 'female' ? partner : requester
  const party = (heading: string, who: Person) => [
    heading,
    `Họ, chữ đệm, tên: ${who.name}`,
    `Ngày, tháng, năm sinh: ${writtenDate(random, who.dob.iso)}`,
    'Dân tộc: Kinh',
    'Quốc tịch: Việt Nam',
    `Nơi cư trú: ${who.address}`,
    'Số định danh cá nhân:',
    who.id,
    'Kết hôn lần thứ: Một',
  ]
  return {
    kind: 'to-khai-ket-hon',
    fields: {requesterName: bride.name, requesterIdNumber: bride.id},
    pages: [
      [
        ...HEADER,
        ...title(random, 'TỜ KHAI ĐĂNG KÝ KẾT HÔN'),
        `Kính gửi: ${office(random)}`,
        {columns: [party('Bên nữ', bride), party('Bên nam', groom)]},
        'Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn của chúng tôi là tự nguyện.',
        signPlace(random),
        signatures(['Bên nữ', '(Ký, ghi rõ họ tên)', bride.name], ['Bên nam', '(Ký, ghi rõ họ tên)', groom.name]),
      ],
    ],
  }
}

/**
 * An ID-card application form (Mẫu CC01) left blank: a document about an ID card, not one,
 * whose empty blanks must read as no value.
 */
export function blankIdCardForm(random: Random): GeneratedDocument {
  const blank = () => '.'.repeat(20 + Math.floor(random() * 20))
  return {
    kind: 'unknown',
    fields: {},
    pages: [
      [
        ...agencyHeader(random, ['Mẫu CC01']),
        'TỜ KHAI CĂN CƯỚC CÔNG DÂN',
        `1. Họ, chữ đệm và tên khai sinh: ${blank()}`,
        `2. Năm sinh: ${blank()}`,
        `3. Giới tính: ${blank()}   4. Số định danh cá nhân: ${blank()}`,
        `5. Nơi thường trú: ${blank()}`,
        `6. Nơi ở hiện tại: ${blank()}`,
        signatures([], ['NGƯỜI KHAI', '(Ký, ghi rõ họ tên)']),
      ],
    ],
  }
}
