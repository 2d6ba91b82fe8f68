//! Line differences between two versions of a text file (the rule files under review),
//! shown to a reviewer as hunks with a few lines of context. A longest common
//! subsequence over the lines that differ (the common head and tail are skipped first);
//! rule files are a few hundred lines, so this stays well under a millisecond.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Same,
    Removed,
    Added,
}

/// One line of a diff, with its number in the old and/or the new text (from 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    pub change: Change,
    pub old: Option<usize>,
    pub new: Option<usize>,
    pub text: String,
}

/// Every line of both texts in order, each marked same, removed or added.
pub fn lines(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    // lcs[i][j]: the longest common subsequence of am[i..] and bm[j..].
    let (n, m) = (am.len(), bm.len());
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if am[i] == bm[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let same = |out: &mut Vec<DiffLine>, i: usize, j: usize, t: &str| {
        out.push(DiffLine {
            change: Change::Same,
            old: Some(i + 1),
            new: Some(j + 1),
            text: t.to_owned(),
        })
    };
    for (k, t) in a[..head].iter().enumerate() {
        same(&mut out, k, k, t);
    }
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && am[i] == bm[j] {
            same(&mut out, head + i, head + j, am[i]);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[at(i, j + 1)] > lcs[at(i + 1, j)]) {
            out.push(DiffLine {
                change: Change::Added,
                old: None,
                new: Some(head + j + 1),
                text: bm[j].to_owned(),
            });
            j += 1;
        } else {
            out.push(DiffLine {
                change: Change::Removed,
                old: Some(head + i + 1),
                new: None,
                text: am[i].to_owned(),
            });
            i += 1;
        }
    }
    for k in 0..tail {
        let (x, y) = (a.len() - tail + k, b.len() - tail + k);
        same(&mut out, x, y, a[x]);
    }
    out
}

/// The changed lines with `context` unchanged lines around each change; runs of
/// unchanged lines further away are left out (a reviewer sees where each hunk starts
/// by its line numbers).
pub fn hunks(old: &str, new: &str, context: usize) -> Vec<Vec<DiffLine>> {
    let all = lines(old, new);
    let changed: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, l)| l.change != Change::Same)
        .map(|(i, _)| i)
        .collect();
    let mut out: Vec<Vec<DiffLine>> = Vec::new();
    let mut last_end = 0usize;
    for &c in &changed {
        let start = c.saturating_sub(context);
        let end = (c + context + 1).min(all.len());
        match out.last_mut() {
            Some(h) if start <= last_end => h.extend(all[last_end..end].iter().cloned()),
            _ => out.push(all[start..end].to_vec()),
        }
        last_end = end.max(last_end);
    }
    out
}

/// A part of a three-way merge: lines both sides agree on (or only one side changed),
/// or a conflict where both changed the same lines differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Chunk {
    Clean {
        lines: Vec<String>,
    },
    Conflict {
        /// The lines as they were (the release's old file).
        base: Vec<String>,
        /// The city's version of them.
        ours: Vec<String>,
        /// The new release's version of them.
        theirs: Vec<String>,
    },
}

/// How a conflict is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// Keep the city's lines.
    Ours,
    /// Take the release's lines.
    Theirs,
    /// The city's lines, then the release's.
    Both,
}

/// For each line of `old`, the index of the same line in `new`, if kept.
fn matches(old: &str, new: &str) -> Vec<Option<usize>> {
    let mut out = vec![None; old.lines().count()];
    for l in lines(old, new) {
        if let (Change::Same, Some(o), Some(n)) = (l.change, l.old, l.new) {
            out[o - 1] = Some(n - 1);
        }
    }
    out
}

/// Three-way merge (diff3): the changes from `base` to `ours` and from `base` to
/// `theirs`, together. A region only one side changed takes that side; a region both
/// changed the same way is taken once; a region both changed differently is a
/// conflict for a person to resolve.
pub fn merge3(base: &str, ours: &str, theirs: &str) -> Vec<Chunk> {
    let (b, o, t): (Vec<&str>, Vec<&str>, Vec<&str>) = (
        base.lines().collect(),
        ours.lines().collect(),
        theirs.lines().collect(),
    );
    let (mo, mt) = (matches(base, ours), matches(base, theirs));
    let owned = |s: &[&str]| s.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    let mut out: Vec<Chunk> = Vec::new();
    let clean = |out: &mut Vec<Chunk>, lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(Chunk::Clean { lines: l }) => l.extend(lines),
            _ => out.push(Chunk::Clean { lines }),
        }
    };
    let (mut i, mut oi, mut ti) = (0, 0, 0);
    loop {
        if i < b.len() && mo[i] == Some(oi) && mt[i] == Some(ti) {
            clean(&mut out, vec![b[i].to_owned()]);
            (i, oi, ti) = (i + 1, oi + 1, ti + 1);
            continue;
        }
        // The next base line both sides kept ends the unstable region.
        let next = (i..b.len())
            .find(|&j| mo[j].is_some_and(|x| x >= oi) && mt[j].is_some_and(|x| x >= ti));
        let (j, oj, tj) = match next {
            Some(j) => (j, mo[j].unwrap_or(oi), mt[j].unwrap_or(ti)),
            None => (b.len(), o.len(), t.len()),
        };
        let (bb, oo, tt) = (&b[i..j], &o[oi..oj], &t[ti..tj]);
        if oo == bb || oo == tt {
            clean(&mut out, owned(tt));
        } else if tt == bb {
            clean(&mut out, owned(oo));
        } else {
            out.push(Chunk::Conflict {
                base: owned(bb),
                ours: owned(oo),
                theirs: owned(tt),
            });
        }
        if next.is_none() {
            break;
        }
        (i, oi, ti) = (j, oj, tj);
    }
    out
}

