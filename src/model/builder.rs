//! The builder API.

use chrono::NaiveDate;

use super::*;

/// Builds a [`Plan`]; [`build`](PlanBuilder::build) validates it.
///
/// Text arguments take inline markup (`**bold**`, `*italic*`, see
/// [`Text`]); numbers and letters of sections, items and points come from
/// their position.
///
/// ```
/// use vanban::{Plan, Issuer, Signer};
///
/// let plan = Plan::builder()
///     .issuer(Issuer::new("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "SVHTTDL").parent("UBND TỈNH ĐẮK NÔNG"))
///     .number(46)
///     .place("Đắk Nông")
///     .date(2021, 10, 22)
///     .title("Hưởng ứng phong trào thi đua trong ngành Văn hóa, Thể thao và Du lịch")
///     .preamble("Nhằm tổ chức thực hiện tốt Phong trào thi đua (*sau đây gọi tắt là Phong trào thi đua*), như sau:")
///     .section("MỤC ĐÍCH, YÊU CẦU", |s| {
///         s.titled_item("Mục đích", |i| i.bullet("Phát huy tinh thần thi đua, yêu nước."))
///          .titled_item("Yêu cầu", |i| i.bullet("Phong trào thi đua được triển khai sâu rộng."))
///     })
///     .section("TỔ CHỨC THỰC HIỆN", |s| {
///         s.item("Giao Văn phòng Sở chủ trì, phối hợp với các phòng, đơn vị.")
///          .item_with("Tiêu chí thi đua:", |i| i.point("Thi đua thực hiện tốt nhiệm vụ;").point("Thi đua học tập."))
///     })
///     .closing("Trên đây là Kế hoạch hưởng ứng Phong trào thi đua.")
///     .recipient("Sở Nội vụ (b/c)")
///     .recipient("Ban Giám đốc Sở")
///     .archive(["VP"])
///     .signer(Signer::new("Lê Ngọc Quang").title("GIÁM ĐỐC"))
///     .build()?;
///
/// assert_eq!(plan.sections.len(), 2);
/// assert!(plan.validate().errors().next().is_none());
/// # Ok::<(), vanban::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct PlanBuilder {
    plan: Plan,
}

