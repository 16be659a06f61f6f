//! Document types of Phụ lục III (nd30.md §4).

use serde::{Deserialize, Serialize};

macro_rules! doc_types {
    ($( $(#[$doc:meta])* $var:ident = $abbr:literal, $name:literal; )*) => {
        /// Tên loại văn bản hành chính with its abbreviation (Phụ lục III,
        /// Mục I; nd30.md §4). In serde it is the abbreviation, e.g. `"KH"`.
        ///
        /// ```
        /// use vanban::DocType;
        /// assert_eq!(DocType::KeHoach.abbreviation(), "KH");
        /// assert_eq!(DocType::KeHoach.name(), "Kế hoạch");
        /// assert_eq!(DocType::from_abbreviation("QyĐ"), Some(DocType::QuyDinh));
        /// assert_eq!(DocType::ALL.len(), 27);
        /// ```
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum DocType {
            $( $(#[$doc])* #[serde(rename = $abbr)] $var, )*
        }

        impl DocType {
            /// Every type of the table, in its order.
            pub const ALL: [DocType; 27] = [$(DocType::$var),*];

            /// The abbreviation used in the symbol (`KH`).
            pub fn abbreviation(self) -> &'static str {
                match self { $(DocType::$var => $abbr,)* }
            }

            /// The Vietnamese name (`Kế hoạch`); upper-cased it is the
            /// heading of the document.
            pub fn name(self) -> &'static str {
                match self { $(DocType::$var => $name,)* }
            }

            /// The type of an abbreviation (exact case).
            pub fn from_abbreviation(s: &str) -> Option<DocType> {
                match s { $($abbr => Some(DocType::$var),)* _ => None }
            }
        }
    };
}

doc_types! {
    /// Nghị quyết (cá biệt).
    NghiQuyet = "NQ", "Nghị quyết";
    /// Quyết định (cá biệt).
    QuyetDinh = "QĐ", "Quyết định";
    /// Chỉ thị.
    ChiThi = "CT", "Chỉ thị";
    /// Quy chế.
    QuyChe = "QC", "Quy chế";
    /// Quy định.
    QuyDinh = "QyĐ", "Quy định";
    /// Thông cáo.
    ThongCao = "TC", "Thông cáo";
    /// Thông báo.
    ThongBao = "TB", "Thông báo";
    /// Hướng dẫn.
    HuongDan = "HD", "Hướng dẫn";
    /// Chương trình.
    ChuongTrinh = "CTr", "Chương trình";
    /// Kế hoạch: the type this crate is made for, and the default.
    #[default]
    KeHoach = "KH", "Kế hoạch";
    /// Phương án.
    PhuongAn = "PA", "Phương án";
    /// Đề án.
    DeAn = "ĐA", "Đề án";
    /// Dự án.
    DuAn = "DA", "Dự án";
    /// Báo cáo.
    BaoCao = "BC", "Báo cáo";
    /// Biên bản.
    BienBan = "BB", "Biên bản";
    /// Tờ trình.
    ToTrinh = "TTr", "Tờ trình";
    /// Hợp đồng.
    HopDong = "HĐ", "Hợp đồng";
    /// Công điện.
    CongDien = "CĐ", "Công điện";
    /// Bản ghi nhớ.
    BanGhiNho = "BGN", "Bản ghi nhớ";
    /// Bản thỏa thuận.
    BanThoaThuan = "BTT", "Bản thỏa thuận";
    /// Giấy ủy quyền.
    GiayUyQuyen = "GUQ", "Giấy ủy quyền";
    /// Giấy mời.
    GiayMoi = "GM", "Giấy mời";
    /// Giấy giới thiệu.
    GiayGioiThieu = "GGT", "Giấy giới thiệu";
    /// Giấy nghỉ phép.
    GiayNghiPhep = "GNP", "Giấy nghỉ phép";
    /// Phiếu gửi.
    PhieuGui = "PG", "Phiếu gửi";
    /// Phiếu chuyển.
    PhieuChuyen = "PC", "Phiếu chuyển";
    /// Phiếu báo.
    PhieuBao = "PB", "Phiếu báo";
}

impl DocType {
    /// The heading printed above the title: `KẾ HOẠCH`.
    ///
    /// ```
    /// assert_eq!(vanban::DocType::KeHoach.heading(), "KẾ HOẠCH");
    /// ```
    pub fn heading(self) -> String {
        crate::text::upper(self.name())
    }

    /// Abbreviations of the table that contain lower-case letters (`QyĐ`,
    /// `CTr`, `TTr`, `TrS` of the copies): the only lower case a symbol may have.
    pub(crate) fn mixed_case_abbreviations() -> impl Iterator<Item = &'static str> {
        DocType::ALL.iter().map(|d| d.abbreviation()).chain(["TrS"]).filter(|a| a.chars().any(|c| c.is_lowercase()))
    }
}
