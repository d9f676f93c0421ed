//! Time limits as Chinese service standards write them.
//!
//! A standard states each limit in one of a few shapes: an elapsed span (`24小时内`,
//! `0.5个工作日`), a range (`1-2个月`), a frequency (`每季度至少一次`), a calendar anchor
//! (`次月5日前`), a look-back window (`最近3个月`), or a vague word (`及时`) that no auditor can
//! check. Each shape is audited differently, so [`parse`] keeps them apart as [`Duration`] variants
//! rather than flattening everything to seconds. Within a shape, synonyms are normalised
//! (Traditional to Simplified, Chinese and full-width numerals to numbers, weeks to 7 days,
//! quarters to 3 months, fractional years to months) so that two standards saying the same thing
//! compare equal. Amounts are exact rationals because `0.5个工作日` and `12.5个工作日` are common
//! and must not drift through floating point.
//!
//! Decisions on ambiguous forms:
//! - `日前`/`日之前`/`日以前` after a month is [`AnchorBound::Before`]; `日内`/`日以内`/`日之内`/
//!   `日止`/`日为止` is [`AnchorBound::By`] (up to and including the day).
//! - `最近N…` and `近N…` are retention windows; `保存N年` and other verbs are rejected.
//! - A trailing `内` is kept as `within` on spans only; ranges, retention windows and vague words
//!   are inherently "within", so it is accepted there and dropped. Other trailing words
//!   (`完成`, `办结`, `后`) are errors, and so are verbs inside frequencies (`每月发布一次`).
//! - Zero amounts, zero counts and days outside 1..=31 are errors: none can be audited.
//! - `当月`/`本月` mean the same as `每月` for an anchor and render as `每月`.
//! - `分` alone is minutes only at the end (or before `内`), so `3分钟` and `3分` agree but
//!   `3分30秒` is rejected instead of being half-read.
//! - A leading `在` is ignored; `号` is read as `日`, `季` as `季度`, `不少于`/`不低于` as `至少`.
//! - Vague words are returned in Simplified form, so `盡快` and `尽快` compare equal.
//! - Whitespace is ignored, except between two digits (`1 2小时` is an error, not 12 hours).

use std::fmt;

use num_rational::Ratio;
use num_traits::{CheckedAdd, CheckedMul, One, Zero};

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

