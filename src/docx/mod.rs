//! The DOCX writer (docx-rs): roles become named paragraph styles in
//! `styles.xml`, so a clerk who edits the file in Word keeps consistent
//! formatting; runs carry direct formatting only for the font and inline
//! bold/italic. The XML parts are then tidied into ECMA-376 order.

mod body;
mod package;
mod xml;

use std::io::Write;

use docx_rs::{
    AlignmentType, BorderType, Docx, DrawingPosition, FieldCharType, Footer, Header, InstrPAGE, InstrText, LineSpacing,
    LineSpacingType, PageMargin, PageNumType, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders,
    Pic, RelativeFromHType, RelativeFromVType, Run, RunFonts, SpecialIndentType, Style, StyleType, Table, TableBorder,
    TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableLayoutType, TableRow, VMergeType, WidthType,
};

use crate::compose::{Document, Para, Piece, RowKind, TableDoc, RECIPIENTS_LABEL};
use crate::fonts::FontSet;
use crate::geometry::{CellLine, Frame};
use crate::model::{Plan, Profile};
use crate::style::{self, mm_to_twips, pt_to_twips, Align, Role};
use crate::text;
use crate::Error;

pub use package::{DocxCompression, DocxOptions};
pub(crate) use xml::Part;

/// The font name written into the document: the bundled Liberation Serif
/// has Times New Roman's metrics, and Word substitutes it where TNR is missing.
pub const FONT_NAME: &str = "Times New Roman";

/// Every role's paragraph style: (role, style id, style name).
pub(crate) const STYLES: &[(Role, &str, &str)] = &[
    (Role::QuocHieu, "QuocHieu", "Quốc hiệu"),
    (Role::TieuNgu, "TieuNgu", "Tiêu ngữ"),
    (Role::ParentAgency, "CoQuanChuQuan", "Tên cơ quan chủ quản"),
    (Role::Agency, "CoQuanBanHanh", "Tên cơ quan ban hành"),
    (Role::Number, "SoKyHieu", "Số, ký hiệu"),
    (Role::PlaceDate, "DiaDanhNgay", "Địa danh và thời gian"),
    (Role::DocType, "TenLoai", "Tên loại văn bản"),
    (Role::Title, "TrichYeu", "Trích yếu"),
    (Role::Body, "NoiDung", "Nội dung"),
    (Role::SectionHeading, "Muc", "Mục (I, II)"),
    (Role::ItemHeading, "Khoan", "Khoản có tiêu đề"),
    (Role::RecipientsLabel, "NoiNhan", "Nơi nhận"),
    (Role::Recipient, "NoiNhanMuc", "Nơi nhận - mục"),
    (Role::SignerTitle, "ChucVu", "Quyền hạn, chức vụ người ký"),
    (Role::SignerName, "HoTen", "Họ tên người ký"),
    (Role::Mark, "Dau", "Dấu khẩn, mật, lưu hành"),
    (Role::Contact, "DiaChi", "Địa chỉ, liên hệ"),
    (Role::PageNumber, "SoTrang", "Số trang"),
    (Role::AppendixLabel, "PhuLuc", "Phụ lục"),
    (Role::AppendixTitle, "PhuLucTen", "Tên phụ lục"),
    (Role::AppendixReference, "PhuLucKemTheo", "Phụ lục - kèm theo"),
    (Role::PartHeading, "Phan", "Phần (A, B)"),
    (Role::PartLabel, "PhanSo", "Phần (số)"),
    (Role::PartTitle, "PhanTen", "Phần (tên)"),
    (Role::TableHeader, "BangTieuDe", "Bảng - tiêu đề cột"),
    (Role::TableCell, "BangNoiDung", "Bảng - nội dung"),
    (Role::TableGroup, "BangNhom", "Bảng - nhóm"),
    (Role::TableColumnNumber, "BangSoCot", "Bảng - số cột"),
    (Role::SignerNote, "ChucVuDuoiTen", "Chức vụ dưới họ tên"),
    (Role::AppendixStamp, "PhuLucSoThoiGian", "Phụ lục - số, thời gian ký"),
    (Role::Subject, "TrichYeuCongVan", "Trích yếu công văn (V/v)"),
    (Role::Addressee, "KinhGui", "Kính gửi"),
    (Role::Authority, "ThamQuyen", "Thẩm quyền ban hành"),
    (Role::Basis, "CanCu", "Căn cứ ban hành"),
    (Role::Resolve, "QuyetDinhNhan", "Quyết định:"),
    (Role::IssuedWith, "BanHanhKemTheo", "Ban hành kèm theo"),
    (Role::PartyName, "TenDang", "Tên Đảng (ĐẢNG CỘNG SẢN VIỆT NAM)"),
    (Role::Separator, "DauPhanCach", "Dấu phân cách (*, -----)"),
    (Role::SignerPosition, "ChucVuNguoiKy", "Chức vụ người ký (văn bản Đảng)"),
];

/// Roles whose styles are written only when the document has them.
const OPTIONAL_STYLES: [Role; 20] = [
    Role::QuocHieu,
    Role::TieuNgu,
    Role::PartyName,
    Role::Separator,
    Role::SignerPosition,
    Role::AppendixStamp,
    Role::Authority,
    Role::Basis,
    Role::Resolve,
    Role::IssuedWith,
    Role::Subject,
    Role::Addressee,
    Role::PartHeading,
    Role::PartLabel,
    Role::PartTitle,
    Role::TableHeader,
    Role::TableCell,
    Role::TableGroup,
    Role::TableColumnNumber,
    Role::SignerNote,
];

/// Paragraph styles of the rows repeated at the top of each page; the XML
/// pass marks every row holding one with `w:tblHeader`.
const HEADER_ROW_STYLES: [&str; 2] = ["BangTieuDe", "BangSoCot"];

const RULE_STYLE: &str = "DuongKe";

fn style_id(role: Role) -> &'static str {
    STYLES.iter().find(|s| s.0 == role).map_or("NoiDung", |s| s.1)
}

fn tnr() -> RunFonts {
    RunFonts::new().ascii(FONT_NAME).hi_ansi(FONT_NAME).east_asia(FONT_NAME).cs(FONT_NAME)
}

