/**
 * The DVCQG dossier record (`DongBoHoSoMC`, SPEC §3.9) that one-stop systems exchange:
 * built from the digitisation record. All values are strings, dates `yyyyMMddHHmmss` in
 * Asia/Ho_Chi_Minh; schemas/hoso.schema.json checks the shape.
 */
import {type Problem, problem} from './problem.js'
import type {ProcedureSchema} from './procedure.js'
import {dossierOwner} from './digitisation.js'
import type {DigitisationRecord} from './record.js'
import {dvcqgTimestamp} from './vietnam-time.js'
import {dueDate, type HolidayCalendar} from './working-days.js'

/** TaiLieuNop — a submitted (here: digitised) document. */
export interface TaiLieuNop {
  TepDinhKemId: string
  TenTepDinhKem: string
  IsDeleted: string
  MaThanhPhanHoSo: string
  DuongDanTaiTepTin: string
  DuocSoHoa: string
  DuocTaiSuDung: string
  DuocLayTuKhoDMQG: string
  MaKetQuaThayThe: string
}

/** DinhDanhCHS — an identifier of the dossier owner (chủ hồ sơ). */
export interface DinhDanhCHS {
  LoaiDinhDanh: string
  SoDinhDanh: string
}

/**
 * LePhi — a fee of the dossier. HinhThucThu and LoaiPhiLePhi follow the values deployed
 * one-stop integrations send (1 = collected at reception; 1 = ordinary fee); no official
 * code list was at hand. MaPhiLePhi stays empty: neither source publishes fee codes.
 */
export interface LePhi {
  TenPhiLePhi: string
  MaPhiLePhi: string
  HinhThucThu: string
  Gia: string
  LoaiPhiLePhi: string
}

export const FEE_AT_RECEPTION = '1'
export const FEE_ORDINARY = '1'

export interface HoSoRecord {
  MaHoSo: string
  MaTTHC: string
  TenTTHC: string
  MaLinhVuc: string
  TenLinhVuc: string
  KenhThucHien: string
  ChuHoSo: string
  LoaiDoiTuong: string
  TrichYeuHoSo: string
  NgayTiepNhan: string
  NgayHenTra: string
  TrangThaiHoSo: string
  DonViXuLy: string
  HoSoCoThanhPhanSoHoa: string
  DinhDanhCHS: DinhDanhCHS[]
  TaiLieuNop: TaiLieuNop[]
  DanhSachGiayToKetQua: unknown[]
  DanhSachLePhi: LePhi[]
  DanhSachTepDinhKemKhac: unknown[]
  DanhSachHoSoBoSung: unknown[]
}

/** KenhThucHien: 1 trực tiếp (at the desk), 2 bưu chính, 3 trực tuyến. */
export const CHANNEL_AT_DESK = '1'
/** LoaiDoiTuong: 1 công dân (citizen). */
export const OWNER_CITIZEN = '1'
/** TrangThaiHoSo 2: Được tiếp nhận — received at the desk. */
export const STATUS_RECEIVED = '2'
/** LoaiDinhDanh 1: số định danh cá nhân (personal ID number). */
export const IDENTIFIER_PERSONAL_ID = '1'

export interface HoSoInput {
  record: DigitisationRecord
  field: {code?: string; name?: string}
  owner: {name: string; idNumber?: string}
  receivedAt: Date
  dueAt?: Date
  fees?: LePhi[]
}

/**
 * hoso.json of a package from its record alone (what `run` writes and `pack` rebuilds). A
 * record written before the reception was kept gives the owner read from its documents.
 */
export function hosoFromRecord(record: DigitisationRecord): HoSoRecord {
  const reception = record.reception ?? {owner: dossierOwner(record.documents), field: {}, fees: []}
  return buildHoSoRecord({
    record,
    field: reception.field,
    owner: reception.owner,
    receivedAt: new Date(record.createdAt),
    ...(reception.dueAt ? {dueAt: new Date(reception.dueAt)} : {}),
    fees: reception.fees,
  })
}

export function buildHoSoRecord({record, field, owner, receivedAt, dueAt, fees}: HoSoInput): HoSoRecord {
  const hasOwner = owner.name !== ''
  return {
    MaHoSo: record.dossierCode,
    MaTTHC: record.procedure.code,
    TenTTHC: record.procedure.name,
    MaLinhVuc: field.code ?? '',
    TenLinhVuc: field.name ?? '',
    KenhThucHien: CHANNEL_AT_DESK,
    ChuHoSo: owner.name,
    LoaiDoiTuong: OWNER_CITIZEN,
    TrichYeuHoSo: hasOwner ? `${record.procedure.name} - ${owner.name}` : record.procedure.name,
    NgayTiepNhan: dvcqgTimestamp(receivedAt),
    NgayHenTra: dueAt ? dvcqgTimestamp(dueAt) : '',
    TrangThaiHoSo: STATUS_RECEIVED,
    DonViXuLy: record.agency,
    HoSoCoThanhPhanSoHoa: record.documents.length > 0 ? '1' : '0',
    DinhDanhCHS: owner.idNumber ? [{LoaiDinhDanh: IDENTIFIER_PERSONAL_ID, SoDinhDanh: owner.idNumber}] : [],
    TaiLieuNop: record.documents.map((document) => ({
      TepDinhKemId: document.code,
      TenTepDinhKem: document.file.split('/').pop()!,
      IsDeleted: '0',
      MaThanhPhanHoSo: document.componentCode ?? '',
      DuongDanTaiTepTin: document.file,
      DuocSoHoa: '1',
      DuocTaiSuDung: '0',
      DuocLayTuKhoDMQG: '0',
      MaKetQuaThayThe: '',
    })),
    DanhSachGiayToKetQua: [],
    DanhSachLePhi: fees ?? [],
    DanhSachTepDinhKemKhac: [],
    DanhSachHoSoBoSung: [],
  }
}

export interface DeskSchedule {
  field: {code?: string; name?: string}
  dueAt?: Date
  fees: LePhi[]
  /** Why NgayHenTra is empty or may be early: data to show the clerk, never a reason to fail. */
  problems: Problem[]
}

/**
 * What the procedure says for a dossier received at the desk (KenhThucHien 1, the direct
 * channel): the due date from its processing time and its fees in VND.
 */
export function deskSchedule(schema: ProcedureSchema, receivedAt: Date, calendar: HolidayCalendar): DeskSchedule {
  const field = {...(schema.fieldCode ? {code: schema.fieldCode} : {}), ...(schema.field ? {name: schema.field} : {})}
  const direct = schema.processing?.find((entry) => entry.channel === 'direct')
  const problems: Problem[] = []
  let dueAt: Date | undefined
  if (direct?.time) {
    const due = dueDate(receivedAt, direct.time, calendar)
    dueAt = due.due
    if (due.uncoveredYears.length > 0) {
      problems.push(
        problem('hoso.holidays-not-covered', '/NgayHenTra', {years: due.uncoveredYears.join(', '), last: calendar.lastYear}, 'warning'),
      )
    }
  } else {
    problems.push(problem('hoso.no-processing-time', '/NgayHenTra', {procedure: schema.code}, 'warning'))
  }
  const fees = (direct?.fees ?? [])
    .filter((fee) => fee.currency === 'VND')
    .map((fee) => ({
      TenPhiLePhi: fee.name,
      MaPhiLePhi: '',
      HinhThucThu: FEE_AT_RECEPTION,
      Gia: String(fee.amount),
      LoaiPhiLePhi: FEE_ORDINARY,
    }))
  return {field, ...(dueAt ? {dueAt} : {}), fees, problems}
}
