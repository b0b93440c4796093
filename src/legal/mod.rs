//! Legal drafting: the units of a legal normative document (Điều, khoản, điểm), their
//! order, the numbering of inserted units, and the sentences of an amending document.
//!
//! A drafting team lists its amendments in a sheet, one row each: the target unit
//! ("khoản 2 Điều 5"), the action (sửa đổi, bổ sung, bãi bỏ, thay thế cụm từ), the current
//! and the new text. [`amendments`] puts them in the amended document's order and words
//! each as Decree 78/2025/NĐ-CP's drafting technique has it (VN-FORMAT §2.5):
//!
//! - "Sửa đổi, bổ sung khoản 2 Điều 5 như sau:" and the new text in “ ”;
//! - "Bổ sung khoản 2a vào sau khoản 2 Điều 5 như sau:" — an inserted unit takes the
//!   number of the unit it follows plus a letter (Điều 5a, khoản 2a) or, for a điểm, a
//!   digit (điểm a1);
//! - "Bãi bỏ điểm c khoản 1 Điều 7.";
//! - "Thay thế cụm từ “…” bằng cụm từ “…” tại khoản 3 Điều 8.".

mod amend;
pub mod current;
mod unit;

pub use amend::{Action, Amendment, AmendmentError, AmendmentRow, RowPart, amendments};
pub use unit::{Unit, UnitError};

mod helpers;
pub use helpers::{HELPERS, register};
