/** Random but consistent Vietnamese people for the accuracy corpus: names, IDs that agree with birth dates and genders. */
export type Random = () => number

const FAMILY = ['NGUYỄN', 'TRẦN', 'LÊ', 'PHẠM', 'HOÀNG', 'HUỲNH', 'PHAN', 'VŨ', 'VÕ', 'ĐẶNG', 'BÙI', 'ĐỖ', 'HỒ', 'NGÔ', 'DƯƠNG', 'LÝ']
const MIDDLE_MALE = ['VĂN', 'ĐỨC', 'MINH', 'QUỐC', 'HỮU', 'THANH', 'CÔNG', 'XUÂN', 'ĐÌNH']
const MIDDLE_FEMALE = ['THỊ', 'NGỌC', 'THU', 'MINH', 'THANH', 'HỒNG', 'KIM', 'THÙY', 'PHƯƠNG']
const GIVEN_MALE = ['AN', 'BÌNH', 'CƯỜNG', 'DŨNG', 'HÙNG', 'KHÔI', 'LONG', 'NAM', 'PHÚC', 'QUÂN', 'SƠN', 'THẮNG', 'TUẤN', 'VIỆT', 'HIẾU', 'ĐẠT']
const GIVEN_FEMALE = ['ANH', 'CHI', 'DUNG', 'HÀ', 'HẰNG', 'HƯƠNG', 'LAN', 'LINH', 'MAI', 'NGA', 'NHUNG', 'OANH', 'THẢO', 'TRANG', 'YẾN', 'THỦY']
const PROVINCES = [
  ['001', 'Hà Nội'],
  ['022', 'Quảng Ninh'],
  ['038', 'Thanh Hóa'],
  ['040', 'Nghệ An'],
  ['048', 'Đà Nẵng'],
  ['079', 'Hồ Chí Minh'],
  ['092', 'Cần Thơ'],
  ['031', 'Hải Phòng'],
] as const
const STREETS = ['Phố Huế', 'Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Trãi', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Quang Trung', 'Điện Biên Phủ']
const WARDS = ['phường Hàng Bạc', 'phường Bến Nghé', 'xã An Bình', 'phường Lê Lợi', 'xã Tân Phú', 'phường Trần Phú']

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!

export interface Person {
  name: string
  gender: 'male' | 'female'
  /** dd/MM/yyyy as printed, and YYYY-MM-DD as expected. */
  dob: {printed: string; iso: string; compact: string}
  id: string
  oldId?: string
  address: string
  province: string
  issue: {printed: string; iso: string; compact: string}
}

export function day(random: Random, fromYear: number, toYear: number) {
  const year = fromYear + Math.floor(random() * (toYear - fromYear + 1))
  const month = 1 + Math.floor(random() * 12)
  const dayOfMonth = 1 + Math.floor(random() * 28)
  const pad = (value: number) => String(value).padStart(2, '0')
  return {printed: `${pad(dayOfMonth)}/${pad(month)}/${year}`, iso: `${year}-${pad(month)}-${pad(dayOfMonth)}`, compact: `${pad(dayOfMonth)}${pad(month)}${year}`}
}

export function person(random: Random, options: {gender?: 'male' | 'female'; fromYear?: number; toYear?: number} = {}): Person {
  const gender = options.gender ?? (random() < 0.5 ? 'male' : 'female')
  const male = gender === 'male'
  const name = [pick(random, FAMILY), pick(random, male ? MIDDLE_MALE : MIDDLE_FEMALE), ...(random() < 0.3 ? [pick(random, male ? MIDDLE_MALE : MIDDLE_FEMALE)] : []), pick(random, male ? GIVEN_MALE : GIVEN_FEMALE)].join(' ')
  const dob = day(random, options.fromYear ?? 1955, options.toYear ?? 2004)
  const year = Number(dob.iso.slice(0, 4))
  const [code, provinceName] = pick(random, PROVINCES)
  const centuryDigit = Math.floor((year - 1900) / 100) * 2 + (male ? 0 : 1)
  const id = `${code}${centuryDigit}${String(year % 100).padStart(2, '0')}${String(Math.floor(random() * 1e6)).padStart(6, '0')}`
  const address = `Số ${1 + Math.floor(random() * 200)} ${pick(random, STREETS)}, ${pick(random, WARDS)}, ${provinceName}`
  const issue = day(random, Math.max(year + 14, 2016), 2024)
  const oldId = random() < 0.4 ? {oldId: String(100000000 + Math.floor(random() * 899999999))} : {}
  return {name, gender, dob, id, ...oldId, address, province: provinceName, issue}
}

/** Name as the QR payload carries it: capitalised words. */
export function titleCase(name: string): string {
  return name
    .toLocaleLowerCase('vi')
    .split(' ')
    .map((word) => word.charAt(0).toLocaleUpperCase('vi') + word.slice(1))
    .join(' ')
}

/** A date as people write it on a form: slashes, dots, dashes without zeros, or in words. */
export function writtenDate(random: Random, iso: string): string {
  const [year, month, dayOfMonth] = iso.split('-')
  const d = Number(dayOfMonth)
  const m = Number(month)
  switch (Math.floor(random() * 4)) {
    case 0:
      return `${dayOfMonth}/${month}/${year}`
    case 1:
      return `${dayOfMonth}.${month}.${year}`
    case 2:
      return `${d}-${m}-${year}`
    default:
      return `ngày ${dayOfMonth} tháng ${m} năm ${year}`
  }
}
