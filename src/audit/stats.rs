//! What the auditor reads, summed as the records stream past: per limit,
//! per responsible role, per priority class and per month, how many pairs
//! met, breached or are still open, the time taken (median, p90, max), and
//! the worst breaches. Nothing here grows with the number of records: the
//! quantiles come from a histogram exact to 10 significant bits (0.1 %).

use std::collections::BTreeMap;

use serde::Serialize;

use super::measure::Status;

/// Pairs counted by verdict.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Tally {
    pub pairs: u64,
    pub met: u64,
    pub breached: u64,
    pub open: u64,
    pub not_auditable: u64,
    pub ambiguous: u64,
}

impl Tally {
    pub fn add(&mut self, status: Status, ambiguous: bool) {
        self.pairs += 1;
        self.ambiguous += u64::from(ambiguous);
        match status {
            Status::Met => self.met += 1,
            Status::Breached => self.breached += 1,
            Status::Open => self.open += 1,
            Status::NotAuditable => self.not_auditable += 1,
            Status::Counted => {}
        }
    }

    /// Met among decided pairs (met or breached), in per cent.
    pub fn rate(&self) -> Option<f64> {
        let decided = self.met + self.breached;
        (decided > 0).then(|| 100.0 * self.met as f64 / decided as f64)
    }
}

/// Significant bits a histogram bucket keeps.
const BITS: u32 = 10;

/// Times taken, for quantiles: a histogram whose buckets keep the top 10
/// significant bits of a value, so memory is bounded by the range of values
/// (a few hundred kilobytes a limit), not their number. Each bucket keeps
/// its count and its largest value, which a quantile falling in it reports:
/// exact when the bucket holds one value, never more than 0.1 % above the
/// true one otherwise.
#[derive(Clone, Debug, Default)]
pub struct Quantiles {
    /// By bucket: how many values, and the largest.
    buckets: Vec<(u64, u64)>,
    count: u64,
    max: u64,
}

/// The bucket of `v`: values below 2^10 each have their own; above, the
/// shift and the top 10 bits, so buckets ascend with the values.
fn bucket(v: u64) -> usize {
    let bits = 64 - v.leading_zeros();
    if bits <= BITS {
        v as usize
    } else {
        let shift = bits - BITS;
        ((shift as usize) << BITS) + (v >> shift) as usize
    }
}

impl Quantiles {
    pub fn add(&mut self, value: i64) {
        let v = value.max(0).unsigned_abs();
        let i = bucket(v);
        if i >= self.buckets.len() {
            self.buckets.resize(i + 1, (0, 0));
        }
        let b = &mut self.buckets[i];
        b.0 += 1;
        b.1 = b.1.max(v);
        self.count += 1;
        self.max = self.max.max(v);
    }

    /// The `q`-quantile (0..=1) by the nearest-rank rule.
    pub fn quantile(&self, q: f64) -> Option<i64> {
        if self.count == 0 {
            return None;
        }
        let rank = ((q * self.count as f64).ceil() as u64).clamp(1, self.count);
        let mut seen = 0;
        for &(n, largest) in &self.buckets {
            seen += n;
            if seen >= rank {
                return i64::try_from(largest).ok();
            }
        }
        i64::try_from(self.max).ok()
    }

    pub fn max(&self) -> Option<i64> {
        (self.count > 0).then(|| i64::try_from(self.max).unwrap_or(i64::MAX))
    }
}

/// One limit's figures.
#[derive(Clone, Debug, Default)]
pub struct LimitStats {
    pub tally: Tally,
    pub taken: Quantiles,
    /// Frequency limits: periods checked and short.
    pub periods: u64,
    pub short: u64,
}

/// A breach worth showing first: the most overrun, relative to the limit.
#[derive(Clone, Debug, Serialize)]
pub struct Breach {
    pub file: String,
    pub line: u64,
    pub record: String,
    pub limit: usize,
    pub allowed: i64,
    pub taken: i64,
}

impl Breach {
    /// How many times the allowed time was taken.
    pub fn ratio(&self) -> f64 {
        if self.allowed <= 0 {
            f64::INFINITY
        } else {
            self.taken as f64 / self.allowed as f64
        }
    }
}

/// Everything summed over a run.
#[derive(Debug, Default)]
pub struct Stats {
    /// Parallel to `spec.limits`.
    pub limits: Vec<LimitStats>,
    /// By role index.
    pub roles: BTreeMap<usize, Tally>,
    /// By class, `Catalogue::class_ids`' index + 1 (0: no priority given).
    pub classes: Vec<Tally>,
    /// By year and month of the start.
    pub months: BTreeMap<(i16, i8), Tally>,
    pub worst: Vec<Breach>,
    pub keep_worst: usize,
    /// Rows read and audited, rejected, and audited with no limit covering them.
    pub records: u64,
    pub rejected: BTreeMap<super::bad::BadKind, u64>,
    pub unmatched: u64,
}

impl Stats {
    pub fn new(limits: usize, classes: usize, keep_worst: usize) -> Stats {
        Stats {
            limits: vec![LimitStats::default(); limits],
            classes: vec![Tally::default(); classes + 1],
            keep_worst,
            ..Stats::default()
        }
    }

    pub fn rejected_rows(&self) -> u64 {
        self.rejected.values().sum()
    }

    /// Keep `breach` if it is among the worst.
    pub fn consider(&mut self, breach: impl FnOnce() -> Breach, ratio: f64) {
        if self.keep_worst == 0 {
            return;
        }
        if self.worst.len() >= self.keep_worst
            && self.worst.last().is_some_and(|w| w.ratio() >= ratio)
        {
            return;
        }
        let breach = breach();
        let at = self.worst.partition_point(|w| w.ratio() >= ratio);
        self.worst.insert(at, breach);
        self.worst.truncate(self.keep_worst);
    }

    /// Every breach of every limit, overall.
    pub fn total(&self) -> Tally {
        let mut t = Tally::default();
        for l in &self.limits {
            let s = &l.tally;
            t.pairs += s.pairs;
            t.met += s.met;
            t.breached += s.breached;
            t.open += s.open;
            t.not_auditable += s.not_auditable;
            t.ambiguous += s.ambiguous;
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_exact_for_small_values_and_close_for_large() {
        let mut q = Quantiles::default();
        for v in 1..=100 {
            q.add(v);
        }
        assert_eq!(q.quantile(0.5), Some(50));
        assert_eq!(q.quantile(0.9), Some(90));
        assert_eq!(q.max(), Some(100));
        let mut big = Quantiles::default();
        big.add(1_000_003);
        assert_eq!(big.quantile(0.5), Some(1_000_003));
        big.add(1_000_001);
        assert_eq!(big.quantile(0.5), Some(1_000_003));
        big.add(i64::MAX);
        assert_eq!(big.max(), Some(i64::MAX));
    }
}
