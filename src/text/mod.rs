//! The syntax of source text, shared by every stage that reads it: the
//! `-{…}-` markup, and which parts of a text field are prose (converted,
//! linted, fixed, searched) and which are verbatim (code, URLs, markup,
//! HTML tags), and the quotation marks of prose, paired.

pub mod html;
pub mod markup;
pub mod prose;
pub mod quotes;
