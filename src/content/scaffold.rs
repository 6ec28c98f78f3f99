//! `zhpress new org <slug>`: a valid entry to start from.

use std::path::{Path, PathBuf};

use super::slug;
use crate::config;
use crate::diagnostic::{Diagnostic, Error, Result};

/// Writes `content/orgs/<slug>.md`, refusing a slug that is taken or malformed.
pub fn new_org(root: &Path, s: &str) -> Result<PathBuf> {
    if let Err(why) = slug::check(s) {
        return Err(Error::one(
            Diagnostic::file(
                format!("content/orgs/{}.md", s),
                format!("the slug `{}` {}", s, why),
            )
            .with_hint(format!("try `zhpress new org {}`", slug::suggest(s))),
        ));
    }
    let config = config::load(root, None)?;
    let dir = root.join("content").join("orgs");
    for ext in ["md", "toml"] {
        let existing = dir.join(format!("{}.{}", s, ext));
        if existing.exists() {
            return Err(Error::one(
                Diagnostic::file(
                    format!("content/orgs/{}.{}", s, ext),
                    format!("an entry with the slug `{}` already exists", s),
                )
                .with_hint("choose another slug, or edit the existing file"),
            ));
        }
    }
    let kind = config
        .activity_types
        .first()
        .map_or("donation", |t| t.key.as_str());
    let text = format!(
        "+++\nname = \"機構全稱\"\ncategory = \"學會\"\nsummary = \"一句話介紹機構的抗疫工作。\"\n\n[[activities]]\ntype = \"{}\"\nsummary = \"這項活動的概述。\"\n# date = 2020-02-08\n# amount_yuan = 10000\n# items = [ {{ name = \"醫用口罩\", quantity = 1000, unit = \"只\" }} ]\n# people = 10\n+++\n機構的完整記述。\n",
        kind
    );
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let path = dir.join(format!("{}.md", s));
    std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    Ok(path.strip_prefix(root).unwrap_or(&path).to_path_buf())
}
