/**
 * Vietnamese administrative text for generated pages: the kind of wording a commune
 * one-stop desk sees on forms and extracts of the civil-status law.
 */
export const FORM_PAGE = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'TỜ KHAI ĐĂNG KÝ KHAI SINH',
  'Kính gửi: Ủy ban nhân dân xã Quảng Phú, tỉnh Thanh Hóa',
  'Họ, chữ đệm, tên người yêu cầu: Nguyễn Thị Hồng Nhung',
  'Số định danh cá nhân: 038185012345',
  'Nơi cư trú: thôn Đông Hưng, xã Quảng Phú, tỉnh Thanh Hóa',
  'Quan hệ với người được đăng ký khai sinh: mẹ đẻ',
  'Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:',
  'Họ, chữ đệm, tên: Lê Minh Khuê',
  'Ngày, tháng, năm sinh: 15/03/2024, ghi bằng chữ: ngày mười lăm',
  'tháng ba năm hai nghìn không trăm hai mươi bốn',
  'Giới tính: Nữ. Dân tộc: Kinh. Quốc tịch: Việt Nam',
  'Nơi sinh: Bệnh viện Đa khoa tỉnh Thanh Hóa',
  'Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng',
  'sự thật, được sự thỏa thuận nhất trí của các bên liên quan.',
]

export const LAW_PAGE = [
  'Điều 16. Thủ tục đăng ký khai sinh',
  'Người đi đăng ký khai sinh nộp tờ khai theo mẫu quy định và giấy',
  'chứng sinh cho cơ quan đăng ký hộ tịch. Trường hợp không có giấy',
  'chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh.',
  'Ngay sau khi nhận đủ giấy tờ theo quy định, nếu thấy thông tin khai',
  'sinh đầy đủ và phù hợp, công chức tư pháp - hộ tịch ghi nội dung khai',
  'sinh vào Sổ hộ tịch; cập nhật vào Cơ sở dữ liệu hộ tịch điện tử, Cơ',
  'sở dữ liệu quốc gia về dân cư để lấy số định danh cá nhân.',
  'Công chức tư pháp - hộ tịch và người đi đăng ký khai sinh cùng ký tên',
  'vào Sổ hộ tịch. Chủ tịch Ủy ban nhân dân cấp xã cấp Giấy khai sinh',
  'cho người được đăng ký khai sinh.',
]