impl PlanBuilder {
    /// The issuing agency (ô 2) and its code.
    pub fn issuer(mut self, issuer: Issuer) -> Self {
        self.plan.issuer = issuer;
        self
    }
    /// Whose rules the document follows: [`Profile::Party`] for a Party
    /// body's document (Hướng dẫn 05-HD/VPTW).
    ///
    /// ```
    /// use vanban::{Issuer, Plan, Profile, Signer};
    /// let plan = Plan::builder()
    ///     .profile(Profile::Party)
    ///     .issuer(Issuer::new("ĐẢNG ỦY XÃ TÂN LẬP", "ĐU").parent("ĐẢNG BỘ TỈNH ĐỒNG NAI"))
    ///     .number(8)
    ///     .place("Tân Lập")
    ///     .date(2026, 6, 2)
    ///     .title("tổ chức Tháng hành động vì môi trường năm 2026")
    ///     .section("mục đích, yêu cầu", |s| s.bullet("Nâng cao nhận thức."))
    ///     .archive(["Văn phòng Đảng ủy"])
    ///     .signer(Signer::new("Nguyễn Văn An").title("T/M BAN THƯỜNG VỤ").title("PHÓ BÍ THƯ"))
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(plan.profile, Profile::Party);
    /// ```
    pub fn profile(mut self, p: crate::model::Profile) -> Self {
        self.plan.profile = p;
        self
    }
    /// Printed on both sides of the sheet: even pages swap the left and
    /// right margins (see [`Plan::mirror_margins`]).
    ///
    /// ```
    /// let b = vanban::Plan::builder().mirror_margins(true);
    /// assert!(b.build_unchecked().mirror_margins);
    /// ```
    pub fn mirror_margins(mut self, on: bool) -> Self {
        self.plan.mirror_margins = on;
        self
    }
    /// The type name as printed when it says more than the type's name
    /// (`CHƯƠNG TRÌNH HÀNH ĐỘNG` for a `CTr`).
    pub fn type_name(mut self, name: &str) -> Self {
        self.plan.type_name = Some(text::fold_whitespace(name));
        self
    }
    /// The document type; a plan (`KH`) by default.
    pub fn doc_type(mut self, t: DocType) -> Self {
        self.plan.doc_type = t;
        self
    }
    /// The form: a công văn (Mẫu 1.5) instead of a document with a type
    /// name; the title is then its `V/v …` subject.
    pub fn form(mut self, f: Form) -> Self {
        self.plan.form = f;
        self
    }
    /// Adds an addressee of the Kính gửi block (ô 9a).
    pub fn addressee(mut self, a: &str) -> Self {
        self.plan.addressees.push(text::fold_whitespace(a));
        self
    }
    /// The register number. Leave it out for a draft.
    pub fn number(mut self, n: u32) -> Self {
        self.plan.number = Some(n);
        self
    }
    /// The place of issue (địa danh).
    pub fn place(mut self, place: &str) -> Self {
        self.plan.place = text::fold_whitespace(place);
        self
    }
    /// A full date of issue (checked by validation: 30 February is an error).
    pub fn date(mut self, year: i32, month: u32, day: u32) -> Self {
        self.plan.date = PlanDate::ymd(year, month, day);
        self
    }
    /// The date of issue from chrono.
    pub fn naive_date(mut self, d: NaiveDate) -> Self {
        self.plan.date = PlanDate::from_naive(d);
        self
    }
    /// A date with blanks for a draft ([`PlanDate::year`], …).
    pub fn partial_date(mut self, d: PlanDate) -> Self {
        self.plan.date = d;
        self
    }
    /// Trích yếu.
    pub fn title(mut self, t: impl Into<Text>) -> Self {
        self.plan.title = t.into();
        self
    }
    /// Adds a preamble paragraph.
    pub fn preamble(mut self, t: impl Into<Text>) -> Self {
        self.plan.preamble.push(t.into());
        self
    }
    /// Adds a section `I.`, `II.` … with its content.
    pub fn section(mut self, title: impl Into<Text>, content: impl FnOnce(Blocks) -> Blocks) -> Self {
        self.plan.sections.push(Section { title: title.into(), text: None, blocks: content(Blocks::new()).0 });
        self
    }
    /// Adds a section whose heading line carries text after a colon:
    /// `III. THỜI GIAN THỰC HIỆN: Từ nay đến ngày 10/10/2023.`
    pub fn section_with_text(
        mut self,
        title: impl Into<Text>,
        text: impl Into<Text>,
        content: impl FnOnce(Blocks) -> Blocks,
    ) -> Self {
        self.plan.sections.push(Section {
            title: title.into(),
            text: Some(text.into()),
            blocks: content(Blocks::new()).0,
        });
        self
    }
    /// Content outside any section, for a plan numbered from `1.` with no
    /// Roman sections (items, sub-items `1.1.`, points, tables).
    ///
    /// ```
    /// let plan = vanban::Plan::builder()
    ///     .body(|b| b.titled_item("Mục tiêu", |i| i.item("Đánh giá toàn diện.").item("Làm rõ tồn tại.")))
    ///     .build_unchecked();
    /// assert_eq!(plan.blocks.len(), 1);
    /// ```
    pub fn body(mut self, content: impl FnOnce(Blocks) -> Blocks) -> Self {
        self.plan.blocks.extend(content(Blocks::new()).0);
        self
    }
    /// Adds a part (`A.`, `B.` … or `Phần I`, see [`PlanBuilder::part_style`])
    /// with its content and sections.
    ///
    /// ```
    /// let plan = vanban::Plan::builder()
    ///     .part("MỤC ĐÍCH, YÊU CẦU", |p| p.content(|b| b.titled_item("Mục đích", |i| i.paragraph("Nhằm …"))))
    ///     .part("NỘI DUNG", |p| p.section("CÔNG TÁC TRIỂN KHAI", |s| s.item("Quán triệt.")))
    ///     .build_unchecked();
    /// assert_eq!(plan.parts[1].sections.len(), 1);
    /// ```
    pub fn part(mut self, title: impl Into<Text>, content: impl FnOnce(PartBuilder) -> PartBuilder) -> Self {
        let p = content(PartBuilder(Part { title: title.into(), ..Part::default() }));
        self.plan.parts.push(p.0);
        self
    }
    /// How parts are labelled (`A.` by default).
    pub fn part_style(mut self, s: PartStyle) -> Self {
        self.plan.part_style = s;
        self
    }
    /// The closing paragraph.
    pub fn closing(mut self, t: impl Into<Text>) -> Self {
        self.plan.closing = Some(t.into());
        self
    }
    /// Adds a recipient; a final `(note)` is recognised, and typed
    /// punctuation (`- `, `;`) is not doubled.
    pub fn recipient(mut self, r: impl Into<Recipient>) -> Self {
        self.plan.recipients.to.push(r.into());
        self
    }
    /// The archive line's units after `VT`.
    pub fn archive<I, S>(mut self, units: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let copies = self.plan.recipients.archive.as_ref().and_then(|a| a.copies);
        let units = units.into_iter().map(|u| text::fold_whitespace(u.as_ref())).collect();
        self.plan.recipients.archive = Some(Archive { units, copies });
        self
    }
    /// The number of copies filed: `Lưu: VT, HC (2).`
    pub fn archive_copies(mut self, copies: u32) -> Self {
        self.plan.recipients.archive.get_or_insert_with(Archive::default).copies = Some(copies);
        self
    }
    /// Ô 12: drafter's initials and number of copies issued (`PL.(300)`).
    pub fn drafter(mut self, initials: &str, copies: u32) -> Self {
        self.plan.recipients.drafter = Some(Drafter { initials: text::fold_whitespace(initials), copies });
        self
    }
    /// The signature block.
    pub fn signer(mut self, s: Signer) -> Self {
        self.plan.signer = s;
        self
    }
    /// Urgency mark.
    pub fn urgency(mut self, u: Urgency) -> Self {
        self.plan.marks.urgency = Some(u);
        self
    }
    /// Confidentiality mark.
    pub fn confidentiality(mut self, c: Confidentiality) -> Self {
        self.plan.marks.confidentiality = Some(c);
        self
    }
    /// Circulation mark.
    pub fn circulation(mut self, c: Circulation) -> Self {
        self.plan.marks.circulation = Some(c);
        self
    }
    /// The "DỰ THẢO" label.
    pub fn draft_label(mut self, d: DraftLabel) -> Self {
        self.plan.marks.draft = Some(d);
        self
    }
    /// Ô 13: address, phone, email of the agency.
    pub fn contact(mut self, c: &str) -> Self {
        self.plan.contact = Some(text::fold_lines(c));
        self
    }
    /// Adds an appendix.
    pub fn appendix(mut self, a: Appendix) -> Self {
        self.plan.appendices.push(a);
        self
    }
    /// The signer's signature image (PNG, transparent background, blue),
    /// printed between the title lines and the name (spec §9).
    pub fn signature_png(mut self, png: Vec<u8>) -> Self {
        self.plan.signing.signature = Some(crate::places::SigningImage::png(png));
        self
    }
    /// The agency's seal image (PNG, transparent background, red) and its
    /// diameter in mm, over the signature's left third (spec §9).
    pub fn seal_png(mut self, png: Vec<u8>, diameter_mm: f32) -> Self {
        self.plan.signing.seal = Some(crate::places::SigningImage::png(png));
        self.plan.signing.seal_mm = Some(diameter_mm);
        self
    }
    /// Everything about issuing electronically at once: images, the seal's
    /// size, empty signature fields, separate appendices, the signing time
    /// (the `[signing]` table).
    ///
    /// ```
    /// let s = vanban::places::Signing { fields: true, separate_appendices: true, ..Default::default() };
    /// let plan = vanban::Plan::builder().signing(s).build_unchecked();
    /// assert!(plan.signing.fields);
    /// ```
    pub fn signing(mut self, s: crate::places::Signing) -> Self {
        self.plan.signing = s;
        self
    }
    /// Page margins in millimetres.
    pub fn margins(mut self, m: Margins) -> Self {
        self.plan.margins = m;
        self
    }
    /// Returns the plan without validating it ([`PlanBuilder::build`]
    /// validates).
    pub fn build_unchecked(self) -> Plan {
        self.plan
    }
}

