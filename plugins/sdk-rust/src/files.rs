//! Reading what the plugin was granted. Under WASI preview1 only the granted directories exist;
//! everything else is "not found" or "not capable". Every failure is a [`FileError`] naming the
//! path, ready to be a log line or an ERROR reason.

use std::fmt;
use std::fs;
use std::io::{self, Read};

/// A file or directory that could not be read, and why.
#[derive(Debug)]
pub struct FileError {
    pub path: String,
    pub kind: io::ErrorKind,
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read {}: {}", self.path, self.message)
    }
}

impl std::error::Error for FileError {}

impl FileError {
    fn new(path: &str, e: &io::Error) -> FileError {
        FileError { path: path.to_string(), kind: e.kind(), message: describe(e) }
    }

    /// Whether the file does not exist (as opposed to existing but being unreadable).
    pub fn is_not_found(&self) -> bool {
        self.kind == io::ErrorKind::NotFound
    }
}

/// The OS message without Rust's " (os error N)" suffix: operators read these.
fn describe(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// A whole file, refused when it is larger than `max_bytes` (a plugin's memory is limited, and a
/// configuration file of gigabytes is itself a finding, not something to load).
pub fn read_file(path: &str, max_bytes: usize) -> Result<Vec<u8>, FileError> {
    let file = fs::File::open(path).map_err(|e| FileError::new(path, &e))?;
    let mut data = Vec::new();
    let limit = u64::try_from(max_bytes).unwrap_or(u64::MAX).saturating_add(1);
    file.take(limit).read_to_end(&mut data).map_err(|e| FileError::new(path, &e))?;
    if data.len() > max_bytes {
        return Err(FileError {
            path: path.to_string(),
            kind: io::ErrorKind::Other,
            message: format!("larger than {} bytes", max_bytes),
        });
    }
    Ok(data)
}

/// A whole file as text; bytes that are not UTF-8 become U+FFFD, so any file is safe to report.
pub fn read_text(path: &str, max_bytes: usize) -> Result<String, FileError> {
    read_file(path, max_bytes).map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// What a directory entry is; symbolic links are reported as such, never followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryType {
    File,
    Dir,
    Symlink,
    Other,
}

#[derive(Clone, Debug)]
pub struct Entry {
    /// The full path: the directory's path, '/', the name.
    pub path: String,
    pub name: String,
    pub kind: EntryType,
    /// 1 for the root's own entries.
    pub depth: usize,
}

/// The entries of one directory, sorted by name (the order on disk is arbitrary, a report should not be).
/// Names that are not UTF-8 are converted lossily (such a path then does not open, which is reported).
pub fn list_dir(path: &str) -> Result<Vec<Entry>, FileError> {
    let mut out = Vec::new();
    for item in fs::read_dir(path).map_err(|e| FileError::new(path, &e))? {
        let item = item.map_err(|e| FileError::new(path, &e))?;
        let name = item.file_name().to_string_lossy().into_owned();
        let kind = match item.file_type() {
            Ok(t) if t.is_symlink() => EntryType::Symlink,
            Ok(t) if t.is_dir() => EntryType::Dir,
            Ok(t) if t.is_file() => EntryType::File,
            _ => EntryType::Other,
        };
        let full = if path.ends_with('/') { format!("{}{}", path, name) } else { format!("{}/{}", path, name) };
        out.push(Entry { path: full, name, kind, depth: 1 });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// A directory tree, depth first in name order, descending at most `max_depth` levels (1 = only
/// the root's entries) and never through symbolic links. Returns the entries and the directories
/// that could not be read (the root included), so that a plugin can report what it could not see.
pub fn walk(root: &str, max_depth: usize) -> (Vec<Entry>, Vec<FileError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    walk_into(root, 1, max_depth, &mut entries, &mut errors);
    (entries, errors)
}

fn walk_into(dir: &str, depth: usize, max_depth: usize, entries: &mut Vec<Entry>, errors: &mut Vec<FileError>) {
    if depth > max_depth {
        return;
    }
    match list_dir(dir) {
        Err(e) => errors.push(e),
        Ok(list) => {
            for mut e in list {
                e.depth = depth;
                let sub = if e.kind == EntryType::Dir { Some(e.path.clone()) } else { None };
                entries.push(e);
                if let Some(sub) = sub {
                    walk_into(&sub, depth + 1, max_depth, entries, errors);
                }
            }
        }
    }
}