/// How many conflicts a merge left.
pub fn conflicts(chunks: &[Chunk]) -> usize {
    chunks
        .iter()
        .filter(|c| matches!(c, Chunk::Conflict { .. }))
        .count()
}

/// The merged text with each conflict resolved by its choice, in order; `None` when a
/// choice is missing.
pub fn assemble(chunks: &[Chunk], choices: &[Choice]) -> Option<String> {
    let mut text: Vec<&str> = Vec::new();
    let mut next = choices.iter();
    for c in chunks {
        match c {
            Chunk::Clean { lines } => text.extend(lines.iter().map(String::as_str)),
            Chunk::Conflict { ours, theirs, .. } => {
                let pick = next.next()?;
                if matches!(pick, Choice::Ours | Choice::Both) {
                    text.extend(ours.iter().map(String::as_str));
                }
                if matches!(pick, Choice::Theirs | Choice::Both) {
                    text.extend(theirs.iter().map(String::as_str));
                }
            }
        }
    }
    let mut s = text.join("\n");
    s.push('\n');
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(d: &[DiffLine]) -> String {
        d.iter()
            .map(|l| match l.change {
                Change::Same => '=',
                Change::Removed => '-',
                Change::Added => '+',
            })
            .collect()
    }

    #[test]
    fn a_changed_line_is_removed_then_added_with_its_numbers() {
        let d = lines("a\nb\nc\n", "a\nB\nc\n");
        assert_eq!(kinds(&d), "=-+=");
        assert_eq!((d[1].old, d[1].new), (Some(2), None));
        assert_eq!((d[2].old, d[2].new), (None, Some(2)));
        assert_eq!((d[3].old, d[3].new), (Some(3), Some(3)));
    }

    #[test]
    fn insertions_and_deletions_keep_the_common_lines() {
        assert_eq!(kinds(&lines("a\nb\nc", "a\nc\nd")), "=-=+");
        assert_eq!(kinds(&lines("", "x\ny")), "++");
        assert_eq!(kinds(&lines("x\ny", "")), "--");
        assert_eq!(kinds(&lines("same", "same")), "=");
    }

    #[test]
    fn hunks_keep_only_context_around_changes() {
        let old: String = (1..=20).map(|i| format!("{i}\n")).collect();
        let new = old.replace("5\n", "five\n").replace("15\n", "fifteen\n");
        let h = hunks(&old, &new, 2);
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].first().and_then(|l| l.old), Some(3));
        assert_eq!(kinds(&h[0]), "==-+==");
        assert!(hunks(&old, &old, 3).is_empty());
    }

    fn merged(base: &str, ours: &str, theirs: &str) -> Result<String, usize> {
        let c = merge3(base, ours, theirs);
        match conflicts(&c) {
            0 => Ok(assemble(&c, &[]).unwrap()),
            n => Err(n),
        }
    }

    #[test]
    fn changes_on_different_lines_merge_cleanly() {
        let base = "a\nb\nc\nd\ne\n";
        let ours = "a\nB\nc\nd\ne\n";
        let theirs = "a\nb\nc\nd\nE\nf\n";
        assert_eq!(merged(base, ours, theirs), Ok("a\nB\nc\nd\nE\nf\n".into()));
        // One side unchanged: the other side wins whole.
        assert_eq!(merged(base, base, theirs), Ok(theirs.into()));
        assert_eq!(merged(base, ours, base), Ok(ours.into()));
        // The same change on both sides is taken once.
        assert_eq!(merged(base, ours, ours), Ok(ours.into()));
    }

    #[test]
    fn the_same_line_changed_differently_is_a_conflict_resolved_by_choice() {
        let base = "x = 1\ny = 2\nz = 3\n";
        let ours = "x = 1\ny = 20\nz = 3\n";
        let theirs = "x = 1\ny = 200\nz = 3\n";
        let c = merge3(base, ours, theirs);
        assert_eq!(conflicts(&c), 1);
        assert_eq!(
            c[1],
            Chunk::Conflict {
                base: vec!["y = 2".into()],
                ours: vec!["y = 20".into()],
                theirs: vec!["y = 200".into()],
            }
        );
        assert_eq!(assemble(&c, &[Choice::Ours]).unwrap(), ours);
        assert_eq!(assemble(&c, &[Choice::Theirs]).unwrap(), theirs);
        assert_eq!(
            assemble(&c, &[Choice::Both]).unwrap(),
            "x = 1\ny = 20\ny = 200\nz = 3\n"
        );
        assert_eq!(assemble(&c, &[]), None);
    }

    #[test]
    fn insertions_at_the_same_place_conflict_and_deletions_merge() {
        assert_eq!(merged("a\nb\n", "a\nX\nb\n", "a\nY\nb\n"), Err(1));
        assert_eq!(
            merged("a\nb\nc\n", "a\nc\n", "a\nb\nc\nd\n"),
            Ok("a\nc\nd\n".into())
        );
        assert_eq!(merged("", "ours\n", ""), Ok("ours\n".into()));
    }
}