/// The month an anchor falls in: 每月/当月/本月 are this month, 次月/下月 the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AnchorMonth {
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
    /// `5日内`, `5日以内`, `5日之内`, `5日止`, `5日为止`: up to and including that day.
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
    /// A calendar anchor: `每月28日`, `次月5日前`.
    Anchor {
        month: AnchorMonth,
        day: u8,
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
            Duration::Anchor { month, day, bound } => {
                let month = match month {
                    AnchorMonth::This => "每月",
                    AnchorMonth::Next => "次月",
                };
                let bound = match bound {
                    AnchorBound::On => "",
                    AnchorBound::Before => "前",
                    AnchorBound::By => "内",
                };
                write!(f, "{month}{day}日{bound}")
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
    error(offset, "number too large", None)
}

fn error(offset: usize, message: impl Into<String>, help: Option<&str>) -> ParseError {
    ParseError {
        message: message.into(),
        offset,
        help: help.map(str::to_string),
    }
}

const NUMBER_HELP: &str = "write a number and a unit, such as `2小时` or `0.5个工作日`";
const UNIT_HELP: &str = "use a unit such as 秒, 分钟, 小时, 天, 个工作日, 周, 个月, 季度 or 年";
const VAGUE: &str = "及时 立即 尽快 第一时间 规定时限 规定时间 最短时间 马上 立刻 即时 实时 迅速 随时 限时 按时 定期";
/// Unit words with their multiple of the normalised unit. A word precedes any word it starts with.
const UNIT_WORDS: [(&str, Unit, i64); 16] = [
    ("工作小时", Unit::WorkingHours, 1),
    ("工作日", Unit::WorkingDays, 1),
    ("小时", Unit::Hours, 1),
    ("钟头", Unit::Hours, 1),
    ("分钟", Unit::Minutes, 1),
    ("分", Unit::Minutes, 1),
    ("秒钟", Unit::Seconds, 1),
    ("秒", Unit::Seconds, 1),
    ("天", Unit::Days, 1),
    ("日", Unit::Days, 1),
    ("星期", Unit::Days, 7),
    ("周", Unit::Days, 7),
    ("季度", Unit::Months, 3),
    ("季", Unit::Months, 3),
    ("月", Unit::Months, 1),
    ("年", Unit::Years, 1),
];
const WITHIN: [&str; 3] = ["以内", "之内", "内"];
const BEFORE: [&str; 3] = ["以前", "之前", "前"];
const BY: [&str; 5] = ["以内", "之内", "内", "为止", "止"];
const RANGE_SEPARATORS: [&str; 4] = ["-", "~", "至", "到"];
const AT_LEAST: [&str; 3] = ["至少", "不少于", "不低于"];
const RETENTION: [&str; 2] = ["最近", "近"];
const ANCHOR_MONTHS: [(&str, AnchorMonth); 5] = [
    ("每月", AnchorMonth::This),
    ("当月", AnchorMonth::This),
    ("本月", AnchorMonth::This),
    ("次月", AnchorMonth::Next),
    ("下月", AnchorMonth::Next),
];

const TRADITIONAL: &str = "時個鐘頭週兩內盡間規馬隨於號當為";
const SIMPLIFIED: &str = "时个钟头周两内尽间规马随于号当为";

/// Maps a character to the one the grammar is written in, one for one so offsets survive:
/// Traditional to Simplified, full-width digits and punctuation to ASCII.
fn simplify(c: char) -> char {
    match c {
        '０'..='９' => char::from_digit(u32::from(c) - u32::from('０'), 10).unwrap_or(c),
        '．' => '.',
        '－' | '—' | '–' => '-',
        '～' | '〜' => '~',
        _ => TRADITIONAL
            .chars()
            .zip(SIMPLIFIED.chars())
            .find_map(|(t, simple)| (t == c).then_some(simple))
            .unwrap_or(c),
    }
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
    Ok(quantity)
}

fn in_months(years: Quantity) -> Option<Quantity> {
    let amount = years.amount.checked_mul(&Amount::from_integer(12))?;
    Some(Quantity {
        amount,
        unit: Unit::Months,
    })
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

    fn duration(&mut self) -> Result<Duration, ParseError> {
        if let Some(word) = VAGUE.split(' ').find(|w| self.eat(w)) {
            self.eat_any(&WITHIN);
            return Ok(Duration::Vague {
                word: word.to_string(),
            });
        }
        if let Some(anchor) = self.anchor()? {
            return Ok(anchor);
        }
        if self.eat("每") {
            return self.frequency();
        }
        if self.eat_any(&RETENTION).is_some() {
            let quantity = self.quantity(None)?;
            self.eat_any(&WITHIN);
            return Ok(Duration::Retention { quantity });
        }
        self.span_or_range()
    }

    /// `每月28日`, `次月5日前`; `None` (having consumed nothing) when this is not an anchor.
    fn anchor(&mut self) -> Result<Option<Duration>, ParseError> {
        let start = *self;
        let Some(&(word, month)) = ANCHOR_MONTHS.iter().find(|(w, _)| self.eat(w)) else {
            return Ok(None);
        };
        let day_offset = self.offset();
        let day = self
            .number()
            .ok()
            .filter(|_| self.eat_any(&["日", "号"]).is_some());
        let Some(day) = day else {
            if word == "每月" {
                *self = start; // 每月一次 is a frequency
                return Ok(None);
            }
            let message = format!("expected a day of the month after `{word}`");
            return Err(error(day_offset, message, Some("such as `次月5日前`")));
        };
        let day = Some(day)
            .filter(Ratio::is_integer)
            .and_then(|d| u8::try_from(d.to_integer()).ok())
            .filter(|d| (1..=31).contains(d))
            .ok_or_else(|| {
                let found = amount_text(&day);
                error(
                    day_offset,
                    format!("day of month must be between 1 and 31, found `{found}`"),
                    None,
                )
            })?;
        let bound = if self.eat_any(&BEFORE).is_some() {
            AnchorBound::Before
        } else if self.eat_any(&BY).is_some() {
            AnchorBound::By
        } else {
            AnchorBound::On
        };
        Ok(Some(Duration::Anchor { month, day, bound }))
    }

    /// What follows 每: a period, an optional `至少`, and a count with `次`.
    fn frequency(&mut self) -> Result<Duration, ParseError> {
        let per = self.quantity(Some(Amount::one()))?;
        let at_least = self.eat_any(&AT_LEAST).is_some();
        let offset = self.offset();
        if !self.starts_number() {
            return Err(error(offset, "expected a count, such as `一次`", None));
        }
        let count = self.number()?;
        let count = Some(count)
            .filter(Ratio::is_integer)
            .and_then(|c| u32::try_from(c.to_integer()).ok())
            .filter(|&c| c > 0)
            .ok_or_else(|| error(offset, "a count must be a whole number from 1 up", None))?;
        if !self.eat("次") {
            return Err(error(self.offset(), "expected `次` after the count", None));
        }
        Ok(Duration::Frequency {
            count,
            at_least,
            per,
        })
    }

    /// An amount and a unit; `default` stands in for a missing amount (`每月` is per 1 month).
    fn quantity(&mut self, default: Option<Amount>) -> Result<Quantity, ParseError> {
        let offset = self.offset();
        let amount = match default {
            Some(amount) if !self.starts_number() => amount,
            _ => self.amount()?,
        };
        scale(amount, self.unit()?, offset)
    }

    fn span_or_range(&mut self) -> Result<Duration, ParseError> {
        let start = self.offset();
        let first = self.amount()?;
        let mut lower = *self;
        let lower_unit = lower.unit();
        let mut rest = if lower_unit.is_ok() { lower } else { *self };
        if rest.eat_any(&RANGE_SEPARATORS).is_none() {
            let quantity = scale(first, lower_unit?, start)?;
            *self = lower;
            let within = self.eat_any(&WITHIN).is_some();
            return Ok(Duration::Span { quantity, within });
        }
        *self = rest;
        let max_start = self.offset();
        let second = self.amount()?;
        let upper_unit = self.unit()?;
        let mut min = scale(first, lower_unit.unwrap_or(upper_unit), start)?;
        let mut max = scale(second, upper_unit, max_start)?;
        // `0.5-1年` has a lower end already in months; bring the upper end along.
        match (min.unit, max.unit) {
            (a, b) if a == b => {}
            (Unit::Years, Unit::Months) => min = in_months(min).ok_or_else(|| too_large(start))?,
            (Unit::Months, Unit::Years) => {
                max = in_months(max).ok_or_else(|| too_large(max_start))?
            }
            _ => {
                let help = Some("write both ends in one unit, such as `1-2个月`");
                return Err(error(
                    max_start,
                    "both ends of a range must use the same unit",
                    help,
                ));
            }
        }
        if min.amount > max.amount {
            let (lo, hi) = (amount_text(&min.amount), amount_text(&max.amount));
            return Err(error(
                start,
                format!("range minimum `{lo}` is greater than maximum `{hi}`"),
                None,
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
                let message = match unit.unit() {
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
                numer = numer
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(i64::from(digit)))
                    .ok_or_else(|| too_large(offset))?;
                if fraction {
                    denom = denom.checked_mul(10).ok_or_else(|| too_large(offset))?;
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

    /// A unit word, optionally after 个, with its multiple of the normalised unit.
    fn unit(&mut self) -> Result<(Unit, i64), ParseError> {
        let offset = self.offset();
        self.eat("个");
        for (word, unit, factor) in UNIT_WORDS {
            let mut after = *self;
            // 分 alone is also "point" or "part"; take it as minutes only where nothing can follow.
            if after.eat(word)
                && (word != "分" || after.at_end() || WITHIN.iter().any(|w| after.looking_at(w)))
            {
                *self = after;
                return Ok((unit, factor));
            }
        }
        let message = match self.at_end() {
            true => "missing a time unit".to_string(),
            false => format!("unknown time unit `{}`", self.rest()),
        };
        Err(error(offset, message, Some(UNIT_HELP)))
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
    let duration = scanner.duration()?;
    if !scanner.at_end() {
        let message = format!("unexpected `{}` after the time limit", scanner.rest());
        let help = Some("only 内, 以内 or 之内 may follow a time limit");
        return Err(error(scanner.offset(), message, help));
    }
    Ok(duration)
}

#[cfg(test)]
mod tests {
    use super::*;
    use AnchorBound::{Before, By, On};
    use AnchorMonth::{Next, This};
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

    fn anchor(month: AnchorMonth, day: u8, bound: AnchorBound) -> Duration {
        Duration::Anchor { month, day, bound }
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
            ("次月", "expected a day of the month after `次月`", 2),
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

    fn quantity() -> impl Strategy<Value = Quantity> {
        let amount = (1i64..200, prop_oneof![Just(1i64), Just(2), Just(10)]);
        (amount, proptest::sample::select(UNITS.to_vec())).prop_map(|((n, d), unit)| {
            let amount = Amount::new(n, d);
            // Fractional years parse back as months, which is a different (equal-meaning) value.
            let amount = if unit == Years { amount.ceil() } else { amount };
            Quantity { amount, unit }
        })
    }

    fn duration() -> impl Strategy<Value = Duration> {
        let bounds = proptest::sample::select(vec![On, Before, By]);
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
                let month = if next { Next } else { This };
                Duration::Anchor { month, day, bound }
            }),
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
            text in "[0-9０-９一二两兩三十百半个個小时時工作日天周月年季度秒分钟內内以之每次至少前近最在 .～~-]{0,12}"
        ) {
            if let Err(err) = parse(&text) {
                prop_assert!(err.offset <= text.chars().count());
            }
        }

        #[test]
        fn display_round_trips(duration in duration()) {
            prop_assert_eq!(parse(&duration.to_string()), Ok(duration));
        }
    }
}
