//! Time limits as Chinese service standards write them.
//!
//! A standard states each limit in one of a few shapes: an elapsed span (`24小时内`,
//! `0.5个工作日`), a range (`1-2个月`), a frequency (`每季度至少一次`), a calendar anchor
//! (`次月5日前`, `当日`, `次月底`), a look-back window (`最近3个月`), or a vague word (`及时`)
//! that no auditor can check. Each shape is audited differently, so [`parse`] keeps them apart as
//! [`Duration`] variants rather than flattening everything to seconds. Within a shape, synonyms
//! are normalised (Traditional to Simplified, Chinese and full-width numerals to numbers, weeks to
//! 7 days, quarters to 3 months, fractional years to months, `自然日` to days) so that two
//! standards saying the same thing compare equal. Amounts are exact rationals because
//! `0.5个工作日` and `12.5个工作日` are common and must not drift through floating point.
//!
//! What cannot be read is a [`ParseError`] whose help names the closest reading, so that the
//! writer of a standard sees what guifan would accept: `24小时前` → `24小时内`, `3个工作日完成` →
//! `3个工作日`, `每季度或半年` → `每季度1次` and `每半年1次`. `tests/fixtures/durations.tsv`
//! holds the spellings of real standards with their readings and rejections.
//!
//! Decisions on ambiguous forms:
//! - `日前`/`日之前`/`日以前` after a month is [`AnchorBound::Before`]; `日内`/`日以内`/`日之内`/
//!   `日止`/`日为止` is [`AnchorBound::By`] (up to and including the day).
//! - `最近N…` and `近N…` are retention windows; `保存N年` and other verbs are rejected, the help
//!   naming the window (`最近3年`).
//! - A trailing `内` is kept as `within` on spans only; ranges, retention windows, anchors and
//!   vague words are inherently "within", so it is accepted there and dropped. Other trailing
//!   words (`完成`, `办结`, `后`) are errors naming the limit alone, and so are verbs inside
//!   frequencies (`每月发布一次` → `每月1次`) and before a limit (`控制在30秒以内` → `30秒内`).
//! - `前` after a span (`24小时前`) counts back from the start: an error naming `24小时内`.
//! - Open-ended (`3天以上`, `3天多`, `至少3天`) and approximate (`3天左右`) spans are errors: a limit
//!   is a maximum. The help names the span alone; the condition belongs in the limit's `scope`.
//! - `或` joins two limits (`每季度或半年`, `3或5个工作日`): an error naming both readings and,
//!   when they compare, the looser one.
//! - `不超过`/`不得超过`/`不超出`/`不多于`/`不大于`/`至多`/`最多`/`最长`/`不迟于`/`不晚于`/`≤` before a
//!   span make it `within`; before a day of a month they make it [`AnchorBound::By`].
//! - `起`/`开始` after a limit (`即日起`) mark a start, not a limit: an error.
//! - Zero amounts, zero counts and days outside 1..=31 are errors: none can be audited.
//! - An amount with a leading zero (`05个工作日`) is an error naming both readings, `0.5个工作日`
//!   and `5个工作日`: captured tables lose decimal points, which is likelier than padding. A day
//!   of a month may be padded (`次月05日前`).
//! - A limit is at least 1 millisecond and at most 100 years, in clock-equivalent time: working
//!   time counts as clock time (a working day as 24 hours, for this bound only), a year as 365.25
//!   days and a month as a twelfth of that year. `3000000000000000000天` and `0.0001秒` are errors;
//!   every sum and product in the parser is checked, so no input overflows.
//! - `当月`/`本月` mean the same as `每月` for an anchor and render as `每月`; likewise `当年`/`本年`
//!   and `每年`, `当季度` and `每季度`.
//! - `当日`/`当天`/`即日`/`本日` are the end of the day the clock starts in, `次日`/`隔日`/`隔天`/
//!   `翌日`/`第二天` the end of the next day; `当个工作日` and `次工作日`/`下一个工作日` the same in
//!   working days. `内`/`以内`/`之内`/`止`/`为止` may follow and change nothing. `前` may not:
//!   `次日前` may be the end of today or of tomorrow. A time of day (`次日12时前`) is not read; the
//!   help names the day, the looser limit. `隔日一次` is every other day and an error naming
//!   `每2天1次`.
//! - `底`/`末`/`最后一日`/`最后一天` after a month, quarter or year is the end of that period, always
//!   [`AnchorBound::By`]: `每月底`, `月底前` and `当月底` are one limit, and so are `次月底`,
//!   `次月底前` and `次月末`. A bare `月底`, `季度末` or `年底` is this period's end. `次月` or `当月`
//!   alone is an error naming `次月底` (`次月生效` is a start, not a deadline); `每月`, `每季度` and
//!   `每年` without a day or an end are frequencies. A date in a year (`每年3月31日前`) is not
//!   read; the help names the end of the year.
//! - `分` alone is minutes only at the end (or before `内`), so `3分钟` and `3分` agree but
//!   `3分30秒` is rejected instead of being half-read.
//! - `自然日`/`日历日` are days, `工作天` is a working day, `钟头` an hour, `礼拜` a week. After a
//!   number, `h`/`hr`/`hrs`/`hour`/`hours` are hours, `min`/`mins` minutes and `s`/`sec`/`secs`
//!   seconds, in either case and full width (`24H`, `２４ｈ`); `m` alone may be minutes or months
//!   and is rejected naming both.
//! - `N次/月` is `每月N次`; `至少每月一次` and `每月1次以上` are `每月至少1次`. A day of the week
//!   after `每周` (`每周五前`) is not read; the help names `每周1次`. A span after a period
//!   (`每天24小时`) is a service window, not a frequency: an error naming `每天1次` and `24小时`.
//! - A leading `在` is ignored; `号` is read as `日`, `季` as `季度`, `不少于`/`不低于` as `至少`.
//! - Vague words are returned in Simplified form, so `盡快`, `儘快` and `尽快` compare equal.
//! - Whitespace is ignored, except between two digits (`1 2小时` is an error, not 12 hours).

use std::fmt;

use num_rational::Ratio;
use num_traits::{CheckedAdd, CheckedDiv, CheckedMul, One, Zero};

/// An exact amount: `0.5`, `1.5` and `12.5` have no rounding error.
pub type Amount = Ratio<i64>;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Seconds,
    Minutes,
    Hours,
    Days,
    WorkingHours,
    WorkingDays,
    Months,
    Years,
}

const UNITS: [Unit; 8] = [
    Unit::Seconds,
    Unit::Minutes,
    Unit::Hours,
    Unit::Days,
    Unit::WorkingHours,
    Unit::WorkingDays,
    Unit::Months,
    Unit::Years,
];

impl Unit {
    /// Parses the snake_case English name used by the structured YAML form `{amount: 2, unit: hours}`.
    pub fn parse_name(s: &str) -> Option<Unit> {
        UNITS.into_iter().find(|u| u.names().0 == s)
    }

    /// English name, Chinese name after a number (`2个月`), Chinese name alone (`每月`).
    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Unit::Seconds => ("seconds", "秒", "秒"),
            Unit::Minutes => ("minutes", "分钟", "分钟"),
            Unit::Hours => ("hours", "小时", "小时"),
            Unit::Days => ("days", "天", "天"),
            Unit::WorkingHours => ("working_hours", "个工作小时", "工作小时"),
            Unit::WorkingDays => ("working_days", "个工作日", "工作日"),
            Unit::Months => ("months", "个月", "月"),
            Unit::Years => ("years", "年", "年"),
        }
    }

    /// Seconds of clock-equivalent time, only to bound amounts: working time counts as clock time
    /// (a working day as 24 hours), a year is 365.25 days and a month a twelfth of that year.
    fn bound_seconds(self) -> i64 {
        match self {
            Unit::Seconds => 1,
            Unit::Minutes => 60,
            Unit::Hours | Unit::WorkingHours => 3_600,
            Unit::Days | Unit::WorkingDays => 86_400,
            Unit::Months => SECONDS_PER_YEAR / 12,
            Unit::Years => SECONDS_PER_YEAR,
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.names().0)
    }
}

/// An amount in a normalised unit: weeks are already days, quarters and half years months.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
pub struct Quantity {
    /// Exact: a decimal (`0.5`) when it has a finite one, else a fraction (`1/3`).
    #[serde(serialize_with = "amount_serialize")]
    #[schemars(with = "String", regex(pattern = r"^[0-9]+(\.[0-9]+|/[0-9]+)?$"))]
    pub amount: Amount,
    pub unit: Unit,
}

fn amount_serialize<S: serde::Serializer>(amount: &Amount, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&amount_text(amount))
}

impl Quantity {
    /// Seconds for clock units (a day is 24 hours). Working time depends on a roster and months
    /// and years on the calendar, so those give `None`, as does an overflow.
    pub fn clock_seconds(&self) -> Option<Amount> {
        let factor = match self.unit {
            Unit::Seconds => 1,
            Unit::Minutes => 60,
            Unit::Hours => 3_600,
            Unit::Days => 86_400,
            _ => return None,
        };
        self.amount.checked_mul(&Amount::from_integer(factor))
    }
}

/// Seconds in a year of 365.25 days, the year of the bounds.
const SECONDS_PER_YEAR: i64 = 31_557_600;
/// The longest limit read: 100 years.
const LONGEST_SECONDS: i64 = 100 * SECONDS_PER_YEAR;
const LONGEST_HELP: &str = "the longest limit read is `100年`; check the number and the unit";
const SHORTEST_HELP: &str = "the shortest limit read is `0.001秒`; check the number and the unit";

/// Whether a quantity can be a limit: at least 1 millisecond and at most 100 years of
/// clock-equivalent time (a working day counted as 24 hours, a year as 365.25 days). The structured
/// form `{amount, unit}` is held to the same bounds as the written one.
pub fn check_bounds(quantity: &Quantity) -> Result<(), ParseError> {
    bounded(*quantity, 0).map(|_| ())
}

