//! The message catalog's server functions: a page tells the server which text a
//! language lacked, so the gap shows in the server's log, not only in one browser.

mod report_gap;

pub use report_gap::*;
