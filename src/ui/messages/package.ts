import type {MessageTable} from './types.js'

/** Packaging (BagIt), verification and the `run` summary. */
export const packageMessages = {
  'package.exists': {
    vi: 'Đã có gói hồ sơ ở {file}; không ghi đè.',
    en: 'A package already exists at {file}; it is not overwritten.',
  },
  'package.schema-invalid': {
    vi: 'Lỗi nội bộ: bản ghi {schema} không đúng lược đồ tại {path}: {detail}',
    en: 'Internal error: the {schema} record breaks its schema at {path}: {detail}',
  },
  'package.unsafe-path': {
    vi: 'Lỗi nội bộ: đường dẫn tệp trong gói không an toàn: {file}',
    en: 'Internal error: unsafe file path in the package: {file}',
  },
  'record.unreadable': {
    vi: 'Không đọc được bản ghi số hóa {file}: {detail}',
    en: 'Cannot read the digitisation record {file}: {detail}',
  },
  'record.invalid': {
    vi: 'Bản ghi số hóa {file} không hợp lệ tại {path}: {detail}',
    en: 'The digitisation record {file} is invalid at {path}: {detail}',
  },
  'pack.hoso-unreadable': {
    vi: 'Không đọc được hoso.json {file}: {detail}',
    en: 'Cannot read hoso.json {file}: {detail}',
  },
  'pack.file-missing': {
    vi: 'Thiếu tệp {file} mà bản ghi số hóa nhắc tới.',
    en: 'Missing file {file} named in the digitisation record.',
  },
  'pack.done': {
    vi: 'Đã đóng gói {code} → {path} ({files} tệp, Payload-Oxum {oxum}).',
    en: 'Packaged {code} → {path} ({files} files, Payload-Oxum {oxum}).',
  },
  'verify.not-a-folder': {
    vi: 'Không phải thư mục gói hồ sơ (BagIt): {file}',
    en: 'Not a package (BagIt) folder: {file}',
  },
  'verify.ok': {
    vi: 'Gói {bag} hợp lệ ({mode}, {files} tệp).',
    en: 'Package {bag} is valid ({mode}, {files} files).',
  },
  'verify.failed': {
    vi: 'Gói {bag} KHÔNG hợp lệ: {count} lỗi.',
    en: 'Package {bag} is NOT valid: {count} problem(s).',
  },
  'bag.missing-file': {vi: 'Thiếu tệp {path}', en: 'Missing file {path}'},
  'bag.declaration-invalid': {vi: 'bagit.txt không khai báo BagIt-Version 1.0', en: 'bagit.txt does not declare BagIt-Version 1.0'},
  'bag.info-missing-field': {vi: 'bag-info.txt thiếu trường {field}', en: 'bag-info.txt lacks the {field} field'},
  'bag.oxum-mismatch': {
    vi: 'Payload-Oxum khai báo {declared} nhưng thực tế là {actual} (số byte.số tệp)',
    en: 'Payload-Oxum says {declared} but the payload is {actual} (octets.files)',
  },
  'bag.unlisted-file': {vi: 'Tệp {path} không có trong manifest', en: 'File {path} is not in the manifest'},
  'bag.checksum-mismatch': {
    vi: 'Mã băm SHA-256 của {path} không khớp {manifest} (tệp đã bị thay đổi)',
    en: 'SHA-256 of {path} does not match {manifest} (the file was changed)',
  },
  'bag.manifest-malformed': {vi: '{path} dòng {line} không đúng định dạng', en: '{path} line {line} is malformed'},
  'bag.unsafe-path': {
    vi: '{path} trỏ ra ngoài gói hoặc có đường dẫn không hợp lệ: {entry}',
    en: '{path} points outside the package or has an invalid path: {entry}',
  },
  'bag.symlink': {vi: '{path} là liên kết tượng trưng; gói không được chứa liên kết', en: '{path} is a symbolic link; a package may not contain links'},
  'bag.manifest-not-utf8': {
    vi: '{path} dòng {line} không phải UTF-8 (BagIt yêu cầu UTF-8); không kiểm được tệp mà dòng này nêu',
    en: '{path} line {line} is not UTF-8 (BagIt requires UTF-8); the file it names cannot be checked',
  },
  'bag.name-not-utf8': {
    vi: 'Tên tệp {path} không phải UTF-8; gói BagIt chỉ chứa tên UTF-8',
    en: 'The file name {path} is not UTF-8; a BagIt package holds UTF-8 names only',
  },
  'bag.not-a-file': {vi: '{path} không phải tệp thông thường', en: '{path} is not a regular file'},
  'bag.json-invalid': {vi: '{path} không phải JSON hợp lệ: {detail}', en: '{path} is not valid JSON: {detail}'},
  'bag.record-file-missing': {vi: 'Thiếu tệp {path} của tài liệu số {document}', en: 'Missing file {path} of document {document}'},
  'bag.review-sheet-missing': {vi: 'Thiếu phiếu kiểm tra {path} mà sohoa.json ghi', en: 'The review sheet {path} named in sohoa.json is missing'},
  'bag.review-sheet-external': {
    vi: 'Phiếu kiểm tra {path} tải nội dung từ bên ngoài ({found}); phiếu phải tự chứa, không mạng, không script',
    en: 'The review sheet {path} loads something from outside ({found}); it must be self-contained, no network, no scripts',
  },
  'bag.pdf-invalid': {vi: '{path} không phải PDF hợp lệ: {detail}', en: '{path} is not a well-formed PDF: {detail}'},
  'bag.pdf-version': {vi: '{path} là PDF {version}; cần PDF 1.4 trở lên', en: '{path} is PDF {version}; PDF 1.4 or later is required'},
  'bag.pdf-pages-mismatch': {
    vi: '{path} có {pages} trang nhưng bản ghi nói {expected}',
    en: '{path} has {pages} page(s) but the record says {expected}',
  },
  'bag.identifier-mismatch': {
    vi: 'External-Identifier {declared} khác mã hồ sơ {record} trong sohoa.json',
    en: 'External-Identifier {declared} differs from the dossier code {record} in sohoa.json',
  },
  'run.owner-unknown': {
    vi: 'Không tìm thấy số định danh của người nộp hồ sơ; mã số hóa dùng mã cơ quan {agency} làm chủ sở hữu',
    en: "The applicant's personal ID was not found; digitisation codes use the agency {agency} as owner",
  },
  'run.owner-unknown.hint': {
    vi: 'Dùng --owner-id <số định danh 12 số> hoặc nộp kèm bản sao thẻ căn cước',
    en: 'Give --owner-id <12-digit ID> or include a copy of the ID card',
  },
  'run.progress': {vi: 'Số hóa hồ sơ', en: 'Digitising the dossier'},
  'run.packaged': {
    vi: 'Hồ sơ {code} ({procedure}): {documents} tài liệu → {path}',
    en: 'Dossier {code} ({procedure}): {documents} document(s) → {path}',
  },
  'run.not-packaged': {
    vi: 'Hồ sơ không hợp lệ và --strict: không đóng gói.',
    en: 'The dossier is invalid and --strict is set: not packaged.',
  },
  'run.valid': {vi: 'Hồ sơ hợp lệ.', en: 'The dossier is valid.'},
  'run.invalid': {vi: 'Hồ sơ chưa hợp lệ: {count} lỗi (xem dưới).', en: 'The dossier is not valid: {count} error(s) (below).'},
  'run.document': {
    vi: '  {code}  {kind} ({confidence}%), {pages} trang',
    en: '  {code}  {kind} ({confidence}%), {pages} page(s)',
  },
  'run.page-dropped': {vi: '  bỏ trang trắng: {file} trang {page}', en: '  dropped blank page: {file} page {page}'},
  'run.owner-id-format': {
    vi: '--owner-id {value} không phải số định danh cá nhân 12 chữ số, mã số thuế hay mã cơ quan',
    en: '--owner-id {value} is not a 12-digit personal ID, a tax code or an agency code',
  },
  'run.agency-required': {
    vi: 'Thiếu mã cơ quan tiếp nhận: dùng --agency hoặc đặt biến SOHOA_AGENCY',
    en: 'The receiving agency is missing: give --agency or set SOHOA_AGENCY',
  },
} satisfies MessageTable