/// The JSON Schema of `{amount, unit}` held to what the loader accepts: the
/// unit names, and for each unit the amounts within the bounds above.
pub fn structured_schema(schema: &mut schemars::Schema) {
    let names: Vec<&str> = UNITS.iter().map(|u| u.names().0).collect();
    let unit = (schema.get_mut("properties"))
        .and_then(|p| p.get_mut("unit"))
        .and_then(|u| u.as_object_mut());
    if let Some(unit) = unit {
        unit.insert("enum".into(), serde_json::json!(names));
    }
    let per_unit: Vec<serde_json::Value> = UNITS
        .iter()
        .map(|u| {
            let seconds = u.bound_seconds() as f64;
            serde_json::json!({
                "if": { "properties": { "unit": { "const": u.names().0 } } },
                "then": { "properties": { "amount": {
                    "minimum": 0.001 / seconds,
                    "maximum": LONGEST_SECONDS as f64 / seconds,
                } } },
            })
        })
        .collect();
    schema.insert("allOf".into(), serde_json::json!(per_unit));
}

fn bounded(quantity: Quantity, offset: usize) -> Result<Quantity, ParseError> {
    let seconds = quantity
        .amount
        .checked_mul(&Amount::from_integer(quantity.unit.bound_seconds()));
    match seconds {
        Some(s) if s > Amount::from_integer(LONGEST_SECONDS) => Err(too_long(offset)),
        None => Err(too_long(offset)),
        Some(s) if s < Amount::new(1, 1_000) => Err(error(
            offset,
            "a time limit shorter than 1 millisecond",
            Some(SHORTEST_HELP),
        )),
        Some(_) => Ok(quantity),
    }
}

fn too_long(offset: usize) -> ParseError {
    error(
        offset,
        "a time limit longer than 100 years",
        Some(LONGEST_HELP),
    )
}

/// The period a calendar anchor is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AnchorPeriod {
    /// `当日`, `次日`.
    Day,
    /// `当个工作日`, `次工作日`: days of the business calendar.
    WorkingDay,
    /// `每月28日`, `次月5日前`, `次月底`.
    Month,
    /// `每季度末`, `次季度末`.
    Quarter,
    /// `每年底`, `次年底`.
    Year,
}

/// Which period an anchor falls in: the one the clock starts in (`当日`, `每月`/`当月`/`本月`,
/// `每年`) or the next (`次日`, `次月`/`下月`, `次年`).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AnchorOffset {
    This,
    Next,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AnchorBound {
    /// `28日`: on that day.
    On,
    /// `5日前`, `5日之前`, `5日以前`: before that day.
    Before,
    /// `5日内`, `5日以内`, `5日之内`, `5日止`, `5日为止`: up to and including that day; the end
    /// of a period (`当日`, `次月底`, `年底前`) is always this.
    By,
}

/// Exported tagged by `shape`, each shape with its own fields.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum Duration {
    /// An elapsed limit: `30秒`, `2小时`, `0.5个工作日`, `24小时内` (`within` when 内/以内/之内 follows).
    Span { quantity: Quantity, within: bool },
    /// A range, both ends in the same unit: `1-2个月`, `3至5个工作日`.
    Range { min: Quantity, max: Quantity },
    /// A frequency: `每季度至少一次`, `每两年一次`, `每周两次`.
    Frequency {
        count: u32,
        at_least: bool,
        per: Quantity,
    },
    /// A calendar anchor: a day of a month (`每月28日`, `次月5日前`) or the end of a period
    /// (`当日`, `次日`, `次工作日`, `次月底`, `每季度末`, `每年底`).
    Anchor {
        period: AnchorPeriod,
        offset: AnchorOffset,
        /// The day of the month, 1–31, for a month only; `null`: the end of the period.
        #[schemars(range(min = 1, max = 31))]
        day: Option<u8>,
        bound: AnchorBound,
    },
    /// A retention or look-back window: `最近3个月`, `近6个月`.
    Retention { quantity: Quantity },
    /// A word that cannot be audited, in Simplified form: `及时`, `尽快`, `规定时限`.
    Vague { word: String },
}

impl Duration {
    /// The quantity to compare against other standards: Span → quantity, Range → max,
    /// Frequency → per, Retention → quantity; Anchor and Vague have none.
    pub fn normalised(&self) -> Option<Quantity> {
        match self {
            Duration::Span { quantity, .. } | Duration::Retention { quantity } => Some(*quantity),
            Duration::Range { max, .. } => Some(*max),
            Duration::Frequency { per, .. } => Some(*per),
            Duration::Anchor { .. } | Duration::Vague { .. } => None,
        }
    }
}

/// Renders an amount as a decimal (`12.5`), which is what the parser reads back. Only amounts
/// whose denominator has no prime factor but 2 and 5 terminate; others fall back to `n/d`.
pub fn amount_text(amount: &Amount) -> String {
    let (numer, denom) = (i128::from(*amount.numer()), i128::from(*amount.denom()));
    let mut odd = denom;
    for p in [2, 5] {
        while odd != 0 && odd % p == 0 {
            odd /= p;
        }
    }
    if denom <= 0 || odd != 1 {
        return amount.to_string();
    }
    let sign = if numer < 0 { "-" } else { "" };
    let mut text = format!("{sign}{}", numer.abs() / denom);
    let mut rest = numer.abs() % denom;
    if rest != 0 {
        text.push('.');
    }
    while rest != 0 {
        rest *= 10;
        text.push_str(&(rest / denom).to_string());
        rest %= denom;
    }
    text
}

fn quantity_text(q: &Quantity) -> String {
    format!("{}{}", amount_text(&q.amount), q.unit.names().1)
}

