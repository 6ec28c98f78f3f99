//! When each file last changed, from the site's git history: the date an
//! organization's page says it was last updated, the sitemap's `lastmod`
//! and the feed's `updated`. A site that is not a git checkout (or a
//! machine without `git`) has none, and pages fall back to the dates of
//! the activities; a shallow clone is noted, as its oldest dates are wrong.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::schema::parse_date;
use super::values::Date;

/// The last commit date of each file under the root, relative to it.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub dates: HashMap<PathBuf, Date>,
    /// Whether the clone is shallow: files last changed before its first
    /// commit get that commit's date instead.
    pub shallow: bool,
    /// Whether the history was read at all.
    pub read: bool,
}

impl History {
    /// The history of the site at `root`, in one `git log` over it.
    pub fn read(root: &Path) -> History {
        let git = |args: &[&str]| {
            Command::new("git")
                .arg("-C")
                .arg(root)
                .args(["-c", "core.quotepath=off"])
                .args(args)
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        };
        let inside = git(&["rev-parse", "--is-inside-work-tree"]);
        if inside.as_deref().map(str::trim) != Some("true") {
            return History::default();
        }
        let shallow =
            git(&["rev-parse", "--is-shallow-repository"]).is_some_and(|s| s.trim() == "true");
        let Some(log) = git(&[
            "log",
            "--no-renames",
            "--relative",
            "--format=format:\u{1}%cs",
            "--name-only",
            "--",
            ".",
        ]) else {
            return History::default();
        };
        History {
            dates: parse_log(&log),
            shallow,
            read: true,
        }
    }

    /// The newest date of any of `files`.
    pub fn newest<'a>(&self, files: impl IntoIterator<Item = &'a Path>) -> Option<Date> {
        files
            .into_iter()
            .filter_map(|f| self.dates.get(f).copied())
            .max()
    }
}

/// `git log` newest first: each commit's date, then the files it touched;
/// a file's first date is its last change.
fn parse_log(log: &str) -> HashMap<PathBuf, Date> {
    let mut dates = HashMap::new();
    for commit in log.split('\u{1}').filter(|c| !c.is_empty()) {
        let mut lines = commit.lines();
        let Some(date) = lines.next().and_then(parse_date) else {
            continue;
        };
        for file in lines.filter(|l| !l.is_empty()) {
            dates.entry(PathBuf::from(file)).or_insert(date);
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_of_a_file_is_its_date() {
        let log = "\u{1}2021-03-04\ncontent/orgs/a.md\n\n\u{1}2020-02-08\ncontent/orgs/a.md\ncontent/orgs/b.md\n";
        let d = parse_log(log);
        assert_eq!(d[Path::new("content/orgs/a.md")].to_string(), "2021-03-04");
        assert_eq!(d[Path::new("content/orgs/b.md")].to_string(), "2020-02-08");
    }
}