fn half_points(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

fn tw(pt: f32) -> i32 {
    pt_to_twips(pt)
}

/// A role's paragraph style; `size` overrides the role's size (tables: the
/// document's table size, so cell runs need no size of their own).
fn make_style(profile: Profile, role: Role, id: &str, name: &str, size: Option<f32>) -> Style {
    let mut st = role.style_in(profile);
    if let Some(size) = size {
        st.size = size;
    }
    let mut s = Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .size(half_points(st.size))
        .fonts(tnr())
        .color("000000")
        .align(alignment(st.align))
        .line_spacing(
            LineSpacing::new()
                .before(tw(st.space_before) as u32)
                .after(tw(style::PARAGRAPH_SPACE_AFTER_PT) as u32)
                .line(st.line_pitch.map_or((240.0 * style::LINE_SPACING) as i32, tw))
                .line_rule(if st.line_pitch.is_some() { LineSpacingType::Exact } else { LineSpacingType::Auto }),
        );
    if st.underline {
        s = s.underline("single");
    }
    if st.first_line_indent_mm > 0.0 {
        s = s.indent(None, Some(SpecialIndentType::FirstLine(mm_to_twips(st.first_line_indent_mm))), None, None);
    }
    if st.bold {
        s = s.bold();
    }
    if st.italic {
        s = s.italic();
    }
    s
}

fn run(r: &text::Run, role: Role, profile: Profile) -> Run {
    let st = role.style_in(profile);
    let mut out = Run::new().fonts(tnr()).add_text(r.text.as_str());
    if r.bold != st.bold {
        out = if r.bold { out.bold() } else { out.disable_bold() };
    }
    if r.italic != st.italic {
        out = if r.italic { out.italic() } else { out.disable_italic() };
    }
    out
}

fn para(role: Role) -> Paragraph {
    Paragraph::new().style(style_id(role))
}

fn text_para(role: Role, s: &str) -> Paragraph {
    para(role).add_run(Run::new().fonts(tnr()).add_text(s))
}

/// A table cell's paragraph at the table's size (runs carry it only when it
/// differs from the table styles' size) and the cell's alignment.
fn cell_para(p: &Para, size: f32, style_size: f32, align: Align) -> Paragraph {
    let role = p.role;
    let mut out = para(role);
    if align != role.style().align {
        out = out.align(alignment(align));
    }
    for r in &p.runs {
        // table roles are styled alike in every profile
        let mut run = run(r, role, Profile::State);
        if (size - style_size).abs() > 0.01 {
            run = run.size(half_points(size));
        }
        out = out.add_run(run);
    }
    out
}

fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

/// A table of the body: single borders, fixed column widths summing to the
/// text width, rows that never split across pages, header rows marked to
/// repeat (`w:tblHeader`, added by the XML pass).
fn data_table(t: &TableDoc, width: f32, style_size: f32) -> Table {
    let widths: Vec<usize> = t.widths(width).iter().map(|w| tw(*w).max(0) as usize).collect();
    let n = widths.len();
    let span_width = |col: usize, span: usize| widths[col.min(n)..(col + span).min(n)].iter().sum::<usize>();
    // rows still covered from above, per column: (rows left, colspan)
    let mut covered: Vec<(usize, usize)> = vec![(0, 0); n];
    let mut rows = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        // the role of the row's empty cells (merge continuations, gaps): the
        // header rows keep the header's style, which marks them to repeat
        let blank = match row.kind {
            RowKind::Header => Role::TableHeader,
            RowKind::ColumnNumbers => Role::TableColumnNumber,
            RowKind::Group => Role::TableGroup,
            RowKind::Body => Role::TableCell,
        };
        let mut cells = Vec::new();
        let mut col = 0;
        let mut starting = row.cells.iter().peekable();
        while col < n {
            if covered[col].0 > 0 {
                let span = covered[col].1.max(1);
                let mut c = TableCell::new()
                    .width(span_width(col, span), WidthType::Dxa)
                    .vertical_merge(VMergeType::Continue)
                    .add_paragraph(para(blank));
                if span > 1 {
                    c = c.grid_span(span);
                }
                cells.push(c);
                covered[col].0 -= 1;
                col += span;
                continue;
            }
            let Some(cell) = starting.next_if(|c| c.col == col) else {
                // a gap the grid left (validation refuses ragged rows): fill it
                cells.push(TableCell::new().width(widths[col], WidthType::Dxa).add_paragraph(para(blank)));
                col += 1;
                continue;
            };
            let span = cell.colspan.max(1).min(n - col);
            let mut c = TableCell::new().width(span_width(col, span), WidthType::Dxa);
            if span > 1 {
                c = c.grid_span(span);
            }
            if cell.rowspan > 1 {
                c = c.vertical_merge(VMergeType::Restart);
                covered[col] = (cell.rowspan - 1, span);
            }
            for p in &cell.paras {
                c = c.add_paragraph(cell_para(p, t.size, style_size, cell.align));
            }
            cells.push(c);
            col += span;
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    let b = |pos| TableBorder::new(pos).size((style::TABLE_BORDER_PT * 8.0) as usize).color("000000");
    let pad = tw(style::TABLE_CELL_PAD_V_PT).max(0) as usize;
    let side = mm_to_twips(style::CELL_PADDING_MM).max(0) as usize;
    Table::new(rows)
        .set_grid(widths.clone())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(
            TableCellMargins::new()
                .margin_top(pad, WidthType::Dxa)
                .margin_bottom(pad, WidthType::Dxa)
                .margin_left(side, WidthType::Dxa)
                .margin_right(side, WidthType::Dxa),
        )
        .set_borders(
            TableBorders::with_empty()
                .set(b(TableBorderPosition::Top))
                .set(b(TableBorderPosition::Left))
                .set(b(TableBorderPosition::Bottom))
                .set(b(TableBorderPosition::Right))
                .set(b(TableBorderPosition::InsideH))
                .set(b(TableBorderPosition::InsideV)),
        )
}

/// The space above a table: an empty 1 pt paragraph with the table's space
/// before it (Word and LibreOffice give a table none of its own), kept with
/// the table. It also keeps two tables in a row from merging into one.
fn table_spacer(extra_pt: f32) -> Paragraph {
    Paragraph::new()
        .style(RULE_STYLE)
        .keep_next(true)
        .line_spacing(LineSpacing::new().before(tw(style::TABLE_SPACE_BEFORE_PT + extra_pt) as u32))
}

/// Marks the rows of body tables that repeat on each page (`w:tblHeader`):
/// those whose first cell's first paragraph has a header row's style.
fn mark_header_rows(root: &mut xml::Element) {
    let needles: Vec<String> = HEADER_ROW_STYLES.iter().map(|s| format!(r#"w:val="{s}""#)).collect();
    let is_header = |tr: &mut xml::Element| -> bool {
        let style = tr
            .child_mut("w:tc")
            .and_then(|tc| tc.child_mut("w:p"))
            .and_then(|p| p.child_mut("w:pPr"))
            .and_then(|ppr| ppr.child_mut("w:pStyle"))
            .map(|st| st.attrs.to_string());
        style.is_some_and(|a| needles.iter().any(|n| a.contains(n.as_str())))
    };
    let Some(body) = root.child_mut("w:body") else { return };
    for tbl in body.elements_mut().filter(|e| e.name == "w:tbl") {
        for tr in tbl.elements_mut().filter(|e| e.name == "w:tr") {
            if !is_header(tr) {
                continue;
            }
            if tr.child_mut("w:trPr").is_none() {
                tr.children.insert(0, xml::Node::Element(xml::Element::new("w:trPr", "")));
            }
            if let Some(tr_pr) = tr.child_mut("w:trPr") {
                tr_pr.children.push(xml::Node::Element(xml::Element::new("w:tblHeader", "")));
            }
        }
    }
}

#[cfg(test)]
fn body_para(p: &Para, profile: Profile) -> Paragraph {
    let mut out = para(p.role).widow_control(true);
    if p.keep_with_next() {
        out = out.keep_next(true);
    }
    for r in &p.runs {
        out = out.add_run(run(r, p.role, profile));
    }
    out
}

/// An empty paragraph whose bottom border, narrowed by indents, draws a
/// centred solid rule of `len` points inside a box `inner` points wide.
fn rule(len: f32, inner: f32) -> Paragraph {
    let side = tw(((inner - len) / 2.0).max(0.0));
    let mut p = Paragraph::new()
        .style(RULE_STYLE)
        .indent(Some(side), None, Some(side), None)
        .line_spacing(LineSpacing::new().before(tw(style::RULE_GAP_PT) as u32));
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size((style::RULE_WIDTH_PT * 8.0) as usize) // eighths of a point
                .space(0)
                .color("000000"),
        ),
    );
    p
}

/// A mark of the page-1 composition: a paragraph whose borders draw its
/// box, the box's outer width centred in `inner` (offset by `offset`).
/// Word draws a paragraph's borders `space` points outside its text, so the
/// indents leave the padding and the border inside the box.
fn boxed(m: &crate::geometry::MarkBox, inner: f32, offset: f32) -> Paragraph {
    let inset = style::MARK_PAD_PT + style::MARK_BORDER_PT;
    let side = ((inner - m.width) / 2.0).max(0.0) + inset;
    let mut p = text_para(Role::Mark, &m.label).indent(Some(tw(offset + side)), None, Some(tw(side)), None);
    let b = |pos| {
        ParagraphBorder::new(pos)
            .val(BorderType::Single)
            .size((style::MARK_BORDER_PT * 8.0) as usize) // eighths of a point
            .space(style::MARK_PAD_PT as usize)
            .color("000000")
    };
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty()
            .set(b(ParagraphBorderPosition::Top))
            .set(b(ParagraphBorderPosition::Left))
            .set(b(ParagraphBorderPosition::Bottom))
            .set(b(ParagraphBorderPosition::Right)),
    );
    p
}

fn cell(width_pt: f32) -> TableCell {
    TableCell::new().width(tw(width_pt) as usize, WidthType::Dxa).clear_all_border()
}

fn table(rows: Vec<TableRow>, cols: (f32, f32)) -> Table {
    let (l, r) = (tw(cols.0) as usize, tw(cols.1) as usize);
    Table::without_borders(rows).set_grid(vec![l, r]).width(l + r, WidthType::Dxa).layout(TableLayoutType::Fixed)
}

/// A paragraph of one run, at `size` points when that differs from the role's.
fn sized_para(profile: Profile, role: Role, s: &str, size: f32) -> Paragraph {
    let mut r = Run::new().fonts(tnr()).add_text(s);
    if (size - role.style_in(profile).size).abs() > 0.01 {
        r = r.size(half_points(size));
    }
    para(role).add_run(r)
}

fn header_line(profile: Profile, l: &CellLine) -> Paragraph {
    sized_para(profile, l.role, &l.text, l.size)
}

fn header_table(doc: &Document, f: &Frame) -> Table {
    let (lw, rw) = f.header_cols;
    let inner_l = lw - 2.0 * f.cell_padding;
    let inner_r = rw - 2.0 * f.cell_padding;
    let mut left = cell(lw);
    for l in &f.agency_lines {
        left = left.add_paragraph(header_line(f.profile, l));
    }
    if f.agency_rule > 0.0 {
        left = left.add_paragraph(rule(f.agency_rule, inner_l));
    }
    let mut right = cell(rw);
    for l in &f.right_lines {
        right = right.add_paragraph(header_line(f.profile, l));
    }
    right = right.add_paragraph(rule(f.tieu_ngu_rule, inner_r));

    // the row starts ≥ 2 pt of white below both rules (§11)
    let gap = |p: Paragraph| {
        let twips = tw(f.row2_gap).max(0) as u32;
        if twips > 0 {
            p.line_spacing(LineSpacing::new().before(twips))
        } else {
            p
        }
    };
    let mut number = cell(lw).add_paragraph(gap(text_para(Role::Number, &doc.header.number)));
    for (i, l) in f.subject_lines.iter().enumerate() {
        let before = if i == 0 { style::SUBJECT_GAP_PT } else { 0.0 };
        number = number
            .add_paragraph(text_para(Role::Subject, l).line_spacing(LineSpacing::new().before(tw(before) as u32)));
    }
    for m in &f.marks_below {
        let before = LineSpacing::new().before(tw(style::MARK_GAP_PT) as u32);
        number = number.add_paragraph(boxed(m, inner_l, 0.0).line_spacing(before));
    }
    let date =
        cell(rw).add_paragraph(gap(sized_para(f.profile, Role::PlaceDate, &doc.header.place_date, f.place_date_size)));
    if doc.header.number.is_empty() {
        // a decision's attached document: no Số, no date (Mẫu 1.3)
        return table(vec![TableRow::new(vec![left, right])], f.header_cols);
    }
    table(vec![TableRow::new(vec![left, right]), TableRow::new(vec![number, date])], f.header_cols)
}

fn closing_table(doc: &Document, f: &Frame) -> Table {
    let (lw, rw) = f.signature_cols;
    let mut left = cell(lw);
    // an attached document's signature block has no Nơi nhận (Mẫu 1.3)
    if !doc.closing.recipients.is_empty() {
        left = left.add_paragraph(text_para(Role::RecipientsLabel, RECIPIENTS_LABEL));
    } else {
        // a cell needs a paragraph: give it one, or docx-rs adds its own
        // at build time with an id that depends on what the thread built
        // before (same bytes every run, no repeated paraId)
        left = left.add_paragraph(Paragraph::new());
    }
    let hang = tw(f.recipient_hang);
    for r in &doc.closing.recipients {
        left = left.add_paragraph(text_para(Role::Recipient, r).indent(
            Some(hang),
            Some(SpecialIndentType::Hanging(hang)),
            None,
            None,
        ));
    }
    let mut right = cell(rw);
    for (i, t) in f.signer_title_lines.iter().enumerate() {
        let role = f.signer_title_roles.get(i).copied().unwrap_or(Role::SignerTitle);
        right = right.add_paragraph(text_para(role, t).keep_next(true));
    }
    let mut name = text_para(Role::SignerName, &doc.closing.name)
        .line_spacing(LineSpacing::new().before(mm_to_twips(style::SIGNATURE_SPACE_MM) as u32));
    // the signature and the seal float over the space above the name, where
    // the PDF puts them: the signature space starts at the top of the name's
    // paragraph (its space before), the columns sit at the same x
    let signature = crate::places::Rect {
        x: f.margins[2] + lw + f.cell_padding,
        y: 0.0,
        w: rw - 2.0 * f.cell_padding,
        h: style::mm_to_pt(style::SIGNATURE_SPACE_MM),
    };
    let images = [
        (&doc.closing.signature_image, signature, "rIdVanbanSignature"),
        (&doc.closing.seal_image, crate::places::seal_for(signature, doc.closing.seal_pt), "rIdVanbanSeal"),
    ];
    for (img, rect, id) in images {
        let Some(img) = img else { continue };
        let r = crate::places::fit(rect, img.px);
        let emu = |pt: f32| (pt * 12700.0).round() as i32;
        let pic = Pic::new_with_dimensions(img.png.as_ref().clone(), img.px.0, img.px.1)
            .id(id)
            .size(emu(r.w) as u32, emu(r.h) as u32)
            .floating()
            .overlapping()
            // from the signature cell's left edge (laid out in the cell: the
            // XML pass sets layoutInCell)
            .relative_from_h(RelativeFromHType::Column)
            .position_h(DrawingPosition::Offset(emu(r.x - f.margins[2] - lw)))
            .relative_from_v(RelativeFromVType::Paragraph)
            .position_v(DrawingPosition::Offset(emu(r.y)));
        name = name.add_run(Run::new().add_image(pic));
    }
    right = right.add_paragraph(name);
    for l in &doc.closing.below_name {
        right = right.add_paragraph(text_para(Role::SignerNote, l));
    }
    // the signature block stays on one page with its recipients, as in the
    // PDF, unless the list is too long for any page
    let mut row = TableRow::new(vec![left, right]);
    if doc.closing.recipients.len() <= CLOSING_ROW_MAX_RECIPIENTS {
        row = row.cant_split();
    }
    table(vec![row], f.signature_cols)
}

/// Above this many recipients the closing table row may break across pages.
const CLOSING_ROW_MAX_RECIPIENTS: usize = 40;

/// The first page's header: empty, but for a separate appendix's top-right
/// line (Mẫu 2.2, spec §9), at the foot of the top margin.
fn first_page_header(doc: &Document) -> Header {
    match doc.top_line.as_deref().filter(|_| doc.appendix_only) {
        Some(line) => Header::new().add_paragraph(text_para(Role::AppendixStamp, line)),
        None => Header::new(),
    }
}

fn page_number_header() -> Header {
    Header::new().add_paragraph(
        para(Role::PageNumber).add_run(
            Run::new()
                .fonts(tnr())
                .add_field_char(FieldCharType::Begin, false)
                .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
                .add_field_char(FieldCharType::Separate, false)
                .add_text("2")
                .add_field_char(FieldCharType::End, false),
        ),
    )
}

fn contact_footer(doc: &Document) -> Footer {
    let mut footer = Footer::new();
    for (i, line) in doc.contact.iter().enumerate() {
        let mut p = text_para(Role::Contact, line);
        if i == 0 {
            p.property = p.property.set_borders(
                ParagraphBorders::with_empty().set(
                    ParagraphBorder::new(ParagraphBorderPosition::Top)
                        .val(BorderType::Single)
                        .size(4)
                        .space(1)
                        .color("000000"),
                ),
            );
        }
        footer = footer.add_paragraph(p);
    }
    footer
}

fn page_margin(plan: &Plan) -> PageMargin {
    let m = &plan.margins;
    PageMargin::new()
        .top(mm_to_twips(m.top))
        .bottom(mm_to_twips(m.bottom))
        .left(mm_to_twips(m.left))
        .right(mm_to_twips(m.right))
        .header(mm_to_twips(style::HEADER_DISTANCE_MM))
        .footer(mm_to_twips(style::FOOTER_DISTANCE_MM))
        .gutter(0)
}

/// The paraId of the paragraph that ends section `i` (0: the plan itself).
fn section_end_id(i: usize) -> String {
    format!("7FFFF{:03X}", i.min(0xFFF))
}

/// Turns the section-end paragraphs into section breaks: each gets a copy of
/// the body's final `sectPr` (same header parts, so they are shared), the
/// plan's section keeps the ô 13 footer on its first page and its own page
/// numbers; every appendix restarts at 1.
/// Mends what docx-rs writes for floating pictures: a negative offset is
/// written as its u32 wrap-around (a seal above its anchor), every
/// picture's `wp:docPr` has id 1 (ids must be unique), and there is no
/// setter for `layoutInCell` and `allowOverlap`.
fn fix_drawings(root: &mut xml::Element) {
    let mut next_id = 1;
    root.walk_mut(&mut |e| {
        if e.name == "wp:posOffset" {
            if let Some(xml::Node::Text(t)) = e.children.first_mut() {
                if let Ok(v) = t.parse::<u32>() {
                    if v > i32::MAX as u32 {
                        *t = (v as i32).to_string().into();
                    }
                }
            }
        }
        if e.name == "wp:anchor" {
            // positioned in its table cell (the signature cell), overlapping
            // the text: the seal lies over the signature and the name
            e.attrs = e
                .attrs
                .replace(r#"layoutInCell="0""#, r#"layoutInCell="1""#)
                .replace(r#"allowOverlap="0""#, r#"allowOverlap="1""#)
                .into();
        }
        if e.name == "wp:docPr" {
            e.attrs = e.attrs.replacen(r#"id="1""#, &format!(r#"id="{next_id}""#), 1).into();
            next_id += 1;
        }
    });
}

/// Turns a copy of the section properties to landscape: A4 turned.
fn set_landscape(sect: &mut xml::Element) {
    for c in sect.elements_mut() {
        if c.name == "w:pgSz" {
            let (w, h) = (mm_to_twips(style::PAGE_WIDTH_MM), mm_to_twips(style::PAGE_HEIGHT_MM));
            c.attrs = format!(r#" w:w="{h}" w:h="{w}" w:orient="landscape""#).into();
        }
    }
}

fn split_sections(root: &mut xml::Element, sections: usize, landscape: &[bool]) {
    mark_header_rows(root);
    if sections == 0 {
        // one section: a separate appendix may be landscape
        if landscape.last().copied().unwrap_or(false) {
            if let Some(s) = root.child_mut("w:body").and_then(|b| b.child_mut("w:sectPr")) {
                set_landscape(s);
            }
        }
        return;
    }
    let Some(body) = root.child_mut("w:body") else { return };
    let Some(final_sect) = body.elements_mut().find(|e| e.name == "w:sectPr").cloned() else { return };
    let even_footer = final_sect.children.iter().find_map(|c| match c {
        xml::Node::Element(e) if e.name == "w:footerReference" && e.attrs.contains(r#"w:type="even""#) => {
            Some(e.attrs.clone())
        }
        _ => None,
    });
    let strip_even = |s: &mut xml::Element| {
        s.children.retain(|c| !matches!(c, xml::Node::Element(e) if e.attrs.contains(r#"w:type="even""#)));
    };
    for i in 0..sections {
        let id = format!(r#"w14:paraId="{}""#, section_end_id(i));
        let Some(p) = body.elements_mut().find(|e| e.name == "w:p" && e.attrs.contains(&id)) else { continue };
        let mut sect = final_sect.clone();
        if i == 0 {
            // the plan: no restart, ô 13 on its first page
            sect.children.retain(|c| !matches!(c, xml::Node::Element(e) if e.name == "w:pgNumType"));
            if let Some(attrs) = &even_footer {
                for c in sect.elements_mut() {
                    if c.name == "w:footerReference" && c.attrs.contains(r#"w:type="first""#) {
                        c.attrs = attrs.replace(r#"w:type="even""#, r#"w:type="first""#).into();
                    }
                }
            }
        }
        strip_even(&mut sect);
        // section i (i ≥ 1) is appendix i - 1
        if i > 0 && landscape.get(i - 1).copied().unwrap_or(false) {
            set_landscape(&mut sect);
        }
        if let Some(ppr) = p.child_mut("w:pPr") {
            ppr.children.push(xml::Node::Element(sect));
        }
    }
    if let Some(s) = body.elements_mut().find(|e| e.name == "w:sectPr") {
        strip_even(s);
        if landscape.last().copied().unwrap_or(false) {
            set_landscape(s);
        }
    }
}

/// What goes into the document body.
enum Block {
    P(Box<Paragraph>),
    T(Box<Table>),
    /// Body paragraphs already written as tidied XML (see [`stream`]).
    Xml(String),
}

/// Adds a body paragraph as its finished XML (`body::write`): docx-rs's
/// tree of a paragraph would take about 3 KB, its XML a tenth of that, so a
/// plan of 50,000 bullets would hold 165 MB of tree until the whole document
/// is built (issue 14). Its `paraId` is the next of docx-rs's counter, as if
/// docx-rs had made the paragraph here; consecutive paragraphs share one
/// string, which `render` puts in the document where a bookmark holds its
/// place.
fn body_xml(out: &mut Vec<Block>, p: &Para, profile: Profile, before: Option<u32>, keep_next: bool) {
    let id = Paragraph::new().id;
    if !matches!(out.last(), Some(Block::Xml(_))) {
        out.push(Block::Xml(String::new()));
    }
    if let Some(Block::Xml(s)) = out.last_mut() {
        body::write(s, &id, p, profile, before, keep_next || p.keep_with_next());
    }
}

/// The docx-rs path that `body::write` replaced, kept as its oracle in
/// tests: the paragraph built by docx-rs and tidied alone.
#[cfg(test)]
fn stream(out: &mut Vec<Block>, p: Paragraph) {
    use docx_rs::BuildXML;
    let built = p.build();
    drop(p);
    let xml = match Part::parse(&built) {
        Ok(mut part) => {
            xml::reorder(&mut part.root);
            part.to_bytes(built.len())
        }
        // docx-rs writes well-formed XML; should it not, the paragraph is
        // kept as docx-rs wrote it
        Err(_) => built,
    };
    let xml = String::from_utf8(xml).unwrap_or_default();
    match out.last_mut() {
        Some(Block::Xml(s)) => s.push_str(&xml),
        _ => out.push(Block::Xml(xml)),
    }
}

/// The bookmark name that holds the place of streamed chunk `k`.
fn chunk_name(k: usize) -> String {
    format!("vanban-xml-{k}")
}

/// Puts each streamed chunk where its bookmark is in the tidied document.
fn splice_chunks(document: Vec<u8>, chunks: &[String]) -> Result<Vec<u8>, Error> {
    if chunks.is_empty() {
        return Ok(document);
    }
    let total: usize = chunks.iter().map(String::len).sum();
    let mut out = Vec::with_capacity(document.len() + total);
    let mut pos = 0;
    for (k, chunk) in chunks.iter().enumerate() {
        let missing = || Error::Docx(format!("internal: the place of body chunk {k} is lost"));
        let name = format!(r#"w:name="{}""#, chunk_name(k));
        let at = find(&document[pos..], name.as_bytes()).ok_or_else(missing)? + pos;
        let start = rfind(&document[pos..at], b"<w:bookmarkStart").ok_or_else(missing)? + pos;
        let end = find(&document[at..], b"/>").ok_or_else(missing)? + at + 2;
        out.extend_from_slice(&document[pos..start]);
        out.extend_from_slice(chunk.as_bytes());
        pos = end;
    }
    out.extend_from_slice(&document[pos..]);
    Ok(out)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn bp(p: Paragraph) -> Block {
    Block::P(Box::new(p))
}

fn bt(t: Table) -> Block {
    Block::T(Box::new(t))
}

fn main_blocks(doc: &Document, f: &Frame, table_size: f32) -> Vec<Block> {
    let mut out = Vec::new();
    let (lw, rw) = f.header_cols;
    // ô 11 marks above the Quốc hiệu, centred over the right column
    for m in &f.marks_above {
        out.push(bp(boxed(m, rw, lw).line_spacing(LineSpacing::new().after(tw(style::MARK_GAP_PT) as u32))));
    }
    out.push(bt(header_table(doc, f)));
    // what comes after the header carries the space after it when a công
    // văn has no title block
    let mut carry = 0.0;
    if doc.subject.is_none() {
        out.push(bp(text_para(Role::DocType, &doc.doc_type)
            .line_spacing(LineSpacing::new().before(tw(style::AFTER_HEADER_PT) as u32))));
        let mut title = para(Role::Title);
        for r in &doc.title {
            title = title.add_run(run(r, Role::Title, f.profile));
        }
        out.push(bp(title));
        if let Some(line) = &doc.issued_with {
            out.push(bp(text_para(Role::IssuedWith, line)));
        }
        if f.title_rule > 0.0 {
            out.push(bp(rule(f.title_rule, f.text_width)));
        } else if f.profile == Profile::Party {
            // `-----` under the trích yếu, no rule (HD 05 I-5.2.1)
            out.push(bp(text_para(Role::Separator, crate::style::party::DASHES)));
        }
    } else {
        carry = style::AFTER_HEADER_PT;
    }
    // Kính gửi (ô 9a), placed as the PDF places it
    if !doc.addressees.is_empty() {
        let fonts = FontSet::bundled();
        let (size, regular) = (f.style(Role::Addressee).size, crate::fonts::FontStyle::Regular);
        let x = f.text_width * style::ADDRESSEES_INDENT_SHARE;
        let hang = fonts.measure(&format!("{} ", crate::compose::ADDRESSEES_LABEL), regular, size);
        for (i, l) in doc.addressees.iter().enumerate() {
            let before = if i == 0 { carry + style::AFTER_TITLE_PT } else { 0.0 };
            let mut p = text_para(Role::Addressee, l).line_spacing(LineSpacing::new().before(tw(before) as u32));
            p = if doc.addressees.len() == 1 {
                p.align(AlignmentType::Center)
            } else if i == 0 {
                p.indent(Some(tw(x)), None, None, None)
            } else {
                p.indent(Some(tw(x + hang)), None, None, None)
            };
            out.push(bp(p));
        }
        carry = 0.0;
    }
    let n = doc.body.len();
    for (i, piece) in doc.body.iter().enumerate() {
        let p = match piece {
            Piece::Para(p) => p,
            Piece::Table(t) => {
                let extra = if i == 0 { style::AFTER_TITLE_PT + carry } else { 0.0 };
                out.push(bp(table_spacer(extra)));
                out.push(bt(data_table(t, f.text_width, table_size)));
                continue;
            }
        };
        let before = (i == 0).then(|| tw(f.style(Role::Body).space_before + style::AFTER_TITLE_PT + carry) as u32);
        // the end of the body goes over with the signature block
        body_xml(&mut out, p, f.profile, before, i + 1 == n);
    }
    if doc.closing.is_empty() {
        return out;
    }
    out.push(bp(Paragraph::new()
        .style(RULE_STYLE)
        .keep_next(true)
        .line_spacing(LineSpacing::new().before(tw(style::BEFORE_SIGNATURE_PT) as u32))));
    out.push(bt(closing_table(doc, f)));
    out
}

fn appendix_blocks(a: &crate::compose::AppendixDoc, width: f32, table_size: f32, profile: Profile) -> Vec<Block> {
    let mut out = vec![
        bp(text_para(Role::AppendixLabel, &a.label)),
        bp(text_para(Role::AppendixTitle, &a.title)),
        bp(text_para(Role::AppendixReference, &a.reference)),
    ];
    let fonts = FontSet::bundled();
    let (bold, size) = (crate::fonts::FontStyle::Bold, Role::AppendixTitle.style_in(profile).size);
    let widest = crate::geometry::wrap(fonts, &a.title, bold, size, width)
        .iter()
        .map(|l| fonts.measure(l, bold, size))
        .fold(0.0, f32::max);
    // a Party appendix has `-----` (its body's first line) instead
    if profile == Profile::State {
        out.push(bp(rule(crate::geometry::short_rule(widest), width)));
    }
    for p in &a.body {
        match p {
            Piece::Para(p) => body_xml(&mut out, p, profile, None, false),
            Piece::Table(t) => {
                out.push(bp(table_spacer(0.0)));
                out.push(bt(data_table(t, width, table_size)));
            }
        }
    }
    out
}

fn core_date(plan: &Plan) -> String {
    let d = plan.date;
    match d.year {
        Some(y) if (1000..=9999).contains(&y) => {
            let m = d.month.filter(|m| (1..=12).contains(m)).unwrap_or(1);
            let day = if d.to_naive().is_some() { d.day.unwrap_or(1) } else { 1 };
            format!("{y:04}-{m:02}-{day:02}T00:00:00Z")
        }
        _ => "1970-01-01T00:00:00Z".to_owned(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Reorders children into schema order and applies the part-specific fixes.
fn tidy(bytes: &[u8], fix: impl FnOnce(&mut xml::Element)) -> Result<Vec<u8>, Error> {
    let mut part = Part::parse(bytes).map_err(|e| Error::Docx(format!("internal XML: {}", e.0)))?;
    fix(&mut part.root);
    xml::reorder(&mut part.root);
    Ok(part.to_bytes(bytes.len()))
}

/// The document (its body paragraphs as bookmarks holding the place of the
/// streamed chunks), for each appendix whether it is landscape, and the
/// chunks.
fn build(plan: &Plan, doc: &Document) -> Result<Built, Error> {
    let frame = Frame::new(doc, &plan.margins, FontSet::bundled());
    let margin = page_margin(plan);
    let (pw, ph) = (mm_to_twips(style::PAGE_WIDTH_MM) as u32, mm_to_twips(style::PAGE_HEIGHT_MM) as u32);

    let mut docx = Docx::new()
        .default_fonts(tnr())
        .default_size(half_points(Role::Body.style_in(doc.profile).size))
        .default_tab_stop(720)
        .created_at(&core_date(plan))
        .updated_at(&core_date(plan));
    // the roles of tables, parts and notes under the name are defined only
    // where the document uses them
    // the table styles take the size most of the document's tables use
    let attached = doc.attached.as_deref().zip(frame.attached.as_deref()).filter(|_| !doc.appendix_only);
    let sizes: Vec<f32> = doc
        .body
        .iter()
        .chain(doc.appendices.iter().flat_map(|a| a.body.iter()))
        .chain(attached.iter().flat_map(|(d, _)| d.body.iter().chain(d.appendices.iter().flat_map(|a| a.body.iter()))))
        .filter_map(|p| match p {
            Piece::Table(t) => Some(t.size),
            Piece::Para(_) => None,
        })
        .collect();
    let count = |x: f32| sizes.iter().filter(|y| (**y - x).abs() < 0.01).count();
    let table_size = sizes.iter().copied().max_by_key(|x| count(*x)).unwrap_or(style::TABLE_SIZE);
    let used: std::collections::HashSet<Role> = doc
        .all_body()
        .map(|p| p.role)
        .chain(doc.closing.below_name.iter().map(|_| Role::SignerNote))
        .chain(attached.iter().flat_map(|(d, _)| d.closing.below_name.iter().map(|_| Role::SignerNote)))
        .chain(attached.iter().filter_map(|(d, _)| d.issued_with.as_ref().map(|_| Role::IssuedWith)))
        .chain(doc.top_line.iter().map(|_| Role::AppendixStamp))
        .chain(doc.subject.iter().map(|_| Role::Subject))
        .chain(doc.addressees.iter().map(|_| Role::Addressee))
        .chain(frame.agency_lines.iter().chain(&frame.right_lines).map(|l| l.role))
        .chain(frame.signer_title_roles.iter().copied())
        .chain(attached.iter().flat_map(|(_, f)| f.right_lines.iter().map(|l| l.role)))
        .collect();
    let wanted = |role: &Role| !OPTIONAL_STYLES.contains(role) || used.contains(role);
    let styles_key = StylesKey {
        profile: doc.profile,
        table_size: table_size.to_bits(),
        roles: STYLES.iter().enumerate().filter(|(_, (r, _, _))| wanted(r)).fold(0, |m, (i, _)| m | 1 << i),
    };
    let styles = styles_cache::get(&styles_key);
    // docx-rs builds the styles only when no tidied copy is at hand
    if styles.is_none() {
        for (role, id, name) in STYLES {
            if wanted(role) {
                let table_role =
                    matches!(role, Role::TableHeader | Role::TableCell | Role::TableGroup | Role::TableColumnNumber);
                docx = docx.add_style(make_style(doc.profile, *role, id, name, table_role.then_some(table_size)));
            }
        }
        docx = docx.add_style(
            Style::new(RULE_STYLE, StyleType::Paragraph)
                .name("Đường kẻ")
                .based_on("Normal")
                .size(2)
                .line_spacing(LineSpacing::new().before(0).after(0).line(240).line_rule(LineSpacingType::Auto)),
        );
    }

    let mut blocks = if doc.appendix_only {
        // a separate appendix (Mẫu 2.2): its top-right line is in the first
        // page's header (the top margin, where the PDF prints it)
        Vec::new()
    } else {
        main_blocks(doc, &frame, table_size)
    };
    // the document a decision issues, from a new page (Mẫu 1.3), in the
    // decision's section: its pages number on
    if let Some((d, f)) = attached {
        blocks.push(bp(Paragraph::new().style(RULE_STYLE).page_break_before(true)));
        blocks.extend(main_blocks(d, f, table_size));
    }
    // the appendices: the decision's (or the plan's), then the attached
    // document's
    let mut landscape = frame.appendix_landscape.clone();
    let mut all: Vec<(&crate::compose::AppendixDoc, f32)> =
        doc.appendices.iter().enumerate().map(|(i, a)| (a, frame.appendix_page(i).1)).collect();
    if let Some((d, f)) = attached {
        all.extend(d.appendices.iter().enumerate().map(|(i, a)| (a, f.appendix_page(i).1)));
        landscape.extend(f.appendix_landscape.iter().copied());
    }
    for (i, (a, width)) in all.iter().enumerate() {
        if doc.appendix_only {
            blocks.extend(appendix_blocks(a, *width, table_size, doc.profile));
            continue;
        }
        // the paragraph that ends the previous section; its sectPr is
        // written by `split_sections`
        blocks.push(bp(Paragraph::new().style(RULE_STYLE).id(section_end_id(i))));
        blocks.extend(appendix_blocks(a, *width, table_size, doc.profile));
    }
    let mut chunks = Vec::new();
    for b in blocks {
        docx = match b {
            Block::P(p) => docx.add_paragraph(*p),
            Block::T(t) => docx.add_table(*t),
            Block::Xml(s) => {
                chunks.push(s);
                docx.add_bookmark_start(chunks.len() - 1, chunk_name(chunks.len() - 1))
            }
        };
    }
    docx = docx
        .page_size(pw, ph)
        .page_margin(margin)
        .header(page_number_header())
        .first_header(first_page_header(doc))
        .title_pg();
    let has_contact = !doc.contact.is_empty();
    if all.is_empty() || doc.appendix_only {
        if has_contact && !doc.appendix_only {
            docx = docx.first_footer(contact_footer(doc)).footer(Footer::new());
        }
    } else {
        docx = docx.page_num_type(PageNumType::new().start(1));
        if has_contact {
            // parked as the even-page footer (unused: evenAndOddHeaders is
            // off) so the part exists; the main section's sectPr points its
            // first-page footer at it
            docx = docx.even_footer(contact_footer(doc)).first_footer(Footer::new()).footer(Footer::new());
        }
    }
    Ok(Built { docx, landscape, chunks, styles_key, styles })
}

/// What `build` gives `render`.
struct Built {
    docx: Docx,
    /// For each appendix, whether it is landscape.
    landscape: Vec<bool>,
    /// The streamed body chunks, in bookmark order.
    chunks: Vec<String>,
    styles_key: StylesKey,
    /// The finished `styles.xml` when an earlier plan had the same styles
    /// (then `docx` has none of its own).
    styles: Option<std::sync::Arc<[u8]>>,
}

const _: () = assert!(STYLES.len() <= 64, "StylesKey::roles holds one bit per style");

/// What `styles.xml` depends on: the profile, the size of the table
/// styles and which of [`STYLES`] the document defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct StylesKey {
    profile: Profile,
    table_size: u32,
    roles: u64,
}

/// Tidied `styles.xml` parts by what they depend on: most plans of a batch
/// share a handful, and building one through docx-rs and tidying it was a
/// tenth of `to_docx` (issue 14). Bounded; cleared when full.
mod styles_cache {
    use super::StylesKey;
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};

    const MAX: usize = 64;
    static CACHE: Mutex<Option<HashMap<StylesKey, Arc<[u8]>>>> = Mutex::new(None);

    pub(super) fn get(key: &StylesKey) -> Option<Arc<[u8]>> {
        CACHE.lock().ok()?.as_ref()?.get(key).cloned()
    }

    pub(super) fn put(key: StylesKey, xml: &[u8]) {
        if let Ok(mut guard) = CACHE.lock() {
            let m = guard.get_or_insert_with(HashMap::new);
            if m.len() >= MAX {
                m.clear();
            }
            m.insert(key, xml.into());
        }
    }
}

/// Writes the plan as DOCX bytes. Refuses a plan with validation errors.
pub(crate) fn to_docx(plan: &Plan, opts: &DocxOptions) -> Result<Vec<u8>, Error> {
    render(plan, &Document::new(plan), opts)
}

/// Appendix `index` as a DOCX of its own (Mẫu 2.2, spec §9).
pub(crate) fn appendix_to_docx(plan: &Plan, index: usize, opts: &DocxOptions) -> Result<Vec<u8>, Error> {
    let doc = Document::appendix_file(plan, index)
        .ok_or_else(|| Error::Docx(format!("the plan has no appendix {}", index + 1)))?;
    render(plan, &doc, opts)
}

fn render(plan: &Plan, doc: &Document, opts: &DocxOptions) -> Result<Vec<u8>, Error> {
    let report = plan.validate();
    if report.has_errors() {
        return Err(Error::Invalid(report));
    }
    render_valid(plan, doc, opts)
}

/// [`render`] of a plan already validated without errors.
pub(crate) fn render_valid(plan: &Plan, doc: &Document, opts: &DocxOptions) -> Result<Vec<u8>, Error> {
    let Built { docx, landscape, chunks, styles_key, styles } = build(plan, doc)?;
    let mut xml = docx.build();
    let lang = r#" w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA""#;
    // sections: the plan and each appendix in it; a separate appendix is one
    let appendices = if doc.appendix_only { 0 } else { landscape.len() };
    xml.document = tidy(&xml.document, |root| {
        split_sections(root, appendices, &landscape);
        fix_drawings(root);
    })?;
    xml.document = splice_chunks(std::mem::take(&mut xml.document), &chunks)?;
    drop(chunks);
    xml.numberings = tidy(&xml.numberings, |_| {})?;
    xml.styles = match styles {
        Some(done) => done.to_vec(),
        None => {
            let tidied = tidy(&xml.styles, |root| {
                root.walk_mut(&mut |e| {
                    if e.name == "w:rPrDefault" {
                        if let Some(rpr) = e.child_mut("w:rPr") {
                            rpr.children.push(xml::Node::Element(xml::Element::new("w:lang", lang)));
                        }
                    }
                })
            })?;
            styles_cache::put(styles_key, &tidied);
            tidied
        }
    };
    let mirror = doc.mirror_margins;
    xml.settings = tidy(&xml.settings, |root| {
        root.walk_mut(&mut |e| {
            e.children.retain(|c| {
                !matches!(c, xml::Node::Element(x) if x.name == "w:balanceSingleByteDoubleByteWidth" || x.name == "w:useFELayout")
            })
        });
        if mirror {
            // duplex printing: the left margin is the inside one; in
            // CT_Settings mirrorMargins follows the view settings and zoom
            let at = root
                .children
                .iter()
                .rposition(|c| matches!(c, xml::Node::Element(x) if ["w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation", "w:removeDateAndTime"].contains(&&*x.name)))
                .map_or(0, |k| k + 1);
            root.children.insert(at, xml::Node::Element(xml::Element::new("w:mirrorMargins", "")));
        }
    })?;
    for h in xml.headers.iter_mut() {
        *h = tidy(h, |_| {})?;
    }
    for f in xml.footers.iter_mut() {
        *f = tidy(f, |_| {})?;
    }
    let title = escape(&plan.title.plain_text());
    let author = escape(&plan.issuer.name.replace('\n', " "));
    xml.doc_props.core = tidy(&xml.doc_props.core, |root| {
        for e in root.elements_mut() {
            if e.name == "dc:creator" || e.name == "cp:lastModifiedBy" {
                e.children = vec![xml::Node::Text(author.clone().into())];
            }
        }
        let mut t = xml::Element::new("dc:title", "");
        t.children.push(xml::Node::Text(title.into()));
        root.children.push(xml::Node::Element(t));
        let mut l = xml::Element::new("dc:language", "");
        l.children.push(xml::Node::Text("vi-VN".into()));
        root.children.push(xml::Node::Element(l));
    })?;
    package::pack(&xml, opts)
}

/// Writes the plan as DOCX into any writer.
pub(crate) fn write_docx<W: Write>(plan: &Plan, mut w: W) -> Result<(), Error> {
    let bytes = to_docx(plan, &DocxOptions::default())?;
    w.write_all(&bytes)?;
    Ok(())
}
