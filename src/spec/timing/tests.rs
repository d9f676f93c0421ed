use super::*;
use proptest::prelude::*;

fn q(amount: (i64, i64), unit: Unit) -> Time {
    Time::of(Quantity {
        amount: Amount::new(amount.0, amount.1),
        unit,
    })
}

/// Monday to Friday, 09:00–17:00, no holidays: the clock range of a span
/// by trying every start hour of a week, counting working minutes one by
/// one over two weeks (whole weeks beyond that are 40 hours each).
struct OfficeWeek;

const WEEK: i64 = 7 * 1440;
const WEEK_WORK: i64 = 5 * 8 * 60;

fn working_minute(minute: i64) -> bool {
    let (day, minute) = (minute / 1440 % 7, minute % 1440);
    day < 5 && (9 * 60..17 * 60).contains(&minute)
}

impl WorkingClock for OfficeWeek {
    fn seconds_per_day(&self) -> i64 {
        8 * 3600
    }
    fn clock_range(&self, working: i64) -> Option<(i64, i64)> {
        let need = working.div_euclid(60) + i64::from(working % 60 != 0);
        let weeks = (need / WEEK_WORK).saturating_sub(1);
        let rest = need - weeks * WEEK_WORK;
        let (mut lo, mut hi) = (i64::MAX, 0);
        for start in (0..WEEK).step_by(60) {
            let (mut t, mut left) = (start, rest);
            while left > 0 {
                left -= i64::from(working_minute(t));
                t += 1;
            }
            let took = t - start + weeks * WEEK;
            lo = lo.min(took);
            hi = hi.max(took);
        }
        Some((lo * 60, hi * 60))
    }
}

fn on(time: Time, clock: Option<&dyn WorkingClock>) -> Side<'_> {
    Side { time, clock }
}

fn order(a: Time, b: Time, clock: Option<&dyn WorkingClock>) -> Verdict {
    compare(on(a, clock), on(b, clock))
}

const GREATER: Verdict = Verdict::Is(Ordering::Greater);
const LESS: Verdict = Verdict::Is(Ordering::Less);
const EQUAL: Verdict = Verdict::Is(Ordering::Equal);

#[test]
fn clock_units_compare_exactly() {
    assert_eq!(
        order(q((2, 1), Unit::Hours), q((120, 1), Unit::Minutes), None),
        EQUAL
    );
    assert_eq!(
        order(q((24, 1), Unit::Hours), q((1, 1), Unit::Days), None),
        EQUAL
    );
    assert_eq!(
        order(q((30, 1), Unit::Seconds), q((1, 1), Unit::Minutes), None),
        LESS
    );
    assert_eq!(
        order(q((48, 1), Unit::Hours), q((1, 1), Unit::Days), None),
        GREATER
    );
}

#[test]
fn working_time_compares_with_working_time_without_a_calendar() {
    let half = q((1, 2), Unit::WorkingDays);
    assert_eq!(order(half, q((2, 1), Unit::WorkingDays), None), LESS);
    let sum = q((2, 1), Unit::WorkingDays) + q((3, 2), Unit::WorkingDays);
    assert_eq!(order(sum, q((3, 1), Unit::WorkingDays), None), GREATER);
    // Working hours against working days need the length of a day.
    assert_eq!(
        order(q((4, 1), Unit::WorkingHours), half, None),
        Verdict::Undecided(Why::NeedsCalendar)
    );
    assert_eq!(
        order(q((4, 1), Unit::WorkingHours), half, Some(&OfficeWeek)),
        EQUAL
    );
    // More of every part is longer, calendar or not.
    let more = q((1, 1), Unit::WorkingDays) + q((2, 1), Unit::Hours);
    assert_eq!(order(more, q((1, 1), Unit::WorkingDays), None), GREATER);
}

#[test]
fn working_time_meets_clock_time_through_ranges() {
    let week = Some(&OfficeWeek as &dyn WorkingClock);
    // Half a working day is at least 4 hours of clock time: decided.
    assert_eq!(
        order(q((1, 2), Unit::WorkingDays), q((2, 1), Unit::Hours), week),
        GREATER
    );
    // Two working days take 16 hours (Monday 09:00 to Tuesday 17:00 is 32)
    // up to 104 hours (Friday 17:00 to Tuesday 17:00): 48 hours is inside.
    let two = q((2, 1), Unit::WorkingDays);
    let Verdict::Undecided(Why::Overlap { a, b }) = order(two, q((48, 1), Unit::Hours), week)
    else {
        panic!("2个工作日 against 48小时 must be undecided");
    };
    assert_eq!(describe_range(&a), "32小时至4天");
    assert_eq!(describe_range(&b), "48小时");
    // Without a calendar, working days are not turned into clock time.
    assert_eq!(
        order(two, q((48, 1), Unit::Hours), None),
        Verdict::Undecided(Why::NeedsCalendar)
    );
    // Working hours are at least as long in clock time, calendar or not.
    assert_eq!(
        order(q((3, 1), Unit::WorkingHours), q((2, 1), Unit::Hours), None),
        GREATER
    );
}

