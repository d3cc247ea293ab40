import type {MessageTable} from './types.js'

/** Procedure schemas: lint problems (with hints), import, list and show. */
export const procedureMessages = {
  'problem.untranslated': {vi: '{detail}', en: '{detail}'},

  'schema.hint': {vi: 'Xem schemas/procedure.schema.json', en: 'See schemas/procedure.schema.json'},
  'schema.required': {vi: 'Thiếu thuộc tính bắt buộc "{missingProperty}"', en: 'Required property "{missingProperty}" is missing'},
  'schema.additionalProperties': {vi: 'Thuộc tính không được phép "{additionalProperty}"', en: 'Property "{additionalProperty}" is not allowed'},
  'schema.additionalProperties.hint': {vi: 'Xóa thuộc tính hoặc sửa lỗi chính tả tên thuộc tính', en: 'Remove it, or fix the spelling of the property name'},
  'schema.type': {vi: 'Sai kiểu dữ liệu, cần {type}', en: 'Wrong type, {type} expected'},
  'schema.enum': {vi: 'Giá trị không thuộc danh sách cho phép {allowedValues}', en: 'Value is not one of {allowedValues}'},
  'schema.const': {vi: 'Giá trị phải là {allowedValue}', en: 'Value must be {allowedValue}'},
  'schema.pattern': {vi: 'Giá trị không đúng dạng {pattern}', en: 'Value does not match {pattern}'},
  'schema.minLength': {vi: 'Chuỗi ngắn hơn {limit} ký tự', en: 'Text is shorter than {limit} character(s)'},
  'schema.minItems': {vi: 'Danh sách có ít hơn {limit} phần tử', en: 'List has fewer than {limit} item(s)'},
  'schema.minItems.hint': {
    vi: 'Mỗi thủ tục cần ít nhất một trường hợp, mỗi trường hợp ít nhất một thành phần hồ sơ',
    en: 'A procedure needs at least one case, and each case at least one component',
  },
  'schema.minimum': {vi: 'Giá trị nhỏ hơn {limit}', en: 'Value is below {limit}'},
  'schema.uniqueItems': {vi: 'Danh sách có phần tử trùng (vị trí {i} và {j})', en: 'List has duplicate items (positions {i} and {j})'},

  'lint.file-unreadable': {vi: 'Không đọc được tệp {file} ({detail})', en: 'Cannot read file {file} ({detail})'},
  'lint.file-unreadable.hint': {vi: 'Kiểm tra đường dẫn và quyền đọc', en: 'Check the path and read permission'},
  'lint.invalid-json': {vi: 'JSON không hợp lệ ở dòng {line}, cột {column}: {detail}', en: 'Invalid JSON at line {line}, column {column}: {detail}'},
  'lint.invalid-json.hint': {vi: 'Thường do thiếu dấu phẩy, ngoặc hoặc dấu nháy', en: 'Usually a missing comma, bracket or quote'},
  'lint.procedure-code': {vi: 'Mã thủ tục không hợp lệ: {value}', en: 'Malformed procedure code: {value}'},
  'lint.procedure-code.hint': {vi: 'Dạng d.dddddd, có thể thêm mã cơ quan: 1.001193 hoặc 1.001193.000.00.00.H56', en: 'd.dddddd, optionally with an agency suffix: 1.001193 or 1.001193.000.00.00.H56'},
  'lint.result-code': {vi: 'Mã loại kết quả không hợp lệ: {value}', en: 'Malformed result-type code: {value}'},
  'lint.result-code.hint': {
    vi: 'Dạng KQ.<mã cấp 1>.<6 chữ số>, ví dụ KQ.G15.000031; nếu nguồn ghi mã sai, chuyển mã đó sang "sourceCode"',
    en: 'KQ.<level-1>.<6 digits>, e.g. KQ.G15.000031; if the source gives a malformed code, move it to "sourceCode"',
  },
  'lint.duplicate-result-code': {vi: 'Mã kết quả {value} lặp lại (đã có ở {first})', en: 'Result code {value} repeats (first at {first})'},
  'lint.duplicate-result-code.hint': {vi: 'Gộp hai kết quả hoặc sửa mã', en: 'Merge the two results or fix the code'},
  'lint.official-component-code': {vi: 'Mã thành phần hồ sơ chính thức không đúng dạng: {value}', en: 'Official component code is malformed: {value}'},
  'lint.official-component-code.hint': {
    vi: 'Dạng 000.00.00.G15-KQ004389 hoặc G15-KQ000123; nếu nguồn không có mã hợp lệ, dùng mã nội bộ (codeSource "local") và giữ mã gốc trong "sourceCode"',
    en: 'Like 000.00.00.G15-KQ004389 or G15-KQ000123; if the source has no valid code, use a local code (codeSource "local") and keep the source\'s in "sourceCode"',
  },
  'lint.local-component-code': {vi: 'Mã thành phần nội bộ không đúng dạng: {value}', en: 'Local component code is malformed: {value}'},
  'lint.local-component-code.hint': {vi: 'Chữ hoa, chữ số, gạch ngang, bắt đầu bằng chữ, ví dụ TP01', en: 'Upper-case letters, digits and hyphens starting with a letter, e.g. TP01'},
  'lint.duplicate-component-code': {vi: 'Mã thành phần {value} lặp lại trong cùng trường hợp (đã có ở {first})', en: 'Component code {value} repeats within the case (first at {first})'},
  'lint.duplicate-component-code.hint': {vi: 'Mỗi thành phần trong một trường hợp cần mã riêng để mã số hóa không trùng', en: 'Each component of a case needs its own code, or digitisation codes collide'},
  'lint.local-code-reused': {vi: 'Mã nội bộ {value} dùng cho hai giấy tờ khác nhau', en: 'Local code {value} names two different documents'},
  'lint.local-code-reused.hint': {vi: 'Đặt mã nội bộ khác cho một trong hai', en: 'Give one of them another local code'},
  'lint.unknown-kind': {vi: 'Loại giấy tờ không có trong danh mục: {value}', en: 'Unknown document kind: {value}'},
  'lint.unknown-kind.hint': {
    vi: 'Dùng một mã trong templates/document-kind-ids.json (cccd, giay-chung-sinh, ct01, …)',
    en: 'Use an id of templates/document-kind-ids.json (cccd, giay-chung-sinh, ct01, …)',
  },
  'lint.required-without-copies': {vi: 'Thành phần bắt buộc nhưng số bản chính và bản sao đều bằng 0: {name}', en: 'Required component with zero originals and zero copies: {name}'},
  'lint.required-without-copies.hint': {vi: 'Ghi số bản chính/bản sao, hoặc đặt "required": false nếu chỉ là ghi chú', en: 'Set the number of originals/copies, or "required": false if it is only a note'},
  'lint.duplicate-case': {vi: 'Tên trường hợp lặp lại: {value}', en: 'Case name repeats: {value}'},
  'lint.duplicate-case.hint': {vi: 'Gộp các thành phần vào một trường hợp', en: 'Merge their components into one case'},

  'import.unknown-shape': {
    vi: 'Không nhận ra dạng bản ghi (cần MATTHC, ma_thu_tuc hoặc ma_tthc); có các khóa: {keys}',
    en: 'Unknown record shape (MATTHC, ma_thu_tuc or ma_tthc expected); keys: {keys}',
  },
  'import.unknown-shape.hint': {
    vi: 'Nhập tệp JSONL của DVCQG, JSON dạng LayThuTuc hoặc JSON của CSDL TTHC',
    en: 'Import the DVCQG crawl JSONL, LayThuTuc-shaped JSON or the procedures-database JSON',
  },
  'import.skipped-item': {vi: 'Bỏ qua một dòng của bảng thành phần hồ sơ không có tên giấy tờ: {text}', en: 'Skipped a component-table row with no document name: {text}'},
  'import.bad-count': {vi: 'Số bản chính/bản sao không phải số: {value}; coi là 0', en: 'Number of originals/copies is not a number: {value}; read as 0'},
  'import.missing-code': {vi: 'Bản ghi không có mã thủ tục', en: 'The record has no procedure code'},
  'import.missing-name': {vi: 'Thủ tục {code} không có tên', en: 'Procedure {code} has no name'},
  'import.no-components': {
    vi: 'Thủ tục {code}: không đọc được thành phần hồ sơ nào ({notes} ghi chú)',
    en: 'Procedure {code}: no dossier component could be read ({notes} note(s))',
  },
  'import.no-components.hint': {
    vi: 'Bảng thành phần hồ sơ trống, bị cắt cụt, hoặc chỉ có ghi chú "0 bản chính"',
    en: 'The component table is empty, truncated, or has only "0 bản chính" notes',
  },
  'import.result-code-kept-as-source': {vi: 'Mã kết quả {value} không đúng dạng KQ.Xnn.nnnnnn; giữ trong "sourceCode"', en: 'Result code {value} is not of the form KQ.Xnn.nnnnnn; kept in "sourceCode"'},
  'import.component-code-kept-as-source': {vi: 'Mã thành phần {value} không hợp lệ; dùng mã nội bộ {code}, giữ mã gốc trong "sourceCode"', en: 'Component code {value} is malformed; local code {code} used, the source code kept in "sourceCode"'},
  'import.duplicate-component': {vi: 'Thành phần {code} lặp lại trong cùng trường hợp; bỏ bản lặp', en: 'Component {code} repeats within its case; the repeat is dropped'},
  'import.duplicate-record': {vi: 'Mã thủ tục {code} đã gặp ở bản ghi {first}; tệp bị ghi đè', en: 'Procedure code {code} already seen in record {first}; its file is overwritten'},
  'import.invalid-json-line': {vi: 'Dòng {line} không phải JSON: {detail}', en: 'Line {line} is not JSON: {detail}'},
  'import.not-json': {vi: 'Tệp không phải JSON hay JSON Lines: {file}', en: 'Not a JSON or JSON Lines file: {file}'},
  'import.summary': {
    vi: 'Đã ghi {written}/{total} thủ tục vào {out} ({percent}%); {failed} bản ghi không nhập được.',
    en: 'Wrote {written}/{total} procedure(s) to {out} ({percent}%); {failed} record(s) not imported.',
  },
  'import.record-failed': {vi: 'Bản ghi {index} ({code}): {message}', en: 'Record {index} ({code}): {message}'},

  'lint.summary': {
    vi: '{files} tệp: {errors} lỗi, {warnings} cảnh báo',
    en: '{files} file(s): {errors} error(s), {warnings} warning(s)',
  },
  'lint.file-ok': {vi: '{file}: hợp lệ', en: '{file}: valid'},
  'label.severity.error': {vi: 'lỗi', en: 'error'},
  'label.severity.warning': {vi: 'cảnh báo', en: 'warning'},
} satisfies MessageTable