/// A part's content and sections, for [`PlanBuilder::part`].
#[derive(Debug, Clone, Default)]
pub struct PartBuilder(Part);

impl PartBuilder {
    /// Content directly under the part, before its sections.
    pub fn content(mut self, content: impl FnOnce(Blocks) -> Blocks) -> Self {
        self.0.blocks.extend(content(Blocks::new()).0);
        self
    }
    /// Adds a section `I.`, `II.` … to the part.
    pub fn section(mut self, title: impl Into<Text>, content: impl FnOnce(Blocks) -> Blocks) -> Self {
        self.0.sections.push(Section { title: title.into(), text: None, blocks: content(Blocks::new()).0 });
        self
    }
}

/// The content of a section, item, point or bullet, built block by block.
///
/// ```
/// use vanban::Blocks;
/// let b = Blocks::new()
///     .paragraph("Mở đầu.")
///     .titled_item("Tiêu chí", |i| i.point("Thứ nhất;").point_with("Thứ hai:", |p| p.bullet("ý một;").bullet_with("ý hai:", |d| d.plus("chi tiết."))));
/// assert_eq!(b.into_vec().len(), 2);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Blocks(Vec<Block>);

impl Blocks {
    /// No blocks yet.
    pub fn new() -> Blocks {
        Blocks(Vec::new())
    }
    /// The blocks.
    pub fn into_vec(self) -> Vec<Block> {
        self.0
    }
    fn push(mut self, b: Block) -> Self {
        self.0.push(b);
        self
    }
    /// A free paragraph.
    pub fn paragraph(self, t: impl Into<Text>) -> Self {
        self.push(Block::Paragraph(Paragraph { text: t.into() }))
    }
    /// An item `n. text`.
    pub fn item(self, t: impl Into<Text>) -> Self {
        self.push(Block::Item(Item { title: None, text: Some(t.into()), blocks: Vec::new() }))
    }
    /// An item `n. text` with content under it.
    pub fn item_with(self, t: impl Into<Text>, content: impl FnOnce(Blocks) -> Blocks) -> Self {
        self.push(Block::Item(Item { title: None, text: Some(t.into()), blocks: content(Blocks::new()).0 }))
    }
    /// An item with a bold title on its own line and content under it.
    pub fn titled_item(self, title: impl Into<Text>, content: impl FnOnce(Blocks) -> Blocks) -> Self {
        self.push(Block::Item(Item { title: Some(title.into()), text: None, blocks: content(Blocks::new()).0 }))
    }
    /// A point `a) text`.
    pub fn point(self, t: impl Into<Text>) -> Self {
        self.push(Block::Point(ListEntry { text: t.into(), blocks: Vec::new() }))
    }
    /// A point with content under it.
    pub fn point_with(self, t: impl Into<Text>, content: impl FnOnce(Blocks) -> Blocks) -> Self {
        self.push(Block::Point(ListEntry { text: t.into(), blocks: content(Blocks::new()).0 }))
    }
    /// A dash bullet `- text`.
    pub fn bullet(self, t: impl Into<Text>) -> Self {
        self.push(Block::Bullet(ListEntry { text: t.into(), blocks: Vec::new() }))
    }
    /// A dash bullet with content (`+` bullets) under it.
    pub fn bullet_with(self, t: impl Into<Text>, content: impl FnOnce(Blocks) -> Blocks) -> Self {
        self.push(Block::Bullet(ListEntry { text: t.into(), blocks: content(Blocks::new()).0 }))
    }
    /// A plus bullet `+ text`.
    pub fn plus(self, t: impl Into<Text>) -> Self {
        self.push(Block::Plus(ListEntry { text: t.into(), blocks: Vec::new() }))
    }
    /// A table (see [`Table`]).
    pub fn table(self, t: Table) -> Self {
        self.push(Block::Table(t))
    }
}