#[test]
fn months_count_as_months_and_as_days_as_many_as_they_can_have() {
    let (month, hours, days) = (Unit::Months, Unit::Hours, Unit::Days);
    assert_eq!(order(q((1, 1), month), q((48, 1), hours), None), GREATER);
    assert!(matches!(
        order(q((1, 1), month), q((30, 1), days), None),
        Verdict::Undecided(Why::Overlap { .. })
    ));
    assert_eq!(order(q((3, 1), month), q((1, 1), Unit::Years), None), LESS);
    // 半年 is 6个月, and months add up as months.
    assert_eq!(order(q((1, 2), Unit::Years), q((6, 1), month), None), EQUAL);
    let sum = q((1, 1), month) + q((3, 2), month) + q((1, 2), month);
    assert_eq!(order(sum, q((3, 1), month), None), EQUAL);
    // Any six months are 181 to 184 days; a year 365 or 366.
    assert_eq!(order(q((6, 1), month), q((180, 1), days), None), GREATER);
    assert_eq!(order(q((6, 1), month), q((185, 1), days), None), LESS);
    assert_eq!(
        order(q((1, 1), Unit::Years), q((365, 1), days), None),
        Verdict::AtLeast
    );
}

#[test]
fn extra_working_time_covers_extra_clock_time() {
    // The steps of a complaint table: 2 hours, then 0.5 and 2 working
    // days, against 3 working days from the same start.
    let steps = q((2, 1), Unit::Hours) + q((5, 2), Unit::WorkingDays);
    let week = Some(&OfficeWeek as &dyn WorkingClock);
    assert_eq!(order(steps, q((3, 1), Unit::WorkingDays), week), LESS);
    // Without a calendar working hours still cover clock hours.
    let hours = q((3, 1), Unit::WorkingHours);
    let mixed = q((2, 1), Unit::WorkingHours) + q((1, 1), Unit::Hours);
    assert_eq!(order(mixed, hours, None), Verdict::AtMost);
}

#[test]
fn ranges_that_touch_are_never_longer() {
    // Five working days on a five-day week take at most a week.
    let week = Some(&OfficeWeek as &dyn WorkingClock);
    let five = q((5, 1), Unit::WorkingDays);
    assert_eq!(order(five, q((7, 1), Unit::Days), week), Verdict::AtMost);
    // Half a working day is never shorter than four hours.
    let half = q((1, 2), Unit::WorkingDays);
    assert_eq!(order(half, q((4, 1), Unit::Hours), week), Verdict::AtLeast);
}

#[test]
fn times_in_words() {
    assert_eq!(describe(&q((13, 4), Unit::WorkingDays)), "3.25个工作日");
    let mixed = q((3, 2), Unit::WorkingDays) + q((2, 1), Unit::Hours);
    assert_eq!(describe(&mixed), "1.5个工作日 + 2小时");
    assert_eq!(describe(&q((1, 1), Unit::Months)), "1个月");
    assert_eq!(
        describe(&(q((1, 1), Unit::Years) + q((3, 1), Unit::Days))),
        "12个月 + 3天"
    );
    assert_eq!(describe(&q((1, 3), Unit::WorkingDays)), "约0.3个工作日");
    assert_eq!(describe(&Time::zero()), "0");
}

fn unit() -> impl Strategy<Value = Unit> {
    prop_oneof![
        Just(Unit::Seconds),
        Just(Unit::Minutes),
        Just(Unit::Hours),
        Just(Unit::Days),
        Just(Unit::WorkingHours),
        Just(Unit::WorkingDays),
        Just(Unit::Months),
        Just(Unit::Years),
    ]
}

fn time() -> impl Strategy<Value = Time> {
    (1i64..200, 1i64..4, unit()).prop_map(|(n, d, u)| q((n, d), u))
}

proptest! {
    /// Wherever it decides, ordering is antisymmetric and transitive.
    #[test]
    fn ordering_is_consistent(a in time(), b in time(), c in time(), calendar in any::<bool>()) {
        let clock = calendar.then_some(&OfficeWeek as &dyn WorkingClock);
        if let (Verdict::Is(ab), Verdict::Is(ba)) = (order(a, b, clock), order(b, a, clock)) {
            prop_assert_eq!(ab, ba.reverse());
        }
        if let (Verdict::Is(ab), Verdict::Is(bc), Verdict::Is(ac)) =
            (order(a, b, clock), order(b, c, clock), order(a, c, clock))
            && ab != Ordering::Greater
            && bc != Ordering::Greater
        {
            prop_assert_ne!(ac, Ordering::Greater, "{:?} <= {:?} <= {:?}", a, b, c);
        }
    }

    /// Adding time never makes it shorter.
    #[test]
    fn sums_grow(a in time(), b in time(), calendar in any::<bool>()) {
        let clock = calendar.then_some(&OfficeWeek as &dyn WorkingClock);
        prop_assert_ne!(order(a + b, a, clock), LESS);
    }
}

/// Amounts at the parser's bounds: a millisecond to a hundred years, with
/// the decimal places it allows.
fn extreme() -> impl Strategy<Value = Time> {
    let amount = prop_oneof![
        (1i64..=1000).prop_map(|n| (n, 1000)), // up to a second in ms
        (1i64..=100).prop_map(|n| (n, 1)),     // whole units
        (1i64..=1_000_000).prop_map(|n| (n, 10_000)), // four decimals
        Just((100, 1)),
    ];
    (amount, unit()).prop_map(|(a, u)| q(a, u))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Sums of a thousand extreme amounts compare without overflow (the
    /// arithmetic is on i128 rationals, exact), and consistently.
    #[test]
    fn extreme_sums_compare_without_overflow(parts in prop::collection::vec(extreme(), 1..1000), b in extreme(), calendar in any::<bool>()) {
        let clock = calendar.then_some(&OfficeWeek as &dyn WorkingClock);
        let sum = parts.iter().fold(Time::zero(), |s, &t| s + t);
        let (ab, ba) = (order(sum, b, clock), order(b, sum, clock));
        if let (Verdict::Is(x), Verdict::Is(y)) = (ab, ba) {
            prop_assert_eq!(x, y.reverse());
        }
        let _ = describe(&sum);
    }
}