/// The period of a frequency as said after 每: `每月`, `每季度`, `每半年`, `每周`, `每2年`.
fn period_text(q: &Quantity) -> String {
    let whole = |n| q.amount == Amount::from_integer(n);
    match q.unit {
        _ if whole(1) => q.unit.names().2.to_string(),
        Unit::Months if whole(3) => "季度".to_string(),
        Unit::Months if whole(6) => "半年".to_string(),
        Unit::Days if whole(7) => "周".to_string(),
        // 每两周 reads better than 每14天; both read back to 14 days.
        Unit::Days if q.amount.is_integer() && q.amount.to_integer() % 7 == 0 => {
            format!("{}周", q.amount.to_integer() / 7)
        }
        _ => quantity_text(q),
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Duration::Span { quantity, within } => {
                let suffix = if *within { "内" } else { "" };
                write!(f, "{}{suffix}", quantity_text(quantity))
            }
            Duration::Range { min, max } if min.unit == max.unit => {
                let (lo, hi) = (amount_text(&min.amount), amount_text(&max.amount));
                write!(f, "{lo}-{hi}{}", max.unit.names().1)
            }
            Duration::Range { min, max } => {
                write!(f, "{}-{}", quantity_text(min), quantity_text(max))
            }
            Duration::Frequency {
                count,
                at_least,
                per,
            } => {
                let at_least = if *at_least { "至少" } else { "" };
                write!(f, "每{}{at_least}{count}次", period_text(per))
            }
            Duration::Anchor {
                period,
                offset,
                day,
                bound,
            } => {
                let next = *offset == AnchorOffset::Next;
                let pick = |this, next_one| if next { next_one } else { this };
                let (prefix, end) = match period {
                    AnchorPeriod::Day => return f.write_str(pick("当日", "次日")),
                    AnchorPeriod::WorkingDay => return f.write_str(pick("当个工作日", "次工作日")),
                    AnchorPeriod::Month => (pick("每月", "次月"), "底"),
                    AnchorPeriod::Quarter => (pick("每季度", "次季度"), "末"),
                    AnchorPeriod::Year => (pick("每年", "次年"), "底"),
                };
                match day {
                    // Only months have numbered days; `day` is ignored on other periods.
                    Some(day) if *period == AnchorPeriod::Month => {
                        let bound = match bound {
                            AnchorBound::On => "",
                            AnchorBound::Before => "前",
                            AnchorBound::By => "内",
                        };
                        write!(f, "{prefix}{day}日{bound}")
                    }
                    _ => write!(f, "{prefix}{end}"),
                }
            }
            Duration::Retention { quantity } => write!(f, "最近{}", quantity_text(quantity)),
            Duration::Vague { word } => f.write_str(word),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// English, starting lower-case.
    pub message: String,
    /// Character (not byte) offset into the input where the problem starts.
    pub offset: usize,
    /// What to write instead; where guifan can tell, it names the closest reading.
    pub help: Option<String>,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at character {}", self.message, self.offset)?;
        match &self.help {
            Some(help) => write!(f, " (help: {help})"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for ParseError {}

fn too_large(offset: usize) -> ParseError {
    error(offset, "number too large", Some(LONGEST_HELP))
}

fn error(offset: usize, message: impl Into<String>, help: Option<&str>) -> ParseError {
    ParseError {
        message: message.into(),
        offset,
        help: help.map(str::to_string),
    }
}

fn error_help(offset: usize, message: impl Into<String>, help: String) -> ParseError {
    ParseError {
        message: message.into(),
        offset,
        help: Some(help),
    }
}

fn did_you_mean(reading: &Duration) -> String {
    format!("did you mean `{reading}`?")
}

fn alone(reading: &Duration) -> String {
    format!("write the limit alone: `{reading}`")
}

fn span(quantity: Quantity, within: bool) -> Duration {
    Duration::Span { quantity, within }
}

/// Two limits joined by 或: neither can be audited alone, so name both and the looser one.
fn either_or(offset: usize, a: &Duration, b: &Duration) -> ParseError {
    let longer = |x: &Quantity, y: &Quantity| {
        let (x, y) = (in_months_if_years(*x)?, in_months_if_years(*y)?);
        (x.unit == y.unit).then_some(x.amount >= y.amount)
    };
    let a_looser = match (a, b) {
        (Duration::Span { quantity: x, .. }, Duration::Span { quantity: y, .. }) => longer(x, y),
        (
            Duration::Frequency {
                count: c1, per: p1, ..
            },
            Duration::Frequency {
                count: c2, per: p2, ..
            },
        ) if c1 == c2 => longer(p1, p2),
        _ => None,
    };
    let help = match a_looser {
        Some(true) => format!("write two limits, `{a}` and `{b}`, or the looser one alone: `{a}`"),
        Some(false) => format!("write two limits, `{a}` and `{b}`, or the looser one alone: `{b}`"),
        None => format!("write two limits, `{a}` and `{b}`, or only the one that applies"),
    };
    error_help(offset, "an either/or limit cannot be audited", help)
}

/// A range whose ends are in different clock units, in the finer one: `1小时-2天` → `1-48小时`.
fn in_one_unit(min: Quantity, max: Quantity) -> Option<Duration> {
    let unit = match min.unit.bound_seconds() <= max.unit.bound_seconds() {
        true => min.unit,
        false => max.unit,
    };
    let factor = Amount::from_integer(unit.bound_seconds());
    let in_unit = |q: Quantity| {
        let amount = q.clock_seconds()?.checked_div(&factor)?;
        Some(Quantity { amount, unit })
    };
    let (min, max) = (in_unit(min)?, in_unit(max)?);
    (min.amount <= max.amount).then_some(Duration::Range { min, max })
}

fn in_months_if_years(q: Quantity) -> Option<Quantity> {
    match q.unit {
        Unit::Years => in_months(q),
        _ => Some(q),
    }
}

const NUMBER_HELP: &str = "write a number and a unit, such as `2小时` or `0.5个工作日`";
const UNIT_HELP: &str = "use a unit such as 秒, 分钟, 小时, 天, 个工作日, 周, 个月, 季度 or 年";
/// Vague words; a word precedes any word it starts with.
const VAGUE: [&str; 34] = [
    "及时",
    "及早",
    "立即",
    "立刻",
    "尽快",
    "尽早",
    "尽速",
    "从速",
    "第一时间",
    "规定时限",
    "规定时间",
    "规定期限",
    "约定时限",
    "约定时间",
    "承诺时限",
    "最短时间",
    "马上",
    "即刻",
    "即时",
    "实时",
    "迅速",
    "快速",
    "随时",
    "限时",
    "限期",
    "按时",
    "适时",
    "不定期",
    "定期",
    "经常",
    "按期",
    "如期",
    "当场",
    "当即",
];
/// Unit words with their multiple of the normalised unit. A word precedes any word it starts with.
/// ASCII words are matched lower-cased.
const UNIT_WORDS: [(&str, Unit, i64); 32] = [
    ("工作小时", Unit::WorkingHours, 1),
    ("工作日", Unit::WorkingDays, 1),
    ("工作天", Unit::WorkingDays, 1),
    ("自然日", Unit::Days, 1),
    ("自然天", Unit::Days, 1),
    ("日历日", Unit::Days, 1),
    ("日历天", Unit::Days, 1),
    ("小时", Unit::Hours, 1),
    ("钟头", Unit::Hours, 1),
    ("分钟", Unit::Minutes, 1),
    ("分", Unit::Minutes, 1),
    ("秒钟", Unit::Seconds, 1),
    ("秒", Unit::Seconds, 1),
    ("天", Unit::Days, 1),
    ("日", Unit::Days, 1),
    ("星期", Unit::Days, 7),
    ("礼拜", Unit::Days, 7),
    ("周", Unit::Days, 7),
    ("季度", Unit::Months, 3),
    ("季", Unit::Months, 3),
    ("月", Unit::Months, 1),
    ("年", Unit::Years, 1),
    ("hours", Unit::Hours, 1),
    ("hour", Unit::Hours, 1),
    ("hrs", Unit::Hours, 1),
    ("hr", Unit::Hours, 1),
    ("h", Unit::Hours, 1),
    ("mins", Unit::Minutes, 1),
    ("min", Unit::Minutes, 1),
    ("secs", Unit::Seconds, 1),
    ("sec", Unit::Seconds, 1),
    ("s", Unit::Seconds, 1),
];
const WITHIN: [&str; 3] = ["以内", "之内", "内"];
const BEFORE: [&str; 3] = ["以前", "之前", "前"];
const BY: [&str; 5] = ["以内", "之内", "内", "为止", "止"];
const RANGE_SEPARATORS: [&str; 4] = ["-", "~", "至", "到"];
const OR: [&str; 2] = ["或者", "或"];
const AT_LEAST: [&str; 3] = ["至少", "不少于", "不低于"];
/// Before a span: at most that long (`within`).
const AT_MOST: [&str; 14] = [
    "不超过",
    "不得超过",
    "不应超过",
    "不能超过",
    "不超出",
    "不多于",
    "不大于",
    "不迟于",
    "不晚于",
    "至多",
    "最多",
    "最长",
    "≤",
    "<=",
];
/// After a span: a minimum, not a limit.
const OPEN: [&str; 7] = ["及以上", "以上", "之上", "有余", "开外", "多", "余"];
const APPROXIMATE: [&str; 3] = ["左右", "上下", "前后"];
/// After a limit: when something starts, not a limit.
const START: [&str; 3] = ["起算", "开始", "起"];
const RETENTION: [&str; 2] = ["最近", "近"];
/// Verbs that keep records, before a window (`保存3年`).
const KEEP: [&str; 5] = ["保存", "保留", "留存", "存档", "保管"];
const PERIOD_ENDS: [&str; 4] = ["最后一日", "最后一天", "底", "末"];

/// The ends of days: `当日` is the end of the day the clock starts in.
const DAY_ANCHORS: [(&str, AnchorPeriod, AnchorOffset); 17] = {
    use AnchorOffset::{Next, This};
    use AnchorPeriod::{Day, WorkingDay};
    [
        ("当个工作日", WorkingDay, This),
        ("当工作日", WorkingDay, This),
        ("次个工作日", WorkingDay, Next),
        ("次工作日", WorkingDay, Next),
        ("下一个工作日", WorkingDay, Next),
        ("下一工作日", WorkingDay, Next),
        ("下个工作日", WorkingDay, Next),
        ("当日", Day, This),
        ("当天", Day, This),
        ("即日", Day, This),
        ("本日", Day, This),
        ("次日", Day, Next),
        ("隔日", Day, Next),
        ("隔天", Day, Next),
        ("翌日", Day, Next),
        ("第二天", Day, Next),
        ("第二日", Day, Next),
    ]
};

/// What a period word means when neither a day nor an end follows it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Alone {
    /// `每月`: a frequency (`每月一次`); a day of the month may follow.
    Frequency,
    /// `月`: a unit; only an end (`月底`) makes it an anchor.
    Bare,
    /// `次月`: an anchor missing its day or end.
    Error,
}

/// Words naming a month, quarter or year of an anchor. A word precedes any word it starts with.
const PERIOD_WORDS: [(&str, AnchorPeriod, AnchorOffset, Alone); 28] = {
    use AnchorOffset::{Next, This};
    use AnchorPeriod::{Month, Quarter, Year};
    [
        ("每月", Month, This, Alone::Frequency),
        ("当月", Month, This, Alone::Error),
        ("本月", Month, This, Alone::Error),
        ("次月", Month, Next, Alone::Error),
        ("下个月", Month, Next, Alone::Error),
        ("下月", Month, Next, Alone::Error),
        ("月", Month, This, Alone::Bare),
        ("每季度", Quarter, This, Alone::Frequency),
        ("每季", Quarter, This, Alone::Frequency),
        ("当季度", Quarter, This, Alone::Error),
        ("当季", Quarter, This, Alone::Error),
        ("本季度", Quarter, This, Alone::Error),
        ("本季", Quarter, This, Alone::Error),
        ("次季度", Quarter, Next, Alone::Error),
        ("下个季度", Quarter, Next, Alone::Error),
        ("下季度", Quarter, Next, Alone::Error),
        ("季度", Quarter, This, Alone::Bare),
        ("季", Quarter, This, Alone::Bare),
        ("每年", Year, This, Alone::Frequency),
        ("当年", Year, This, Alone::Error),
        ("本年", Year, This, Alone::Error),
        ("今年", Year, This, Alone::Error),
        ("次年", Year, Next, Alone::Error),
        ("下一年", Year, Next, Alone::Error),
        ("下年", Year, Next, Alone::Error),
        ("明年", Year, Next, Alone::Error),
        ("翌年", Year, Next, Alone::Error),
        ("年", Year, This, Alone::Bare),
    ]
};

const TRADITIONAL: &str = "時個鐘頭週兩內盡儘間規馬隨於號當為實適曆歷從約諾過長遲後開餘禮";
const SIMPLIFIED: &str = "时个钟头周两内尽尽间规马随于号当为实适历历从约诺过长迟后开余礼";

/// Maps a character to the one the grammar is written in, one for one so offsets survive:
/// Traditional to Simplified, full-width forms to ASCII, ASCII letters to lower case.
fn simplify(c: char) -> char {
    let c = match c {
        // The full-width forms of ASCII `!` to `~`.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '—' | '–' => '-',
        '〜' => '~',
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    TRADITIONAL
        .chars()
        .zip(SIMPLIFIED.chars())
        .find_map(|(t, simple)| (t == c).then_some(simple))
        .unwrap_or(c)
}

/// Simplified characters paired with their offset in the input. Whitespace is dropped, except
/// between digits, where it is kept so that `1 2小时` fails instead of reading as 12.
fn normalise(input: &[char]) -> Vec<(char, usize)> {
    let mut next_solid = vec![None; input.len()];
    let mut solid = None;
    for (i, &c) in input.iter().enumerate().rev() {
        next_solid[i] = solid;
        if !c.is_whitespace() {
            solid = Some(c);
        }
    }
    let mut out = Vec::with_capacity(input.len());
    let mut previous = None;
    for (i, &c) in input.iter().enumerate() {
        if !c.is_whitespace() {
            previous = Some(c);
            out.push((simplify(c), i));
        } else if previous.is_some_and(char::is_numeric)
            && next_solid[i].is_some_and(char::is_numeric)
        {
            out.push((c, i));
        }
    }
    out
}

fn chinese_digit(c: char) -> Option<i64> {
    "零一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .and_then(|d| i64::try_from(d).ok())
        .or(match c {
            '〇' => Some(0),
            '两' => Some(2),
            _ => None,
        })
}

fn chinese_power(c: char) -> Option<i64> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1_000),
        _ => None,
    }
}

/// Multiplies an amount into its normalised unit and rejects what cannot be audited.
fn scale(
    amount: Amount,
    (unit, factor): (Unit, i64),
    offset: usize,
) -> Result<Quantity, ParseError> {
    let mut quantity = Quantity {
        amount: amount
            .checked_mul(&Amount::from_integer(factor))
            .ok_or_else(|| too_large(offset))?,
        unit,
    };
    if quantity.amount.is_zero() {
        return Err(error(
            offset,
            "a time limit of zero",
            Some("give a positive limit"),
        ));
    }
    // 半年 and 1.5年 are said as often as 6个月 and 18个月; months make them compare equal.
    if unit == Unit::Years && !quantity.amount.is_integer() {
        quantity = in_months(quantity).ok_or_else(|| too_large(offset))?;
    }
    bounded(quantity, offset)
}

fn in_months(years: Quantity) -> Option<Quantity> {
    let amount = years.amount.checked_mul(&Amount::from_integer(12))?;
    Some(Quantity {
        amount,
        unit: Unit::Months,
    })
}

/// A count of times: a whole number from 1 up.
fn whole_count(n: Amount) -> Option<u32> {
    Some(n)
        .filter(Ratio::is_integer)
        .and_then(|c| u32::try_from(c.to_integer()).ok())
        .filter(|&c| c > 0)
}

/// A cursor over the normalised characters; `Copy` so that alternatives can be tried on a copy.
#[derive(Clone, Copy)]
struct Scanner<'a> {
    input: &'a [char],
    chars: &'a [(char, usize)],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).map(|&(c, _)| c)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    /// Offset in the input of the current character, or just past the last non-blank one.
    fn offset(&self) -> usize {
        match self.chars.get(self.pos) {
            Some(&(_, offset)) => offset,
            None => self.chars.last().map_or(0, |&(_, offset)| offset + 1),
        }
    }

    /// The input as written (not simplified) from `offset` up to the current position, or to the
    /// end of the input if the scanner has not moved past it.
    fn text_from(&self, offset: usize) -> String {
        let end = self.offset().max(offset + 1);
        self.input.iter().take(end).skip(offset).collect()
    }

    fn rest(&self) -> String {
        let mut end = *self;
        end.pos = self.chars.len();
        end.text_from(self.offset())
    }

    fn looking_at(&self, word: &str) -> bool {
        let mut chars = self.chars.iter().skip(self.pos).map(|&(c, _)| c);
        word.chars().all(|w| chars.next() == Some(w))
    }

    fn looking_at_any<'w>(&self, words: &[&'w str]) -> Option<&'w str> {
        words.iter().copied().find(|w| self.looking_at(w))
    }

    fn eat(&mut self, word: &str) -> bool {
        let found = self.looking_at(word);
        if found {
            self.pos += word.chars().count();
        }
        found
    }

    fn eat_any<'w>(&mut self, words: &[&'w str]) -> Option<&'w str> {
        words.iter().copied().find(|w| self.eat(w))
    }

    fn starts_number(&self) -> bool {
        self.peek().is_some_and(|c| {
            c.is_ascii_digit()
                || c == '半'
                || chinese_digit(c).is_some()
                || chinese_power(c).is_some()
        })
    }

    /// Whether a limit may start here: a number or a word that opens one.
    fn opens_limit(&self) -> bool {
        let words = [&VAGUE[..], &AT_MOST, &AT_LEAST, &RETENTION, &["每"]];
        self.starts_number()
            || words.iter().any(|w| self.looking_at_any(w).is_some())
            || DAY_ANCHORS.iter().any(|(w, ..)| self.looking_at(w))
            || PERIOD_WORDS.iter().any(|(w, ..)| self.looking_at(w))
    }

    /// A duration and nothing after it.
    fn whole(mut self) -> Result<Duration, ParseError> {
        let duration = self.duration()?;
        match self.at_end() {
            true => Ok(duration),
            false => Err(self.trailing(&duration)),
        }
    }

    fn duration(&mut self) -> Result<Duration, ParseError> {
        if let Some(word) = VAGUE.iter().find(|w| self.eat(w)) {
            self.eat_any(&WITHIN);
            return Ok(Duration::Vague {
                word: word.to_string(),
            });
        }
        if self.eat_any(&AT_MOST).is_some() {
            return self.at_most();
        }
        let at_least_start = self.offset();
        if self.eat_any(&AT_LEAST).is_some() {
            return self.at_least(at_least_start);
        }
        if let Some(anchor) = self.anchor()? {
            return Ok(anchor);
        }
        if self.eat("每") {
            return self.frequency(false);
        }
        if self.eat_any(&RETENTION).is_some() {
            let quantity = self.quantity(None)?;
            self.eat_any(&WITHIN);
            return Ok(Duration::Retention { quantity });
        }
        if let Some(frequency) = self.slash_frequency()? {
            return Ok(frequency);
        }
        self.span_or_range()
    }

    /// After `不超过` and its synonyms: a span within, a range, or a day of a month by.
    fn at_most(&mut self) -> Result<Duration, ParseError> {
        while self.eat_any(&AT_MOST).is_some() {} // 最长不超过
        if let Some(anchor) = self.anchor()? {
            return Ok(match anchor {
                Duration::Anchor {
                    period,
                    offset,
                    day: day @ Some(_),
                    bound: AnchorBound::On,
                } => Duration::Anchor {
                    period,
                    offset,
                    day,
                    bound: AnchorBound::By,
                },
                other => other,
            });
        }
        Ok(match self.span_or_range()? {
            Duration::Span { quantity, .. } => span(quantity, true),
            other => other,
        })
    }

    /// After `至少`: a frequency (`至少每月一次`), or an open-ended span, which is an error.
    fn at_least(&mut self, start: usize) -> Result<Duration, ParseError> {
        if self.eat("每") {
            return self.frequency(true);
        }
        let limit = self.span_or_range()?;
        let written = self.text_from(start);
        let help = format!(
            "did you mean `{limit}`? A condition such as `{written}` belongs in the limit's `scope`"
        );
        Err(error_help(
            start,
            "an open-ended limit cannot be audited",
            help,
        ))
    }

    /// A calendar anchor; `None` (having consumed nothing) when this is not one.
    fn anchor(&mut self) -> Result<Option<Duration>, ParseError> {
        let start = *self;
        if let Some(&(word, period, offset)) = DAY_ANCHORS.iter().find(|(w, ..)| self.eat(w)) {
            return self.day_end(word, period, offset).map(Some);
        }
        let Some(&(word, period, offset, alone)) = PERIOD_WORDS.iter().find(|(w, ..)| self.eat(w))
        else {
            return Ok(None);
        };
        let end = Duration::Anchor {
            period,
            offset,
            day: None,
            bound: AnchorBound::By,
        };
        if self.eat_any(&PERIOD_ENDS).is_some() {
            // 月底前, 年底之前, 月底止: the end is a moment, so before it and by it agree.
            let _ = self.eat_any(&BEFORE).or_else(|| self.eat_any(&BY));
            return Ok(Some(end));
        }
        let day_offset = self.offset();
        match period {
            AnchorPeriod::Month if alone != Alone::Bare => {
                let mut day = *self;
                let number = day
                    .number()
                    .ok()
                    .filter(|_| day.eat_any(&["日", "号"]).is_some());
                if let Some(number) = number {
                    *self = day;
                    return self.month_day(offset, number, day_offset).map(Some);
                }
            }
            AnchorPeriod::Year if alone != Alone::Bare => {
                let mut date = *self;
                if date.number().is_ok() && date.eat("月") {
                    let help = format!("write the end of the year, the looser limit: `{end}`");
                    let message = "a date in the year is not read";
                    return Err(error_help(day_offset, message, help));
                }
            }
            _ => {}
        }
        if alone != Alone::Error {
            *self = start; // 每月一次 is a frequency
            return Ok(None);
        }
        let message = match period {
            AnchorPeriod::Month => format!("expected a day or `底` after `{word}`"),
            AnchorPeriod::Quarter => format!("expected `末` after `{word}`"),
            _ => format!("expected `底` after `{word}`"),
        };
        Err(error_help(day_offset, message, did_you_mean(&end)))
    }

    /// The end of the day after `当日`, `次日` and the like, and what may follow it.
    fn day_end(
        &mut self,
        word: &str,
        period: AnchorPeriod,
        offset: AnchorOffset,
    ) -> Result<Duration, ParseError> {
        let anchor = |offset| Duration::Anchor {
            period,
            offset,
            day: None,
            bound: AnchorBound::By,
        };
        let at = self.offset();
        if word.starts_with('隔') {
            let mut every = *self;
            if let Some(count) = every.number().ok().and_then(whole_count)
                && every.eat("次")
            {
                let per = Quantity {
                    amount: Amount::from_integer(2),
                    unit: Unit::Days,
                };
                let reading = Duration::Frequency {
                    count,
                    at_least: false,
                    per,
                };
                let message = format!("`{word}` before a count means every other day");
                return Err(error_help(at, message, did_you_mean(&reading)));
            }
        }
        if let Some(before) = self.looking_at_any(&BEFORE) {
            let message = format!("`{before}` after `{word}` is ambiguous");
            let (this, next) = (anchor(AnchorOffset::This), anchor(AnchorOffset::Next));
            let help = match offset {
                AnchorOffset::Next => format!(
                    "it may be the end of this day or of the next: write `{this}` or `{next}`"
                ),
                AnchorOffset::This => did_you_mean(&this),
            };
            return Err(error_help(at, message, help));
        }
        self.eat_any(&BY);
        Ok(anchor(offset))
    }

    /// A day of a month (`28日`) and its bound, after the month (`每月`, `次月`).
    fn month_day(
        &mut self,
        offset: AnchorOffset,
        number: Amount,
        day_offset: usize,
    ) -> Result<Duration, ParseError> {
        let anchor = |day, bound| Duration::Anchor {
            period: AnchorPeriod::Month,
            offset,
            day,
            bound,
        };
        let bound = if self.eat_any(&BEFORE).is_some() {
            AnchorBound::Before
        } else if self.eat_any(&BY).is_some() {
            AnchorBound::By
        } else {
            AnchorBound::On
        };
        let day = Some(number)
            .filter(Ratio::is_integer)
            .and_then(|d| u8::try_from(d.to_integer()).ok())
            .filter(|d| (1..=31).contains(d));
        match day {
            Some(day) => Ok(anchor(Some(day), bound)),
            None => {
                // A day past the month's last is its end; a day before the first, the first.
                let closest = match number < Amount::one() {
                    true => anchor(Some(1), bound),
                    false if number >= Amount::from_integer(32) => anchor(None, AnchorBound::By),
                    false => anchor(u8::try_from(number.to_integer()).ok(), bound),
                };
                let found = amount_text(&number);
                Err(error_help(
                    day_offset,
                    format!("day of month must be between 1 and 31, found `{found}`"),
                    did_you_mean(&closest),
                ))
            }
        }
    }

    /// What follows 每: a period, an optional `至少`, and a count with `次`.
    fn frequency(&mut self, at_least: bool) -> Result<Duration, ParseError> {
        let per = self.quantity(Some(Amount::one()))?;
        let frequency = |count, at_least, per| Duration::Frequency {
            count,
            at_least,
            per,
        };
        let or_offset = self.offset();
        if self.eat_any(&OR).is_some() {
            // 每季度或半年一次: read the other period and the count, then refuse both.
            self.eat("每");
            let other = self.quantity(Some(Amount::one()))?;
            let at_least = at_least || self.eat_any(&AT_LEAST).is_some();
            let count = self.count_ahead().unwrap_or(1);
            let (a, b) = (
                frequency(count, at_least, per),
                frequency(count, at_least, other),
            );
            return Err(either_or(or_offset, &a, &b));
        }
        let week = Quantity {
            amount: Amount::from_integer(7),
            unit: Unit::Days,
        };
        let weekday = "一二三四五六日天";
        if per == week && self.peek().is_some_and(|c| weekday.contains(c)) {
            let mut after = *self;
            after.pos += 1;
            if !after.looking_at("次") {
                let help = format!(
                    "write the frequency, the looser limit: `{}`",
                    frequency(1, false, per)
                );
                let message = "a day of the week is not read";
                return Err(error_help(self.offset(), message, help));
            }
        }
        let at_least = at_least || self.eat_any(&AT_LEAST).is_some();
        let offset = self.offset();
        if !self.starts_number() {
            let help = match self.count_ahead() {
                Some(count) => format!(
                    "write the frequency without the verb: `{}`",
                    frequency(count, at_least, per)
                ),
                None => did_you_mean(&frequency(1, at_least, per)),
            };
            return Err(error_help(offset, "expected a count, such as `一次`", help));
        }
        let number = self.number()?;
        let Some(count) = whole_count(number) else {
            let help = did_you_mean(&frequency(1, at_least, per));
            let message = "a count must be a whole number from 1 up";
            return Err(error_help(offset, message, help));
        };
        let mut unit_next = *self;
        if let Ok(unit) = unit_next.unit(&number) {
            // 每天24小时 is a service window, not a frequency.
            let span = scale(number, unit, offset)?;
            let help = format!(
                "write a frequency, such as `{}`, or the span alone: `{}`",
                frequency(1, at_least, per),
                quantity_text(&span)
            );
            return Err(error_help(
                self.offset(),
                "expected `次` after the count",
                help,
            ));
        }
        if !self.eat("次") {
            let help = did_you_mean(&frequency(count, at_least, per));
            return Err(error_help(
                self.offset(),
                "expected `次` after the count",
                help,
            ));
        }
        // 每月1次以上 is at least once a month.
        let at_least = at_least || self.eat_any(&OPEN[..2]).is_some();
        Ok(frequency(count, at_least, per))
    }

    /// The first count with `次` ahead (`发布一次` → 1), past any verb.
    fn count_ahead(&self) -> Option<u32> {
        let mut probe = *self;
        while !probe.at_end() {
            let mut count = probe;
            if count.starts_number()
                && let Some(n) = count.number().ok().and_then(whole_count)
                && count.eat("次")
            {
                return Some(n);
            }
            probe.pos += 1;
        }
        None
    }

    /// `2次/月`, as tables write a frequency; `None` (having consumed nothing) otherwise.
    fn slash_frequency(&mut self) -> Result<Option<Duration>, ParseError> {
        let start = *self;
        let offset = self.offset();
        let number = match self.starts_number() {
            true => self.number().ok(),
            false => None,
        };
        let Some(number) = number.filter(|_| self.eat("次") && self.eat("/")) else {
            *self = start;
            return Ok(None);
        };
        let per = self.quantity(Some(Amount::one()))?;
        let Some(count) = whole_count(number) else {
            let reading = Duration::Frequency {
                count: 1,
                at_least: false,
                per,
            };
            let message = "a count must be a whole number from 1 up";
            return Err(error_help(offset, message, did_you_mean(&reading)));
        };
        Ok(Some(Duration::Frequency {
            count,
            at_least: false,
            per,
        }))
    }

    /// An amount and a unit; `default` stands in for a missing amount (`每月` is per 1 month).
    fn quantity(&mut self, default: Option<Amount>) -> Result<Quantity, ParseError> {
        let offset = self.offset();
        let padded = self.zero_padded();
        let amount = match default {
            Some(amount) if !self.starts_number() => amount,
            _ => self.amount()?,
        };
        let unit = self.unit(&amount)?;
        if let Some(digits) = padded {
            return Err(Self::padded_error(offset, digits, amount, unit));
        }
        scale(amount, unit, offset)
    }

    /// The digits of a whole part written with a leading zero (`05`, `075`), else `None`.
    fn zero_padded(&self) -> Option<u32> {
        let mut digits = self.chars[self.pos..]
            .iter()
            .map(|&(c, _)| c)
            .take_while(char::is_ascii_digit);
        if digits.next() != Some('0') || digits.next().is_none() {
            return None;
        }
        Some(2 + digits.count().try_into().unwrap_or(u32::MAX - 2))
    }

    /// `05个工作日`: a decimal point is likelier lost (`0.5`) than a number padded (`5`).
    fn padded_error(offset: usize, digits: u32, amount: Amount, unit: (Unit, i64)) -> ParseError {
        let point = 10i64
            .checked_pow(digits - 1)
            .and_then(|p| amount.checked_div(&Amount::from_integer(p)))
            .and_then(|a| scale(a, unit, offset).ok());
        let padded = scale(amount, unit, offset).ok();
        let written: Vec<String> = [point, padded]
            .iter()
            .flatten()
            .map(quantity_text)
            .collect();
        let help = match written.as_slice() {
            [] => NUMBER_HELP.to_string(),
            [one] => format!("did you mean `{one}`?"),
            [point, padded, ..] => format!("did you mean `{point}` or `{padded}`?"),
        };
        error_help(offset, "a leading zero may hide a lost decimal point", help)
    }

    fn span_or_range(&mut self) -> Result<Duration, ParseError> {
        let start = self.offset();
        let padded = self.zero_padded();
        let first = self.amount()?;
        let mut unit = *self;
        if let (Some(digits), Ok(unit)) = (padded, unit.unit(&first)) {
            return Err(Self::padded_error(start, digits, first, unit));
        }
        let mut lower = *self;
        let lower_unit = lower.unit(&first);
        let mut rest = if lower_unit.is_ok() { lower } else { *self };
        let separator = rest.offset();
        let or = lower_unit.is_err() && rest.eat_any(&OR).is_some();
        if !or && rest.eat_any(&RANGE_SEPARATORS).is_none() {
            let quantity = scale(first, lower_unit?, start)?;
            *self = lower;
            let within = self.eat_any(&WITHIN).is_some();
            return Ok(span(quantity, within));
        }
        *self = rest;
        let max_start = self.offset();
        let padded = self.zero_padded();
        let second = self.amount()?;
        let upper_unit = self.unit(&second)?;
        if let Some(digits) = padded {
            return Err(Self::padded_error(max_start, digits, second, upper_unit));
        }
        let mut min = scale(first, lower_unit.unwrap_or(upper_unit), start)?;
        let mut max = scale(second, upper_unit, max_start)?;
        if or {
            return Err(either_or(separator, &span(min, false), &span(max, false)));
        }
        // `0.5-1年` has a lower end already in months; bring the upper end along.
        match (min.unit, max.unit) {
            (a, b) if a == b => {}
            (Unit::Years, Unit::Months) => min = in_months(min).ok_or_else(|| too_large(start))?,
            (Unit::Months, Unit::Years) => {
                max = in_months(max).ok_or_else(|| too_large(max_start))?
            }
            _ => {
                let help = match in_one_unit(min, max) {
                    Some(reading) => did_you_mean(&reading),
                    None => "write both ends in one unit, such as `1-2个月`".to_string(),
                };
                return Err(error_help(
                    max_start,
                    "both ends of a range must use the same unit",
                    help,
                ));
            }
        }
        if min.amount > max.amount {
            let (lo, hi) = (amount_text(&min.amount), amount_text(&max.amount));
            let swapped = Duration::Range { min: max, max: min };
            return Err(error_help(
                start,
                format!("range minimum `{lo}` is greater than maximum `{hi}`"),
                did_you_mean(&swapped),
            ));
        }
        self.eat_any(&WITHIN);
        Ok(Duration::Range { min, max })
    }

    /// A number, optionally with a half: `2`, `0.5`, `两`, `半`, `一个半`, `1半`.
    fn amount(&mut self) -> Result<Amount, ParseError> {
        let half = Amount::new(1, 2);
        if self.eat("半") {
            return Ok(half);
        }
        let offset = self.offset();
        let whole = self.number()?;
        if self.eat("个半") || self.eat("半") {
            return whole.checked_add(&half).ok_or_else(|| too_large(offset));
        }
        Ok(whole)
    }

    fn number(&mut self) -> Result<Amount, ParseError> {
        let offset = self.offset();
        match self.peek() {
            Some(c) if c.is_ascii_digit() => self.decimal(offset),
            Some(c) if chinese_digit(c).is_some() || chinese_power(c).is_some() => {
                self.chinese(offset)
            }
            None => Err(error(offset, "missing a number", Some(NUMBER_HELP))),
            Some(_) => {
                let mut unit = *self;
                let message = match unit.unit(&Amount::one()) {
                    Ok(_) => format!("missing a number before `{}`", unit.text_from(offset)),
                    Err(_) => format!("expected a number, found `{}`", self.rest()),
                };
                Err(error(offset, message, Some(NUMBER_HELP)))
            }
        }
    }

    fn decimal(&mut self, offset: usize) -> Result<Amount, ParseError> {
        let (mut numer, mut denom, mut fraction) = (0i64, 1i64, false);
        while let Some(c) = self.peek() {
            if let Some(digit) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
                let places = || error(offset, "too many decimal places", Some(SHORTEST_HELP));
                numer = numer
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(i64::from(digit)))
                    .ok_or_else(|| {
                        if fraction {
                            places()
                        } else {
                            too_large(offset)
                        }
                    })?;
                if fraction {
                    denom = denom.checked_mul(10).ok_or_else(places)?;
                }
            } else if c == '.' && !fraction {
                let dot = self.offset();
                fraction = true;
                if !self
                    .chars
                    .get(self.pos + 1)
                    .is_some_and(|&(c, _)| c.is_ascii_digit())
                {
                    return Err(error(
                        dot,
                        "a decimal point must be followed by a digit",
                        None,
                    ));
                }
            } else {
                break;
            }
            self.pos += 1;
        }
        Ok(Amount::new(numer, denom))
    }

    /// Chinese numerals below 10000: `十二`, `二十四`, `两`, `一百零五`.
    fn chinese(&mut self, offset: usize) -> Result<Amount, ParseError> {
        let (mut total, mut digit, mut last_power) = (0i64, None::<i64>, 10_000i64);
        while let Some(c) = self.peek() {
            if let Some(d) = chinese_digit(c) {
                if digit.is_some_and(|d| d != 0) {
                    return Err(error(offset, "malformed Chinese numeral", None));
                }
                digit = Some(d);
            } else if let Some(power) = chinese_power(c).filter(|&p| p < last_power) {
                // Below 10000 by construction: each power is smaller than the last.
                total += digit.unwrap_or(1) * power;
                (digit, last_power) = (None, power);
            } else if chinese_power(c).is_some() {
                return Err(error(offset, "malformed Chinese numeral", None));
            } else {
                break;
            }
            self.pos += 1;
        }
        Ok(Amount::from_integer(total + digit.unwrap_or(0)))
    }

    /// A unit word, optionally after 个, with its multiple of the normalised unit. `amount` is
    /// only for the help of `m`, which may be minutes or months.
    fn unit(&mut self, amount: &Amount) -> Result<(Unit, i64), ParseError> {
        let offset = self.offset();
        self.eat("个");
        let letter_next = |s: &Scanner| s.peek().is_some_and(|c| c.is_ascii_alphabetic());
        for (word, unit, factor) in UNIT_WORDS {
            let mut after = *self;
            if !after.eat(word) {
                continue;
            }
            // An ASCII word ends where its letters do: `2hx` is not 2 hours.
            if word.is_ascii() && letter_next(&after) {
                continue;
            }
            // 分 alone is also "point" or "part"; take it as minutes only where nothing can follow.
            if word == "分" && !after.at_end() && after.looking_at_any(&WITHIN).is_none() {
                continue;
            }
            *self = after;
            return Ok((unit, factor));
        }
        let mut after = *self;
        if after.eat("m") && !letter_next(&after) {
            let n = amount_text(amount);
            let help = format!("did you mean `{n}分钟` or `{n}个月`?");
            return Err(error_help(offset, "`m` may be minutes or months", help));
        }
        let message = match self.at_end() {
            true => "missing a time unit".to_string(),
            false => format!("unknown time unit `{}`", self.rest()),
        };
        Err(error(offset, message, Some(UNIT_HELP)))
    }

    /// Why text after a complete limit is refused, naming the closest reading.
    fn trailing(&self, duration: &Duration) -> ParseError {
        let offset = self.offset();
        let mut after = *self;
        // Not `whole`: a chain of 或 must not recurse.
        if after.eat_any(&OR).is_some()
            && let Ok(other) = after.duration()
            && after.at_end()
        {
            return either_or(offset, duration, &other);
        }
        let word = |words: &[&'static str]| self.looking_at_any(words).unwrap_or_default();
        let open_span = match duration {
            Duration::Span {
                quantity,
                within: false,
            } => Some(span(*quantity, false)),
            Duration::Range { .. } => Some(duration.clone()),
            _ => None,
        };
        if let Some(limit) = &open_span {
            let approximate = word(&APPROXIMATE);
            if !approximate.is_empty() {
                let message = format!("`{approximate}` makes the limit approximate");
                return error_help(offset, message, did_you_mean(limit));
            }
            let before = word(&BEFORE);
            if !before.is_empty() {
                let within = match limit {
                    Duration::Span { quantity, .. } => span(*quantity, true),
                    other => other.clone(),
                };
                let message = format!("a span followed by `{before}` counts back from the start");
                return error_help(offset, message, did_you_mean(&within));
            }
            let open = word(&OPEN);
            if !open.is_empty() {
                let help = format!(
                    "did you mean `{limit}`? A condition such as `{limit}{open}` belongs in the limit's `scope`"
                );
                let message = format!("`{open}` leaves the limit open-ended");
                return error_help(offset, message, help);
            }
            if let Duration::Span { quantity, .. } = limit
                && quantity.amount.is_integer()
                && self.looking_at("半")
                && let Some(amount) = quantity.amount.checked_add(&Amount::new(1, 2))
            {
                let reading = span(
                    Quantity {
                        amount,
                        ..*quantity
                    },
                    false,
                );
                return error_help(offset, "`半` after the unit", did_you_mean(&reading));
            }
        }
        if let Duration::Anchor {
            period,
            offset: which,
            day,
            ..
        } = duration
            && (self.starts_number() || self.looking_at(":"))
        {
            // The day by its end: looser than any hour of it.
            let reading = Duration::Anchor {
                period: *period,
                offset: *which,
                day: *day,
                bound: AnchorBound::By,
            };
            let help = format!("write the day alone, the looser limit: `{reading}`");
            return error_help(offset, "a time of day is not read", help);
        }
        let start = word(&START);
        if !start.is_empty() {
            let message = format!("`{start}` marks when something starts, not a time limit");
            let help = "write how long may pass from that start, such as `3个工作日`".to_string();
            return error_help(offset, message, help);
        }
        let message = format!("unexpected `{}` after the time limit", self.rest());
        error_help(offset, message, alone(duration))
    }

    /// Why text that does not start with a limit is refused, when a limit follows a few words
    /// (`控制在30秒以内`, `保存3年`); `None` when none does.
    fn leading(&self) -> Option<ParseError> {
        const LONGEST_PREFIX: usize = 12;
        let start = self.offset();
        let mut probe = *self;
        for _ in 0..LONGEST_PREFIX {
            probe.pos += 1;
            if probe.at_end() {
                return None;
            }
            let mut attempt = probe;
            attempt.eat("在");
            let limit = attempt;
            let number = attempt.starts_number();
            match attempt.duration() {
                Ok(reading) => {
                    let prefix = limit.text_from(start);
                    let prefix = prefix.trim_end();
                    let kept = KEEP.iter().find(|k| self.looking_at(k));
                    return Some(match (kept, reading) {
                        (Some(verb), Duration::Span { quantity, .. }) => {
                            let window = Duration::Retention { quantity };
                            let message =
                                format!("`{verb}` is a verb; a retention window is `最近…`");
                            error_help(start, message, did_you_mean(&window))
                        }
                        (_, reading) => {
                            let message = format!("unexpected `{prefix}` before the time limit");
                            error_help(start, message, alone(&reading))
                        }
                    });
                }
                // Not into a number that does not read: its own error says more.
                Err(_) if number => return None,
                Err(_) => {}
            }
        }
        None
    }
}

