import type {MessageTable} from './types.js'

/** The digitiser's signature (PAdES), its verification, and `sohoa config`. */
export const signingMessages = {
  'config.unknown-key': {
    vi: 'Không có thiết lập "{key}". Các thiết lập: {keys}',
    en: 'No setting called "{key}". Settings: {keys}',
  },
  'config.empty-value': {vi: 'Giá trị của {key} không được để trống.', en: 'The value of {key} cannot be empty.'},
  'config.not-integer': {
    vi: '{key} phải là một số (thập phân hoặc 0x…): {value}',
    en: '{key} must be a number (decimal or 0x…): {value}',
  },
  'config.unreadable': {
    vi: 'Không đọc được tệp thiết lập {file}: {detail}',
    en: 'Cannot read the settings file {file}: {detail}',
  },
  'config.set': {vi: 'Đã lưu {key} = {value} vào {file}', en: 'Stored {key} = {value} in {file}'},
  'config.unset': {vi: 'Đã xóa {key} khỏi {file}', en: 'Removed {key} from {file}'},
  'config.not-set': {
    vi: 'Chưa đặt {key} (có thể đặt bằng sohoa config set hoặc biến {env}).',
    en: '{key} is not set (set it with sohoa config set or {env}).',
  },
  'config.file': {vi: 'Tệp thiết lập: {file}', en: 'Settings file: {file}'},
  'config.from-env': {vi: 'từ biến {env}', en: 'from {env}'},
  'config.from-file': {vi: 'từ tệp thiết lập', en: 'from the settings file'},

  'sign.two-keys': {
    vi: 'Chỉ dùng một khóa ký: tệp PKCS#12 hoặc thiết bị PKCS#11, không cả hai.',
    en: 'Use one signing key: a PKCS#12 file or a PKCS#11 token, not both.',
  },
  'sign.no-key': {
    vi: '--sign cần khóa ký đã lưu: sohoa config set signer.p12 <tệp> hoặc signer.pkcs11-module <module.so>.',
    en: '--sign needs a stored key: sohoa config set signer.p12 <file> or signer.pkcs11-module <module.so>.',
  },
  'sign.key-label-required': {
    vi: 'Ký bằng thiết bị PKCS#11 cần nhãn khóa: --key-label hoặc sohoa config set signer.key-label.',
    en: 'Signing with a PKCS#11 token needs the key label: --key-label or sohoa config set signer.key-label.',
  },
  'sign.secret-needed': {
    vi: 'Cần mật khẩu/PIN cho {subject} nhưng không có terminal để hỏi: đặt biến {env}.',
    en: 'The password/PIN for {subject} is needed but there is no terminal to ask on: set {env}.',
  },
  'sign.prompt.pkcs12-password': {vi: 'Mật khẩu tệp khóa {subject}:', en: 'Password of the key file {subject}:'},
  'sign.prompt.pkcs11-pin': {vi: 'Mã PIN của thiết bị ký (khóa {subject}):', en: 'PIN of the signing token (key {subject}):'},
  'sign.p12-unreadable': {
    vi: 'Không đọc được tệp khóa PKCS#12 {file}: {detail}',
    en: 'Cannot read the PKCS#12 key file {file}: {detail}',
  },
  'sign.p12-password': {vi: 'Sai mật khẩu của tệp khóa {file}.', en: 'Wrong password for the key file {file}.'},
  'sign.p12-no-key': {vi: 'Tệp {file} không chứa khóa bí mật RSA.', en: 'The file {file} holds no RSA private key.'},
  'sign.p12-no-certificate': {
    vi: 'Tệp {file} không chứa chứng thư số của khóa.',
    en: 'The file {file} holds no certificate for its key.',
  },
  'sign.pkcs11-module-missing': {vi: 'Không thấy thư viện PKCS#11 {file}.', en: 'PKCS#11 module not found: {file}.'},
  'sign.pkcs11-module-failed': {
    vi: 'Không dùng được thư viện PKCS#11 {file}: {detail}',
    en: 'The PKCS#11 module {file} failed: {detail}',
  },
  'sign.pkcs11-no-slot': {
    vi: 'Không thấy thiết bị ký ở khe {slot} (các khe có thiết bị: {slots}).',
    en: 'No token in slot {slot} (slots with a token: {slots}).',
  },
  'sign.pkcs11-pin': {
    vi: 'Không đăng nhập được thiết bị {label}: sai PIN? ({detail})',
    en: 'Cannot log in to the token {label}: wrong PIN? ({detail})',
  },
  'sign.pkcs11-no-key': {
    vi: 'Thiết bị không có khóa bí mật nhãn "{label}".',
    en: 'The token has no private key labelled "{label}".',
  },
  'sign.pkcs11-no-certificate': {
    vi: 'Thiết bị không có chứng thư số cho khóa "{label}".',
    en: 'The token has no certificate for the key "{label}".',
  },
  'sign.pkcs11-sign-failed': {
    vi: 'Thiết bị không ký được bằng khóa "{label}": {detail}',
    en: 'The token could not sign with the key "{label}": {detail}',
  },

  'verify.trust-empty': {
    vi: 'Tệp {file} không chứa chứng thư CA nào (PEM).',
    en: 'The file {file} holds no CA certificate (PEM).',
  },
  'verify.unsigned': {vi: '{file}: chưa ký số', en: '{file}: not signed'},
  'verify.signature-ok': {
    vi: '{file}: chữ ký hợp lệ của {signer} lúc {time}',
    en: '{file}: valid signature by {signer} at {time}',
  },
  'verify.signature-trusted': {
    vi: '{file}: chữ ký hợp lệ của {signer} lúc {time}, chứng thư tin cậy',
    en: '{file}: valid signature by {signer} at {time}, trusted certificate',
  },
  'verify.signature-bad': {vi: '{file}: chữ ký của {signer} KHÔNG hợp lệ', en: '{file}: the signature by {signer} is NOT valid'},
  'signature.missing': {vi: 'PDF chưa được ký số (yêu cầu --require-signed)', en: 'The PDF is not signed (--require-signed)'},
  'signature.subfilter': {vi: 'Kiểu chữ ký {subFilter} không được hỗ trợ', en: 'Unsupported signature kind {subFilter}'},
  'signature.byte-range': {
    vi: 'Vùng ký (/ByteRange {range}) không phủ cả tệp trừ chữ ký ({reason})',
    en: 'The signed range (/ByteRange {range}) does not cover the whole file but the signature ({reason})',
  },
  'signature.changed-after-signing': {
    vi: 'Tệp đã bị thêm dữ liệu sau khi ký: ký {signed} byte, tệp có {size} byte',
    en: 'Data was added after signing: {signed} bytes signed, the file has {size}',
  },
  'signature.cms-unreadable': {vi: 'Chữ ký (CMS) không đọc được: {detail}', en: 'The signature (CMS) cannot be read: {detail}'},
  'signature.no-signer-certificate': {
    vi: 'Chữ ký không kèm chứng thư của người ký',
    en: "The signature does not carry the signer's certificate",
  },
  'signature.digest-algorithm': {vi: 'Chữ ký không dùng SHA-256', en: 'The signature does not use SHA-256'},
  'signature.digest-mismatch': {
    vi: 'Nội dung đã bị thay đổi sau khi ký (mã băm không khớp), người ký {signer}',
    en: 'The content changed after signing (digest mismatch), signer {signer}',
  },
  'signature.signature-invalid': {
    vi: 'Chữ ký của {signer} không đúng với khóa công khai',
    en: 'The signature by {signer} does not verify with its public key',
  },
  'signature.signing-certificate-missing': {
    vi: 'Thiếu thuộc tính signing-certificate-v2 (PAdES B-B)',
    en: 'The signing-certificate-v2 attribute is missing (PAdES B-B)',
  },
  'signature.signing-certificate-mismatch': {
    vi: 'signing-certificate-v2 không khớp chứng thư của người ký',
    en: "signing-certificate-v2 does not match the signer's certificate",
  },
  'signature.certificate-not-valid-at-time': {
    vi: 'Chứng thư của {signer} không còn hiệu lực lúc ký (hiệu lực {notBefore} – {notAfter})',
    en: "{signer}'s certificate was not valid at signing time (valid {notBefore} – {notAfter})",
  },
  'signature.untrusted': {
    vi: 'Chứng thư của {signer} không dẫn tới CA tin cậy nào trong --trust',
    en: "{signer}'s certificate does not chain to a CA given with --trust",
  },
} satisfies MessageTable