/// Parses one time-limit expression as it appears in a standard.
pub fn parse(text: &str) -> Result<Duration, ParseError> {
    let input: Vec<char> = text.chars().collect();
    let chars = normalise(&input);
    let mut scanner = Scanner {
        input: &input,
        chars: &chars,
        pos: 0,
    };
    if scanner.at_end() {
        return Err(error(0, "empty time limit", Some(NUMBER_HELP)));
    }
    scanner.eat("在");
    match scanner.whole() {
        Err(e) if !scanner.opens_limit() => Err(scanner.leading().unwrap_or(e)),
        result => result,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AnchorBound::{Before, By, On};
    use AnchorOffset::{Next, This};
    use AnchorPeriod::{Day, Month, Quarter, WorkingDay, Year};
    use Unit::*;
    use proptest::prelude::*;

    /// `halves / 2` of `unit`: every amount in the standards is a whole or a half.
    fn q(halves: i64, unit: Unit) -> Quantity {
        Quantity {
            amount: Amount::new(halves, 2),
            unit,
        }
    }

    fn span(halves: i64, unit: Unit) -> Duration {
        Duration::Span {
            quantity: q(halves, unit),
            within: false,
        }
    }

    fn within(halves: i64, unit: Unit) -> Duration {
        Duration::Span {
            quantity: q(halves, unit),
            within: true,
        }
    }

    fn range(min: i64, max: i64, unit: Unit) -> Duration {
        Duration::Range {
            min: q(min * 2, unit),
            max: q(max * 2, unit),
        }
    }

    fn every(count: u32, at_least: bool, halves: i64, unit: Unit) -> Duration {
        Duration::Frequency {
            count,
            at_least,
            per: q(halves, unit),
        }
    }

    fn anchor(offset: AnchorOffset, day: u8, bound: AnchorBound) -> Duration {
        Duration::Anchor {
            period: Month,
            offset,
            day: Some(day),
            bound,
        }
    }

    fn end(period: AnchorPeriod, offset: AnchorOffset) -> Duration {
        Duration::Anchor {
            period,
            offset,
            day: None,
            bound: By,
        }
    }

    fn vague(word: &str) -> Duration {
        Duration::Vague {
            word: word.to_string(),
        }
    }

    #[test]
    fn parses_real_expressions() {
        let retention = |halves, unit| Duration::Retention {
            quantity: q(halves, unit),
        };
        let cases = [
            ("30秒", span(60, Seconds)),
            ("1分钟", span(2, Minutes)),
            ("3分钟", span(6, Minutes)),
            ("15分钟", span(30, Minutes)),
            ("5分", span(10, Minutes)),
            ("2小时", span(4, Hours)),
            ("2个小时", span(4, Hours)),
            ("0.5个工作日", span(1, WorkingDays)),
            ("半个工作日", span(1, WorkingDays)),
            ("24小时内", within(48, Hours)),
            ("48小时", span(96, Hours)),
            ("3个工作日", span(6, WorkingDays)),
            ("3工作日", span(6, WorkingDays)),
            ("5个工作日", span(10, WorkingDays)),
            ("1-2个月", range(1, 2, Months)),
            ("1～2个月", range(1, 2, Months)),
            ("1~2个月", range(1, 2, Months)),
            ("1至2个月", range(1, 2, Months)),
            ("3至5个工作日", range(3, 5, WorkingDays)),
            ("3-5个工作日内", range(3, 5, WorkingDays)),
            ("2到3天", range(2, 3, Days)),
            ("1小时至2小时", range(1, 2, Hours)),
            ("1-2周", range(7, 14, Days)),
            ("半年-1年", range(6, 12, Months)),
            ("每季度至少一次", every(1, true, 6, Months)),
            ("每两年一次", every(1, false, 4, Years)),
            ("每小时1次", every(1, false, 2, Hours)),
            ("每年至少一次", every(1, true, 2, Years)),
            ("每年至少2次", every(2, true, 2, Years)),
            ("每月一次", every(1, false, 2, Months)),
            ("每周两次", every(2, false, 14, Days)),
            ("每半年一次", every(1, false, 12, Months)),
            ("每月不少于1次", every(1, true, 2, Months)),
            ("每月28日", anchor(This, 28, On)),
            ("次月5日前", anchor(Next, 5, Before)),
            ("每月5日前", anchor(This, 5, Before)),
            ("当月10日止", anchor(This, 10, By)),
            ("次月5號之前", anchor(Next, 5, Before)),
            ("及时", vague("及时")),
            ("立即", vague("立即")),
            ("尽快", vague("尽快")),
            ("盡快", vague("尽快")),
            ("第一时间", vague("第一时间")),
            ("第一時間", vague("第一时间")),
            ("规定时限", vague("规定时限")),
            ("在規定時限內", vague("规定时限")),
            ("定期", vague("定期")),
            ("迅速", vague("迅速")),
            ("立刻", vague("立刻")),
            ("实时", vague("实时")),
            ("在最短时间内", vague("最短时间")),
            ("在规定时间内", vague("规定时间")),
            ("24小時內", within(48, Hours)),
            ("3個工作日", span(6, WorkingDays)),
            ("5個工作日", span(10, WorkingDays)),
            ("1個小時", span(2, Hours)),
            ("2個小時", span(4, Hours)),
            ("最近3个月", retention(6, Months)),
            ("近6个月", retention(12, Months)),
            ("1小时内", within(2, Hours)),
            ("在1小时之内", within(2, Hours)),
            ("3小时", span(6, Hours)),
            ("12.5个工作日", span(25, WorkingDays)),
            ("7.5个工作日", span(15, WorkingDays)),
            ("1.5个工作日", span(3, WorkingDays)),
            ("4.5个工作日", span(9, WorkingDays)),
            ("10个工作日", span(20, WorkingDays)),
            ("6个工作日", span(12, WorkingDays)),
            ("2个工作小时", span(4, WorkingHours)),
            ("一个半小时", span(3, Hours)),
            ("1个半小时", span(3, Hours)),
            ("两小时", span(4, Hours)),
            ("兩個鐘頭", span(4, Hours)),
            ("二十四小时", span(48, Hours)),
            ("十二小时", span(24, Hours)),
            ("２４小时", span(48, Hours)),
            ("半小时", span(1, Hours)),
            ("半天", span(1, Days)),
            ("半年", span(12, Months)),
            ("1.5年", span(36, Months)),
            ("7天", span(14, Days)),
            ("一周", span(14, Days)),
            ("两个星期", span(28, Days)),
            ("2个季度", span(12, Months)),
            ("30分钟内", within(60, Minutes)),
            ("1个月", span(2, Months)),
            ("3个月", span(6, Months)),
            ("  2 小时 ", span(4, Hours)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn rejects_with_position() {
        let cases = [
            ("", "empty time limit", 0),
            ("   ", "empty time limit", 0),
            ("2", "missing a time unit", 1),
            ("小时", "missing a number before `小时`", 0),
            ("2小天", "unknown time unit `小天`", 1),
            ("  2小天", "unknown time unit `小天`", 3),
            ("abc", "expected a number, found `abc`", 0),
            ("9999999999999999999999小时", "number too large", 0),
            (
                "2-1个月",
                "range minimum `2` is greater than maximum `1`",
                0,
            ),
            (
                "1小时-2天",
                "both ends of a range must use the same unit",
                4,
            ),
            (
                "每月32日",
                "day of month must be between 1 and 31, found `32`",
                2,
            ),
            (
                "次月0日前",
                "day of month must be between 1 and 31, found `0`",
                2,
            ),
            ("次月", "expected a day or `底` after `次月`", 2),
            ("0小时", "a time limit of zero", 0),
            ("2小时后天", "unexpected `后天` after the time limit", 3),
            ("2小时完成", "unexpected `完成` after the time limit", 3),
            ("1..5小时", "a decimal point must be followed by a digit", 1),
            ("二二小时", "malformed Chinese numeral", 0),
            ("3分30秒", "unknown time unit `分30秒`", 1),
            ("每月", "expected a count, such as `一次`", 2),
            ("每月一", "expected `次` after the count", 3),
            ("每月0次", "a count must be a whole number from 1 up", 2),
            ("每月发布一次", "expected a count, such as `一次`", 2),
            ("1 2小时", "unknown time unit ` 2小时`", 1),
        ];
        for (text, message, offset) in cases {
            let err = parse(text).expect_err(text);
            assert_eq!(
                (err.message.as_str(), err.offset),
                (message, offset),
                "{text}"
            );
        }
        let err = parse("2小天").unwrap_err();
        assert_eq!(err.help.as_deref(), Some(UNIT_HELP));
        assert!(
            err.to_string()
                .starts_with("unknown time unit `小天` at character 1")
        );
    }

    #[test]
    fn normalised_and_clock_seconds() {
        let hours = |t| {
            parse(t)
                .ok()
                .and_then(|d| d.normalised())
                .and_then(|q| q.clock_seconds())
        };
        assert_eq!(hours("2小时"), Some(Amount::from_integer(7_200)));
        assert_eq!(hours("半天"), Some(Amount::from_integer(43_200)));
        assert_eq!(hours("1.5分钟"), Some(Amount::from_integer(90)));
        assert_eq!(hours("每周两次"), Some(Amount::from_integer(604_800)));
        assert_eq!(hours("0.5个工作日"), None);
        assert_eq!(hours("3个月"), None);
        assert_eq!(parse("1-2个月").unwrap().normalised(), Some(q(4, Months)));
        assert_eq!(parse("最近3个月").unwrap().normalised(), Some(q(6, Months)));
        assert_eq!(parse("次月5日前").unwrap().normalised(), None);
        assert_eq!(parse("及时").unwrap().normalised(), None);
    }

    #[test]
    fn renders_canonically() {
        let cases = [
            ("2小時", "2小时"),
            ("半个工作日", "0.5个工作日"),
            ("每季度至少一次", "每季度至少1次"),
            ("次月5日之前", "次月5日前"),
            ("1～2个月", "1-2个月"),
            ("一周内", "7天内"),
            ("近半年", "最近6个月"),
        ];
        for (text, canonical) in cases {
            assert_eq!(parse(text).map(|d| d.to_string()).as_deref(), Ok(canonical));
        }
        assert_eq!(WorkingDays.to_string(), "working_days");
        for unit in UNITS {
            assert_eq!(Unit::parse_name(&unit.to_string()), Some(unit));
        }
        assert_eq!(Unit::parse_name("fortnights"), None);
    }

    /// `tests/fixtures/durations.tsv`: every spelling reads to exactly its reading, or is refused
    /// with exactly its message and a help that names a reading; every reading reads back.
    #[test]
    fn corpus() {
        let corpus = include_str!("../../tests/fixtures/durations.tsv");
        let (mut failures, mut seen) = (Vec::new(), std::collections::HashSet::new());
        for (n, line) in corpus.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let input = fields[0];
            assert!(seen.insert(input), "line {}: `{input}` twice", n + 1);
            let got = match parse(input) {
                Ok(d) => {
                    let reading = d.to_string();
                    assert_eq!(
                        parse(&reading),
                        Ok(d),
                        "line {}: reading `{reading}`",
                        n + 1
                    );
                    vec![reading]
                }
                Err(e) => {
                    let help = e.help.unwrap_or_default();
                    assert!(help.contains('`'), "line {}: help names no reading", n + 1);
                    vec![format!("error: {}", e.message), help]
                }
            };
            if got != fields[1..] {
                failures.push(format!(
                    "line {}: {input}\n  want {:?}\n  got  {got:?}",
                    n + 1,
                    &fields[1..]
                ));
            }
        }
        assert!(seen.len() >= 150, "only {} expressions", seen.len());
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn reads_the_ends_of_periods() {
        let cases = [
            ("当日", end(Day, This)),
            ("當天", end(Day, This)),
            ("即日", end(Day, This)),
            ("当日内", end(Day, This)),
            ("次日", end(Day, Next)),
            ("隔日", end(Day, Next)),
            ("次日之内", end(Day, Next)),
            ("当个工作日", end(WorkingDay, This)),
            ("次工作日", end(WorkingDay, Next)),
            ("下一个工作日内", end(WorkingDay, Next)),
            ("每月底", end(Month, This)),
            ("月底前", end(Month, This)),
            ("当月底", end(Month, This)),
            ("本月最后一天", end(Month, This)),
            ("次月底", end(Month, Next)),
            ("次月底前", end(Month, Next)),
            ("下月末", end(Month, Next)),
            ("每季度末", end(Quarter, This)),
            ("下季度末", end(Quarter, Next)),
            ("每年底", end(Year, This)),
            ("年底前", end(Year, This)),
            ("明年底", end(Year, Next)),
            // Unchanged: days of a month.
            ("每月28日", anchor(This, 28, On)),
            ("次月5日前", anchor(Next, 5, Before)),
            ("次月5日内", anchor(Next, 5, By)),
            ("不迟于次月5日", anchor(Next, 5, By)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text), Ok(expected), "{text}");
        }
        for text in [
            "当日",
            "次日",
            "次工作日",
            "次月底",
            "每季度末",
            "每年底",
            "次月5日内",
        ] {
            assert_eq!(parse(text).unwrap().to_string(), text);
            assert_eq!(parse(text).unwrap().normalised(), None, "{text}");
        }
        // `每月`, `每季度` and `每年` without an end stay frequencies.
        assert_eq!(parse("每年一次"), Ok(every(1, false, 2, Years)));
        assert_eq!(parse("每季度1次"), Ok(every(1, false, 6, Months)));
    }

    #[test]
    fn reads_new_units_and_words() {
        let cases = [
            ("3个自然日", span(6, Days)),
            ("15个日历日", span(30, Days)),
            ("2個工作天", span(4, WorkingDays)),
            ("24H", span(48, Hours)),
            ("２４ｈ内", within(48, Hours)),
            ("2hr", span(4, Hours)),
            ("48hrs", span(96, Hours)),
            ("3个钟头", span(6, Hours)),
            ("30min", span(60, Minutes)),
            ("30s", span(60, Seconds)),
            ("两个礼拜", span(28, Days)),
            ("不超过5个工作日", within(10, WorkingDays)),
            ("不得超过1个月", within(2, Months)),
            ("最长不超过30天", within(60, Days)),
            ("1次/月", every(1, false, 2, Months)),
            ("2次/年", every(2, false, 2, Years)),
            ("至少每季度一次", every(1, true, 6, Months)),
            ("每月1次以上", every(1, true, 2, Months)),
            ("儘快", vague("尽快")),
            ("尽早", vague("尽早")),
            ("適時", vague("适时")),
            ("限期", vague("限期")),
            ("不定期", vague("不定期")),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn rejections_name_the_closest_reading() {
        let help = |text: &str| parse(text).expect_err(text).help.unwrap_or_default();
        assert_eq!(help("24小时前"), "did you mean `24小时内`?");
        assert_eq!(help("3个工作日完成"), "write the limit alone: `3个工作日`");
        assert_eq!(help("3个工作日办结"), "write the limit alone: `3个工作日`");
        assert_eq!(
            help("每季度或半年"),
            "write two limits, `每季度1次` and `每半年1次`, or the looser one alone: `每半年1次`"
        );
        assert!(help("3天以上").starts_with("did you mean `3天`?"));
        assert_eq!(
            help("次日12时前"),
            "write the day alone, the looser limit: `次日`"
        );
        assert_eq!(help("次月"), "did you mean `次月底`?");
        assert_eq!(
            help("05个工作日"),
            "did you mean `0.5个工作日` or `5个工作日`?"
        );
        assert_eq!(help("保存3年"), "did you mean `最近3年`?");
        assert_eq!(
            help("2小时或次日"),
            "write two limits, `2小时` and `次日`, or only the one that applies"
        );
        // Where the text starts, the caret points.
        assert_eq!(parse("24小时前").unwrap_err().offset, 4);
        assert_eq!(parse("每季度或半年").unwrap_err().offset, 3);
        assert_eq!(parse("控制在30秒以内").unwrap_err().offset, 0);
    }

    #[test]
    fn bounds_are_one_millisecond_and_a_hundred_years() {
        let longest = "a time limit longer than 100 years";
        let shortest = "a time limit shorter than 1 millisecond";
        for (text, message) in [
            ("9223372036854775807年", longest),
            ("3000000000000000000天", longest),
            ("101年", longest),
            ("1201个月", longest),
            ("36526个工作日", longest),
            ("1-101年", longest),
            ("每101年1次", longest),
            ("最近101年", longest),
            ("0.0001秒", shortest),
            ("0.00000001个工作日", shortest),
            ("99999999999999999999天", "number too large"),
            ("1.0000000000000000001秒", "too many decimal places"),
        ] {
            assert_eq!(parse(text).expect_err(text).message, message, "{text}");
        }
        for text in [
            "100年",
            "1200个月",
            "36525天",
            "36525个工作日",
            "0.001秒",
            "每100年1次",
        ] {
            assert!(parse(text).is_ok(), "{text}");
        }
        let q = |amount, unit| Quantity { amount, unit };
        assert!(check_bounds(&q(Amount::from_integer(100), Years)).is_ok());
        assert!(check_bounds(&q(Amount::new(1, 10_000_000), Hours)).is_err());
        assert!(check_bounds(&q(Amount::from_integer(i64::MAX), Seconds)).is_err());
    }

    #[test]
    fn long_inputs_neither_recurse_nor_overflow() {
        let chain = format!("{}1天", "1天或".repeat(5_000));
        let err = parse(&chain).unwrap_err();
        assert!(
            err.message.starts_with("unexpected `或1天或"),
            "{}",
            err.message
        );
        assert_eq!(err.help.as_deref(), Some("write the limit alone: `1天`"));
        let nines = format!("{}小时", "9".repeat(10_000));
        assert_eq!(parse(&nines).unwrap_err().message, "number too large");
        let zeros = format!("每月{}次", "零".repeat(10_000));
        assert_eq!(
            parse(&zeros).unwrap_err().message,
            "a count must be a whole number from 1 up"
        );
    }

    #[test]
    fn traditional_and_simplified_tables_match() {
        assert_eq!(TRADITIONAL.chars().count(), SIMPLIFIED.chars().count());
    }

    fn quantity() -> impl Strategy<Value = Quantity> {
        // Up to 80, so that a range of years (up to 20 more) stays within the 100-year bound.
        let amount = (1i64..=80, prop_oneof![Just(1i64), Just(2), Just(10)]);
        (amount, proptest::sample::select(UNITS.to_vec())).prop_map(|((n, d), unit)| {
            let amount = Amount::new(n, d);
            // Fractional years parse back as months, which is a different (equal-meaning) value.
            let amount = if unit == Years { amount.ceil() } else { amount };
            Quantity { amount, unit }
        })
    }

    fn duration() -> impl Strategy<Value = Duration> {
        let bounds = proptest::sample::select(vec![On, Before, By]);
        let periods = proptest::sample::select(vec![Day, WorkingDay, Month, Quarter, Year]);
        prop_oneof![
            (quantity(), any::<bool>())
                .prop_map(|(quantity, within)| Duration::Span { quantity, within }),
            (quantity(), 0i64..20).prop_map(|(min, extra)| {
                let amount = min.amount + Amount::from_integer(extra);
                let max = Quantity { amount, ..min };
                Duration::Range { min, max }
            }),
            (1u32..20, any::<bool>(), quantity()).prop_map(|(count, at_least, per)| {
                Duration::Frequency {
                    count,
                    at_least,
                    per,
                }
            }),
            (any::<bool>(), 1u8..=31, bounds).prop_map(|(next, day, bound)| {
                anchor(if next { Next } else { This }, day, bound)
            }),
            (periods, any::<bool>())
                .prop_map(|(period, next)| { end(period, if next { Next } else { This }) }),
            quantity().prop_map(|quantity| Duration::Retention { quantity }),
        ]
    }

    proptest! {
        #[test]
        fn never_panics_on_anything(text in "\\PC*") {
            let _ = parse(&text);
        }

        #[test]
        fn never_panics_on_near_misses(
            text in "[0-9０-９一二两兩三十百半个個小时時工作日天周月年季度秒分钟內内以之每次至少前近最在当當隔底末或上不超过hHrsm/ .～~-]{0,12}"
        ) {
            match parse(&text) {
                Err(err) => prop_assert!(err.offset <= text.chars().count()),
                Ok(d) => prop_assert_eq!(parse(&d.to_string()), Ok(d)),
            }
        }

        #[test]
        fn display_round_trips(duration in duration()) {
            prop_assert_eq!(parse(&duration.to_string()), Ok(duration));
        }
    }
}
